// The agreed rule set (docs/decisions.md, "Settings, states and planning"): @eslint/js recommended and
// typescript-eslint recommended, syntax only (no type information, so a run takes seconds).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // TypeScript resolves every name itself (browser and Node globals included), and better.
      'no-undef': 'off',
      // A leading underscore marks a value left out on purpose (`const { rules: _rules, ...rest } = config`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Python's str.splitlines() breaks at control characters (\x0b, \x0c, \x1c–\x1e): Jinja2 compatibility needs them.
    files: ['lib/templates/jinja/builtins/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // A script the simulator serves to a page: it runs in the page, with the page's globals.
    files: ['tests/sim/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    // Node scripts run before the build (setup, icons).
    files: ['tests/tools/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
  {
    // CommonJS stand-ins for Node modules a dependency requires (lib/templates/jinja/events-shim.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
