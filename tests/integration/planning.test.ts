import { beforeEach, describe, expect, test, vi } from 'vitest';
import { useSimulators } from '../sim/use-simulators';
import { createPipeline, EMPLOYEE_USERS, nodeRenderer, settle, TestClock } from './pipeline-harness';
import { dryRun } from '@/lib/pipeline/dry-run';
import type { Plan } from '@/lib/pipeline/plan';

/** Counts every merge of a rule set with a communication's variables (the pipeline should merge once per item). */
const merges = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/rules/merge', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/rules/merge')>();
  return {
    ...actual,
    mergeRules: (...args: Parameters<typeof actual.mergeRules>) => {
      merges.count++;
      return actual.mergeRules(...args);
    },
  };
});

const { autocrm, callgear } = useSimulators();
let clock: TestClock;

beforeEach(() => {
  clock = new TestClock();
  merges.count = 0;
});

/** One of each path the rules can take: a campaign call, a service scenario, a missed call (with its task), a chat, a lead. */
function addOneOfEach(): void {
  callgear.sim.addCall({ employeeId: 9001, campaignId: 701, tags: [601], contact: '79990000001' });
  callgear.sim.addCall({ employeeId: 9003, scenarioId: 302, virtualNumber: '74953330000', contact: '79990000002' });
  callgear.sim.addCall({ lost: true, employeeId: null, contact: '79990000003' });
  callgear.sim.addChat({ employeeId: 9001, visitorPhone: '79990000004' });
  callgear.sim.addLead({ visitorPhone: '79990000005' });
}

describe('one planning path', () => {
  test('the dry run plans each item exactly as the processor then does, and each item is merged once', async () => {
    addOneOfEach();
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock });
    await p.pollAll();
    const items = await p.db.inbox.toArray();
    expect(items).toHaveLength(5);

    const deps = { db: p.db, inbox: p.inbox, autocrm: p.autocrm, renderer: nodeRenderer(), now: clock.now };
    const dry = new Map<string, Plan>();
    for (const item of items) dry.set(item.key, (await dryRun(deps, item, p.config, async (id) => EMPLOYEE_USERS[id] ?? null)).plan);
    expect(merges.count).toBe(items.length);
    expect(autocrm.sim.created).toEqual([]);

    merges.count = 0;
    await settle(p, clock);
    const processed = await p.db.inbox.toArray();
    for (const item of processed) expect(item.plan, item.key).toEqual(dry.get(item.key));
    // Not agreement on nothing: every item was planned, and the plans create records with tasks.
    expect(processed.every((i) => i.plan !== null)).toBe(true);
    expect(processed.some((i) => i.plan?.outcome.type === 'create')).toBe(true);
    expect(processed.some((i) => i.plan?.task)).toBe(true);
    expect(merges.count).toBe(processed.length);
  });
});
