import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CALLGEAR_API_ORIGINS } from './lib/callgear/hosts';

/**
 * `WXT_MODE=sim` builds the same extension for the simulators (tests and demo): the simulated hosts
 * get install-time host permissions because a headless test browser cannot answer the permission
 * prompt. See docs/decisions.md ("Sim build").
 */
export default defineConfig({
  imports: false,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode }) => ({
    name: '__MSG_extName__',
    short_name: 'CallGear · AutoCRM',
    description: '__MSG_extDescription__',
    default_locale: 'ru',
    permissions: ['storage', 'alarms', 'webRequest'],
    optional_host_permissions: ['https://*.autocrm.ru/*', ...CALLGEAR_API_ORIGINS],
    ...(mode === 'sim'
      ? { host_permissions: ['https://*.autocrm.ru/*', ...CALLGEAR_API_ORIGINS] }
      : {}),
    action: { default_title: '__MSG_extName__' },
    // An enterprise policy can push one configuration to every operator (Share section).
    storage: { managed_schema: 'managed_schema.json' },
    // Stated explicitly so a reviewer (and a test) sees it: no string evaluation anywhere. Templates are
    // interpreted over their syntax tree (lib/templates/jinja/), so no page needs 'unsafe-eval' or a sandbox.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  }),
});
