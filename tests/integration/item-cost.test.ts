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
    // The claim, the links, the plan (with its look-ups and the lease), the logged call, the inquiry, the
    // outcome, and the drain's last claim that finds nothing. Was 9 read-write and 5 read-only.
    expect(cost.transactions.readwrite, opened).toBeLessThanOrEqual(6);
    expect(cost.transactions.readonly, opened).toBeLessThanOrEqual(1);
    // The marker check, the logged call's check and create, the inquiry (its sources are known).
    expect(cost.requests).toHaveLength(4);
    expect(cost.callgearPoints).toBe(0);
  });

  test('a missed call: an inquiry and a task', async () => {
    const cost = await costOfOne((i) => callgear.sim.addCall({ employeeId: null, lost: true, campaignId: 701, contact: `7926600000${i}`, start: at(i) }));
    expect(cost.finished).toBe(1);
    const opened = cost.transactions.opened.join('\n');
    // As above, and the task. Was 10 read-write and 5 read-only.
    expect(cost.transactions.readwrite, opened).toBeLessThanOrEqual(7);
    expect(cost.transactions.readonly, opened).toBeLessThanOrEqual(1);
    // The four above, the task's check and create.
    expect(cost.requests).toHaveLength(6);
  });
});
