import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { CALLGEAR_API_ORIGINS } from './lib/callgear/hosts';
import { MINIMUM_CHROME_VERSION, manifestProblems, type ManifestLike } from './lib/manifest-check';

/**
 * zod compiles fast validators with `new Function` where a page allows it. The extension's CSP never
 * does (zod then falls back to its interpreter), so the build takes that path out: each of zod's aliases
 * of the constructor becomes a function that throws, which is exactly what the CSP makes it do at run
 * time. The built extension then holds no string evaluation at all (tests/e2e/bundle.e2e.ts scans it).
 */
function noStringEval(): Plugin {
  const alias = 'const F = Function;';
  return {
    name: 'callgear-autocrm:no-string-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id) || !code.includes(alias)) return null;
      return { code: code.replaceAll(alias, 'const F = function () { throw new EvalError("no string evaluation in this extension"); };'), map: null };
    },
  };
}

/**
 * `WXT_MODE=sim` builds the same extension for the simulators (tests and demo): the simulated hosts
 * get install-time host permissions because a headless test browser cannot answer the permission
 * prompt. See docs/decisions.md ("Sim build").
 */
/**
 * `BUNDLE_ANALYZE=1` (tests/bench/bundle-bench.ts) builds into .output/analyze with hidden source maps,
 * so the bench can sum each source module's bytes in the minified output. `BUNDLE_SOURCEMAP=1` adds the
 * hidden maps to a normal build: the bench's simulator build, to name the worker's profiled functions.
 * The shipped build has none.
 */
const analyze = process.env.BUNDLE_ANALYZE === '1';
const sourcemap = analyze || process.env.BUNDLE_SOURCEMAP === '1';

export default defineConfig({
  imports: false,
  ...(analyze ? { outDir: '.output/analyze' } : {}),
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({
    plugins: [preact(), noStringEval()],
    ...(sourcemap ? { build: { sourcemap: 'hidden' as const } } : {}),
    // nunjucks' parser loads nunjucks/src/object.js, which requires Node's `events` (for an Environment the
    // interpreter never builds): the browser build gets the interpreter's stand-in (lib/templates/jinja/).
    resolve: {
      alias: [
        { find: /^events$/, replacement: fileURLToPath(new URL('./lib/templates/jinja/events-shim.cjs', import.meta.url)) },
        // Dexie's own ES-module build for current browsers, same version: the package's `import` entry wraps its
        // ES5 UMD build, 11 KB minified larger in the worker (docs/decisions.md, "zod/mini in the worker (issue 18)").
        { find: /^dexie$/, replacement: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)) },
      ],
    },
  }),
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
    permissions: ['storage', 'alarms', 'webRequest'],
    optional_host_permissions: ['https://*.autocrm.ru/*', ...CALLGEAR_API_ORIGINS],
    ...(mode === 'sim'
      ? { host_permissions: ['https://*.autocrm.ru/*', ...CALLGEAR_API_ORIGINS] }
      : {}),
    action: { default_title: '__MSG_extName__' },
    // An enterprise policy can push one configuration to every operator (Share section).
    storage: { managed_schema: 'managed_schema.json' },
    // Stated explicitly so a reviewer (and the build check) sees it: no string evaluation anywhere, no
    // plugins, no <base>, not framed by anyone. Templates are interpreted over their syntax tree
    // (lib/templates/jinja/), so no page needs 'unsafe-eval' or a sandbox.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
  }),
});
