import { describe, expect, test } from 'vitest';
import { ensure } from './once';

function steps(over: Partial<Parameters<typeof ensure<number>>[0]> = {}) {
  const log: string[] = [];
  const base: Parameters<typeof ensure<number>>[0] = {
    recorded: undefined,
    find: async () => (log.push('find'), null),
    create: async () => (log.push('create'), 7),
    record: async (v) => void log.push(`record ${v}`),
  };
  return { log, run: () => ensure({ ...base, ...over }) };
}

describe('find-or-create, once', () => {
  test('what the link records is used as is: nothing asked, nothing recorded again', async () => {
    const { log, run } = steps({ recorded: 3 });
    await expect(run()).resolves.toEqual({ value: 3, origin: 'recorded' });
    expect(log).toEqual([]);
  });

  test('what an earlier attempt made is found and recorded, not created again', async () => {
    const { log, run } = steps({ find: async () => 5 });
    await expect(run()).resolves.toEqual({ value: 5, origin: 'found' });
    expect(log).toEqual(['record 5']);
  });

  test('nothing found: created and recorded', async () => {
    const { log, run } = steps();
    await expect(run()).resolves.toEqual({ value: 7, origin: 'created' });
    expect(log).toEqual(['find', 'create', 'record 7']);
  });

  test('a create refused because another installation just made it: found again', async () => {
    let calls = 0;
    const refused = new Error('duplicate');
    const { run } = steps({ find: async () => (calls++ === 0 ? null : 9), create: async () => Promise.reject(refused), refindAfterRefusal: (e) => e === refused });
    await expect(run()).resolves.toEqual({ value: 9, origin: 'found' });
  });

  test('a refusal that finds nothing again, or is not a race, stands', async () => {
    const refused = new Error('invalid');
    await expect(steps({ create: async () => Promise.reject(refused), refindAfterRefusal: () => true }).run()).rejects.toBe(refused);
    await expect(steps({ find: async () => null, create: async () => Promise.reject(refused) }).run()).rejects.toBe(refused);
  });
});
