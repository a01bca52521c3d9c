import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and contract tests: lib/ and components/ in Node, extension APIs from WXT's fake browser,
// IndexedDB from fake-indexeddb, simulators over real HTTP on loopback.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'tests/contract/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/sim/**/*.test.ts', 'tests/templates/**/*.test.ts', 'tests/conventions/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto', './tests/tools/locale-setup.ts'],
    testTimeout: 20_000,
  },
});
