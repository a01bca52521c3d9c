import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (.output/chrome-mv3-sim) in Debian's headless Chromium.
// One file at a time: each test file starts its own browser, and the machine has two cores.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    setupFiles: ['./tests/tools/locale-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
