/**
 * Which build this code runs in. Vite replaces `import.meta.env.MODE` with a literal at build time:
 * `production` for `npm run build`, `sim` for `npm run build:sim` (docs/decisions.md "Sim build"),
 * `test` under Vitest. Node tools run by tsx without Vite (the bench, the demo's driver) have no
 * `import.meta.env`: they are `node`. An extension bundle always goes through Vite, so it never is.
 */
function currentMode(): string {
  try {
    return import.meta.env.MODE ?? 'node';
  } catch {
    return 'node';
  }
}

export const BUILD_MODE: string = currentMode();

/**
 * Loopback servers (the simulators) may receive credentials only in builds and tools made for them:
 * the sim build, the tests and Node tools. A production build never sends a key to 127.0.0.1 or to a
 * non-standard port.
 */
export function allowsLoopback(mode: string = BUILD_MODE): boolean {
  return mode === 'sim' || mode === 'test' || mode === 'node';
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname);
