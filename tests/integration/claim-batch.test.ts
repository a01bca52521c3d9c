import { describe, expect, test } from 'vitest';
import { NEVER } from '@/lib/db';
import { accountNow } from '../sim/callgear/fixtures';
import { useSimulators } from '../sim/use-simulators';
import { createPipeline, TestClock, TEST_RULES } from './pipeline-harness';

const { autocrm, callgear } = useSimulators();

describe('a drain claims for its free slots together', () => {
  test('the first claim takes one item per slot and as many ahead in one transaction; every item is finished, none left leased', async () => {
    for (let i = 0; i < 14; i++) callgear.sim.addCall({ employeeId: 9001, contact: `7926${String(4_000_000 + i).padStart(7, '0')}`, start: accountNow().minus({ minutes: 30 - i }) });
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock: new TestClock(), installation: { employeeId: 9001 }, rules: TEST_RULES });
    await p.pollAll();
    const asked: number[] = [];
    const claim = p.inbox.claim.bind(p.inbox);
    p.inbox.claim = async (owner, limit, accept, links) => {
      asked.push(limit);
      return claim(owner, limit, accept, links);
    };
    const finished = await p.processor.drain({ owner: 'w', concurrency: 6, budgetMs: 60_000 });
    expect(finished).toBe(14);
    expect(asked[0]).toBe(12);
    expect(asked.length).toBeLessThanOrEqual(4);
    expect(await p.db.inbox.where('dueAt').below(NEVER).count()).toBe(0);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(14);
  });

  test('items claimed ahead that no slot started when the drain ends are put back as they were', async () => {
    for (let i = 0; i < 8; i++) callgear.sim.addCall({ employeeId: 9001, contact: `7926${String(5_000_000 + i).padStart(7, '0')}`, start: accountNow().minus({ minutes: 30 - i }) });
    const clock = new TestClock();
    // The budget runs out during the first item (the clock jumps at its first request).
    let first = true;
    const p = createPipeline({
      autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES,
      wrapAutocrm: (client) => new Proxy(client, { get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (first) clock.advance(1);
          first = false;
          return value.apply(target, args);
        };
      } }),
    });
    await p.pollAll();
    const before = await p.db.inbox.toArray();
    expect(await p.processor.drain({ owner: 'w', concurrency: 1, budgetMs: 30_000 })).toBe(1);
    const after = await p.db.inbox.toArray();
    expect(after.filter((i) => i.state === 'done')).toHaveLength(1);
    // The one claimed ahead is as it was before the claim: new, not leased, its attempt not counted.
    const untouched = after.filter((i) => i.state !== 'done');
    expect(untouched).toEqual(before.filter((i) => untouched.some((u) => u.key === i.key)));
    expect(untouched).toHaveLength(7);
    expect(await p.inbox.summary()).toMatchObject({ counts: { done: 1, new: 7, processing: 0 } });
  });
});
