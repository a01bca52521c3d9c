import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CALLGEAR_API_ORIGINS } from './lib/callgear/hosts';
import { MINIMUM_CHROME_VERSION, manifestProblems, type ManifestLike } from './lib/manifest-check';

/**
 * `WXT_MODE=sim` builds the same extension for the simulators (tests and demo): the simulated hosts
 * get install-time host permissions because a headless test browser cannot answer the permission
 * prompt. See docs/decisions.md ("Sim build").
 */
export default defineConfig({
  imports: false,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // A build whose manifest loosens the hardening fails here rather than ships (lib/manifest-check.ts).
    'build:manifestGenerated': (wxt, manifest) => {
      const problems = manifestProblems(manifest as ManifestLike, wxt.config.mode);
      if (problems.length > 0) throw new Error(`Manifest check failed:\n- ${problems.join('\n- ')}`);
    },
  },
  manifest: ({ mode }) => ({
    name: '__MSG_extName__',
    short_name: 'CallGear · AutoCRM',
    description: '__MSG_extDescription__',
    default_locale: 'ru',
    // Why this version: lib/manifest-check.ts (MINIMUM_CHROME_VERSION) and docs/decisions.md.
    minimum_chrome_version: MINIMUM_CHROME_VERSION,
    permissions: ['storage', 'alarms', 'offscreen'],
    optional_host_permissions: ['https://*.autocrm.ru/*', ...CALLGEAR_API_ORIGINS],
    ...(mode === 'sim'
      ? { host_permissions: ['https://*.autocrm.ru/*', ...CALLGEAR_API_ORIGINS] }
      : {}),
    action: { default_title: '__MSG_extName__' },
    // An enterprise policy can push one configuration to every operator (Share section).
    storage: { managed_schema: 'managed_schema.json' },
    // Stated explicitly so a reviewer (and the build check) sees it: no string evaluation in extension
    // pages, no plugins, no <base>, not framed by anyone; the template sandbox alone may evaluate, has no
    // extension APIs, and may reach nothing (default-src 'none': security review H1).
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      sandbox: "sandbox allow-scripts; default-src 'none'; script-src 'self' 'unsafe-eval'; object-src 'none'",
    },
  }),
});
