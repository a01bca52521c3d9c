import { describe, expect, test } from 'vitest';
import { NEVER } from '@/lib/db';
import { accountNow } from '../sim/callgear/fixtures';
import { useSimulators } from '../sim/use-simulators';
import { createPipeline, TestClock, TEST_RULES } from './pipeline-harness';

const { autocrm, callgear } = useSimulators();

describe('a drain claims for its free slots together', () => {
  test('the first claim takes one item per slot in one transaction; every item is finished, none left leased', async () => {
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
    expect(asked[0]).toBe(6);
    expect(asked.length).toBeLessThan(14 + 6);
    expect(await p.db.inbox.where('dueAt').below(NEVER).count()).toBe(0);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(14);
  });
});
