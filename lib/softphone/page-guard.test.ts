import { describe, expect, test } from 'vitest';
import { PageGuard, PAGE_LIMITS } from './page-guard';
import type { CallerInfo } from '../caller-lookup';
import { saidOfError } from '../said-error';

function fakeTime() {
  let now = 1_000_000;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    schedule: (run: () => void, delay: number) => void timers.push({ at: now + delay, run }),
    advance(ms: number) {
      now += ms;
      timers.sort((a, b) => a.at - b.at);
      while (timers.length > 0 && timers[0]!.at <= now) timers.shift()!.run();
    },
  };
}

const card = (phone: string): CallerInfo => ({ phone, client: null, inquiries: [], worksheets: [] });

describe('PageGuard look-ups', () => {
  test('the same number within the ttl is answered from the cache, in any form it is written', async () => {
    const time = fakeTime();
    const guard = new PageGuard(time.now, time.schedule);
    const loaded: string[] = [];
    const load = async (phone: string) => (loaded.push(phone), card(phone));
    await guard.lookup('tab:1', '8 (912) 345-67-89', load);
    await guard.lookup('tab:1', '+79123456789', load);
    await guard.lookup('tab:2', '79123456789', load);
    expect(loaded).toEqual(['+79123456789']);
    time.advance(PAGE_LIMITS.lookupTtlMs);
    await guard.lookup('tab:1', '9123456789', load);
    expect(loaded).toHaveLength(2);
  });

  test('25 distinct numbers from one tab: only the first few are looked up, the rest refused with a reason', async () => {
    const time = fakeTime();
    const guard = new PageGuard(time.now, time.schedule);
    let loads = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => guard.lookup('tab:7', `+7912000${String(i).padStart(4, '0')}`, async (p) => (loads++, card(p)))),
    );
    expect(loads).toBe(PAGE_LIMITS.newNumbersPerMinute);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(25 - PAGE_LIMITS.newNumbersPerMinute);
    expect(saidOfError((refused[0] as PromiseRejectedResult).reason)).toEqual({ key: 'lookup.tooManyNumbers' });
    // Another tab is not starved by this one; the same tab may go on a minute later.
    await guard.lookup('tab:8', '+79031112233', async (p) => (loads++, card(p)));
    time.advance(60_000);
    await guard.lookup('tab:7', '+79031112244', async (p) => (loads++, card(p)));
    expect(loads).toBe(PAGE_LIMITS.newNumbersPerMinute + 2);
  });

  test('a non-phone string is refused before any load', async () => {
    const time = fakeTime();
    const guard = new PageGuard(time.now, time.schedule);
    let loads = 0;
    for (const raw of ['%%%', '101', 'abc', '']) {
      await expect(guard.lookup('tab:1', raw, async (p) => (loads++, card(p)))).rejects.toMatchObject({ said: { key: 'lookup.notAPhone', params: { phone: raw.slice(0, 40) } } });
    }
    expect(loads).toBe(0);
  });
});

describe('PageGuard polls and calls', () => {
  test('300 call.ended events in a burst cost two polls, the second coalesced at the interval end', () => {
    const time = fakeTime();
    const guard = new PageGuard(time.now, time.schedule);
    const polls: string[] = [];
    for (let i = 0; i < 300; i++) guard.poll('call', () => polls.push('call'));
    guard.poll('chat', () => polls.push('chat'));
    expect(polls).toEqual(['call', 'chat']);
    time.advance(PAGE_LIMITS.pollIntervalMs);
    expect(polls).toEqual(['call', 'chat', 'call']);
  });

  test('calls per tab per minute are capped', () => {
    const time = fakeTime();
    const guard = new PageGuard(time.now, time.schedule);
    const admitted = Array.from({ length: 5 }, () => guard.admitCall('tab:1'));
    expect(admitted.filter(Boolean)).toHaveLength(PAGE_LIMITS.callsPerMinute);
    time.advance(60_000);
    expect(guard.admitCall('tab:1')).toBe(true);
  });
});
