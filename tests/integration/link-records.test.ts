import { describe, expect, test } from 'vitest';
import type { AutocrmClient } from '@/lib/autocrm/client';
import { accountNow } from '../sim/callgear/fixtures';
import { useSimulators } from '../sim/use-simulators';
import { duplicateMarkers, NO_DUPLICATES } from '../sim/duplicates';
import { createPipeline, TestClock, TEST_RULES } from './pipeline-harness';

const { autocrm, callgear } = useSimulators();

/** The AutoCRM client, whose inquiry creates fail (before reaching AutoCRM) the first `times` times. */
const failingInquiries = (times: number) => (client: AutocrmClient) =>
  new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'createRequest' && times-- > 0) return () => Promise.reject(new Error('connection reset'));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The AutoCRM client with every method call passed through `around` (to delay or reorder answers). */
const aroundEachCall = (around: (call: () => Promise<unknown>) => Promise<unknown>) => (client: AutocrmClient) =>
  new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (...args: unknown[]) => around(() => value.apply(target, args)) : value;
    },
  });

describe('the plan and the link are written together', () => {
  test('a failure after the first create leaves the plan with the record; the retry resumes it and creates nothing twice', async () => {
    const clock = new TestClock();
    const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79267000001', start: accountNow().minus({ minutes: 5 }) });
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES, wrapAutocrm: failingInquiries(1) });
    await p.pollAll();
    await p.processor.drain({ owner: 'first' });
    const key = `call:${call.id}`;
    const failed = (await p.db.inbox.get(key))!;
    expect(failed.state).toBe('failed');
    expect(failed.plan?.outcome).toMatchObject({ type: 'create', entity: 'inquiry' });
    const link = (await p.db.links.get(key))!;
    expect(link.callId).toEqual(expect.any(Number));
    expect(link.entity).toBeUndefined();

    clock.advance(60);
    await p.processor.drain({ owner: 'second' });
    expect((await p.db.inbox.get(key))!.state).toBe('done');
    expect((await p.inbox.steps(key)).map((s) => s.step)).toContain('resume');
    expect(autocrm.sim.createdOf('call')).toHaveLength(1);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(1);
    expect((await p.db.links.get(key))!).toMatchObject({ callId: link.callId, entity: { entity: 'inquiry' } });
  });

  test('an item that creates nothing is written once, with its plan, at its outcome', async () => {
    const clock = new TestClock();
    const call = callgear.sim.addCall({ employeeId: 9001, tags: [603], contact: '79267000002', start: accountNow().minus({ minutes: 5 }) });
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES });
    await p.pollAll();
    await p.processor.drain({ owner: 'w' });
    const item = (await p.db.inbox.get(`call:${call.id}`))!;
    expect(item).toMatchObject({ state: 'skipped', plan: { outcome: { type: 'skip' } } });
    expect(autocrm.sim.created).toEqual([]);
  });

  test('an item whose step outlived its lease is not claimed again by the slot that frees up next', async () => {
    const clock = new TestClock();
    for (let i = 0; i < 2; i++) callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: `7926700001${i}`, start: accountNow().minus({ minutes: 5 - i }) });
    let first = true;
    // The first answer takes a while and the lease runs out meanwhile; the other item finishes at once.
    const slowFirst = aroundEachCall(async (call) => {
      const slow = first;
      first = false;
      const answer = await call();
      if (slow) {
        clock.advance(5);
        await sleep(400);
      }
      return answer;
    });
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES, wrapAutocrm: slowFirst });
    await p.pollAll();
    expect(await p.processor.drain({ owner: 'w', concurrency: 2, budgetMs: 60 * 60_000 })).toBe(2);
    expect(autocrm.sim.createdOf('call')).toHaveLength(2);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(2);
    expect(duplicateMarkers(autocrm.sim)).toEqual(NO_DUPLICATES);
  });
});

describe('a drain with a failing slot', () => {
  test('ends only after every other slot ended: no slot goes on working after the drain returned', async () => {
    const clock = new TestClock();
    const calls = [0, 1].map((i) => callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: `7926700002${i}`, start: accountNow().minus({ minutes: 5 - i }) }));
    // Every AutoCRM answer takes 100 ms, so one communication takes several hundred.
    const slow = aroundEachCall(async (call) => {
      await sleep(100);
      return call();
    });
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES, wrapAutocrm: slow });
    await p.pollAll();
    // The second call's every write fails: its slot rejects at its first record, outside any catch.
    const broken = `call:${calls[1]!.id}`;
    const update = p.inbox.update.bind(p.inbox);
    p.inbox.update = (key, ...rest) => (key === broken ? Promise.reject(new Error('disk full')) : update(key, ...rest));
    await expect(p.processor.drain({ owner: 'w', concurrency: 2, budgetMs: 60 * 60_000 })).rejects.toThrow('disk full');
    // When the drain gave up, the other slot had already finished its communication.
    expect((await p.db.inbox.get(`call:${calls[0]!.id}`))!.state).toBe('done');
    const inquiries = autocrm.sim.createdOf('leads/request').length;
    await sleep(500);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(inquiries);
  });
});
