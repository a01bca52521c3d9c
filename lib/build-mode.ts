/**
 * Which build this code runs in. Vite replaces `import.meta.env.MODE` at build time: `production` for
 * `npm run build`, `sim` for `npm run build:sim` (docs/decisions.md "Sim build"), `test` under Vitest.
 */
export type BuildMode = 'production' | 'sim' | 'test' | 'development';

export const BUILD_MODE: string = import.meta.env.MODE;

/**
 * Loopback servers (the simulators) may receive credentials only in builds made for them: the sim build
 * and the tests. A production build never sends a key to 127.0.0.1 or to a non-standard port.
 */
export function allowsLoopback(mode: string = BUILD_MODE): boolean {
  return mode === 'sim' || mode === 'test';
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname);
