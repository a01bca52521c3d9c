import { expect, test } from 'vitest';
import { nextDirtySet } from './unsaved';

test('the page is dirty while any draft is, and a report that changes nothing keeps the same set', () => {
  const empty: ReadonlySet<string> = new Set();
  const hours = nextDirtySet(empty, 'hours', true);
  const both = nextDirtySet(hours, 'rules', true);
  expect([...both].sort()).toEqual(['hours', 'rules']);
  expect(nextDirtySet(both, 'rules', true)).toBe(both);
  expect(nextDirtySet(empty, 'hours', false)).toBe(empty);
  expect([...nextDirtySet(both, 'hours', false)]).toEqual(['rules']);
});
