import { describe, expect, test } from 'vitest';
import { CoalescingCache, Coalescer, WindowLimit } from './rate-limit';

/** A fake clock with a timer queue: `advance` runs what falls due, in order. */
function fakeTime() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    schedule: (run: () => void, delay: number) => void timers.push({ at: now + delay, run }),
    advance(ms: number) {
      now += ms;
      timers.sort((a, b) => a.at - b.at);
      while (timers.length > 0 && timers[0]!.at <= now) timers.shift()!.run();
    },
    pendingTimers: () => timers.length,
  };
}

describe('WindowLimit', () => {
  test('admits max per window per sender, then again once the window slides', () => {
    const time = fakeTime();
    const limit = new WindowLimit(3, 60_000, time.now);
    expect([1, 2, 3, 4].map(() => limit.admit('tab:1'))).toEqual([true, true, true, false]);
    expect(limit.admit('tab:2')).toBe(true);
    time.advance(59_999);
    expect(limit.admit('tab:1')).toBe(false);
    time.advance(1);
    expect(limit.admit('tab:1')).toBe(true);
  });
});

describe('CoalescingCache', () => {
  test('one load per key within the ttl, shared by concurrent asks; reloaded after it', async () => {
    const time = fakeTime();
    const cache = new CoalescingCache<number>(30_000, time.now);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('+79123456789', load), cache.get('+79123456789', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    time.advance(29_999);
    expect(await cache.get('+79123456789', load)).toBe(1);
    time.advance(1);
    expect(cache.has('+79123456789')).toBe(false);
    expect(await cache.get('+79123456789', load)).toBe(2);
  });

  test('a failed load is not cached', async () => {
    const time = fakeTime();
    const cache = new CoalescingCache<number>(30_000, time.now);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.has('k')).toBe(false);
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  test('holds at most maxEntries keys', async () => {
    const time = fakeTime();
    const cache = new CoalescingCache<number>(30_000, time.now, 3);
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, async () => 1);
    expect(['a', 'b', 'c', 'd'].map((k) => cache.has(k))).toEqual([false, true, true, true]);
  });
});

describe('Coalescer', () => {
  test('300 requests in a burst make two runs: one now, one at the end of the interval', () => {
    const time = fakeTime();
    const coalescer = new Coalescer(15_000, time.now, time.schedule);
    let runs = 0;
    const outcomes = Array.from({ length: 300 }, () => coalescer.request('call', () => runs++));
    expect(outcomes[0]).toBe('now');
    expect(outcomes[1]).toBe('scheduled');
    expect(outcomes.slice(2).every((o) => o === 'coalesced')).toBe(true);
    expect(runs).toBe(1);
    time.advance(14_999);
    expect(runs).toBe(1);
    time.advance(1);
    expect(runs).toBe(2);
    expect(time.pendingTimers()).toBe(0);
  });

  test('kinds are independent; a request after a quiet interval runs at once', () => {
    const time = fakeTime();
    const coalescer = new Coalescer(15_000, time.now, time.schedule);
    const runs: string[] = [];
    expect(coalescer.request('call', () => runs.push('call'))).toBe('now');
    expect(coalescer.request('chat', () => runs.push('chat'))).toBe('now');
    time.advance(15_000);
    expect(coalescer.request('call', () => runs.push('call'))).toBe('now');
    expect(runs).toEqual(['call', 'chat', 'call']);
  });
});
