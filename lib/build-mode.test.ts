import { describe, expect, test } from 'vitest';
import { allowsLoopback, BUILD_MODE } from './build-mode';

describe('which builds may send credentials to loopback servers', () => {
  test('the production build and development builds may not', () => {
    expect(allowsLoopback('production')).toBe(false);
    expect(allowsLoopback('development')).toBe(false);
  });

  test('the sim build, Vitest and Node tools may (they run the simulators)', () => {
    expect(allowsLoopback('sim')).toBe(true);
    expect(allowsLoopback('test')).toBe(true);
    expect(allowsLoopback('node')).toBe(true);
  });

  test('Vitest runs as the test build', () => {
    expect(BUILD_MODE).toBe('test');
  });
});
