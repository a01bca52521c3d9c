import { describe, expect, test } from 'vitest';
import type { AutocrmClient } from '@/lib/autocrm/client';
import { accountNow } from '../sim/callgear/fixtures';
import { useSimulators } from '../sim/use-simulators';
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
});
