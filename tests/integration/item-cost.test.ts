import { describe, expect, test } from 'vitest';
import { accountNow } from '../sim/callgear/fixtures';
import { useSimulators } from '../sim/use-simulators';
import { createPipeline, TestClock, TEST_RULES } from './pipeline-harness';
import { countTransactions } from './transaction-count';

const { autocrm, callgear } = useSimulators();

/**
 * What processing ONE communication costs, counted (not timed): IndexedDB transactions and AutoCRM
 * requests (issue 18, "Overhead"). The first call of a drain also resolves its source names; the
 * counts are of the next one, once they are known.
 */
async function costOfOne(add: (i: number) => void) {
  const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock: new TestClock(), installation: { employeeId: 9001 }, rules: TEST_RULES });
  const transactions = countTransactions(p.db);
  add(0);
  await p.pollAll();
  await p.processor.drain({ owner: 'warm', concurrency: 1 });
  add(1);
  await p.pollAll();
  transactions.reset();
  const requestsBefore = autocrm.sim.log.length;
  const pointsBefore = callgear.sim.pointsUsed;
  const finished = await p.processor.drain({ owner: 'w', concurrency: 1 });
  const opened = [...transactions.opened];
  const items = await p.db.inbox.toArray();
  return {
    finished,
    links: await p.db.links.toArray(),
    states: items.map((i) => i.state),
    transactions: { readwrite: opened.filter((t) => t.startsWith('readwrite')).length, readonly: opened.filter((t) => t.startsWith('readonly')).length, opened },
    requests: autocrm.sim.log.slice(requestsBefore).map((r) => `${r.method} ${r.path}`),
    callgearPoints: callgear.sim.pointsUsed - pointsBefore,
  };
}

const at = (i: number) => accountNow().minus({ minutes: 20 - i });

describe('the cost of processing one communication', () => {
  test('an answered call that becomes an inquiry', async () => {
    const cost = await costOfOne((i) => callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: `7926500000${i}`, start: at(i) }));
    expect(cost.finished).toBe(1);
    expect(cost.states).toEqual(['done', 'done']);
    const opened = cost.transactions.opened.join('\n');
    // The claim with the links; the logged call's record with the plan and a renewed lease; the inquiry's
    // record with the outcome; and the drain's last claim, which finds nothing. Was 9 read-write and 5
    // read-only.
    expect(cost.transactions.readwrite, opened).toBeLessThanOrEqual(4);
    expect(cost.transactions.readonly, opened).toBe(0);
    // The marker check, the logged call's check and create, the inquiry (its sources are known).
    expect(cost.requests).toHaveLength(4);
    expect(cost.callgearPoints).toBe(0);
    // The inquiry's record went with the outcome: both calls' links hold what was created.
    expect(cost.links).toEqual([expect.objectContaining({ callId: expect.any(Number), entity: expect.objectContaining({ entity: 'inquiry' }) }), expect.objectContaining({ callId: expect.any(Number), entity: expect.objectContaining({ entity: 'inquiry' }) })]);
  });

  test('a missed call: an inquiry and a task', async () => {
    const cost = await costOfOne((i) => callgear.sim.addCall({ employeeId: null, lost: true, campaignId: 701, contact: `7926600000${i}`, start: at(i) }));
    expect(cost.finished).toBe(1);
    const opened = cost.transactions.opened.join('\n');
    // As above; the inquiry is recorded before the task's requests, the task with the outcome. Was 10
    // read-write and 5 read-only.
    expect(cost.transactions.readwrite, opened).toBeLessThanOrEqual(5);
    expect(cost.transactions.readonly, opened).toBe(0);
    // The four above, the task's check and create.
    expect(cost.requests).toHaveLength(6);
  });
});
