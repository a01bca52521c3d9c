import { describe, expect, test } from 'vitest';
import { MAX_NESTING, nestsDeeperThan } from './nesting';

/** `{ a: { a: … } }` or `[[…]]`, built without recursion. */
function nested(depth: number, kind: 'object' | 'array' = 'object'): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

describe('nestsDeeperThan', () => {
  test('counts objects and arrays as levels; scalars are not levels', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestsDeeperThan(nested(MAX_NESTING))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_NESTING + 1, 'array'))).toBe(true);
  });

  test('a 60,000-deep value is measured without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(60_000))).toBe(true);
    expect(nestsDeeperThan(nested(60_000, 'array'))).toBe(true);
  });

  test('one deep branch among shallow ones is found', () => {
    expect(nestsDeeperThan({ ok: [1, 2, { b: 3 }], deep: nested(100) })).toBe(true);
  });
});
