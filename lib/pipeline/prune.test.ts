import { describe, expect, test } from 'vitest';
import { NEVER, openDb, type AppDb, type InboxItem, type InboxState } from '../db';
import { ruleKindOf, toCommunication } from '../domain/communication';
import { Inbox } from './inbox';
import { DETAIL_DAYS, MIN_RETENTION_DAYS, prune, STEPS_KEPT, TRIMMED_STEP } from './prune';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');

/** An inbox row for a call that happened `ageDays` ago and was last touched then. */
function item(id: number, state: InboxState, ageDays: number): InboxItem {
  const at = NOW - ageDays * DAY;
  const comm = toCommunication('call', { id, start_time: new Date(at + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' '), direction: 'in', is_lost: false, contact_phone_number: '79261234567' }, 'Europe/Moscow');
  const finished = state === 'done' || state === 'skipped' || state === 'needs-fix';
  return {
    key: `call:${id}`, kind: 'call', id, communicationId: null, ruleKind: ruleKindOf(comm), at: comm.at, comm, state,
    dueAt: finished ? NEVER : at, leaseOwner: null, attempts: 1, reason: null, error: null, plan: null, created: [], createdAt: at, updatedAt: at,
  };
}

async function seeded(items: InboxItem[]): Promise<AppDb> {
  const db = openDb(`prune-${Math.random()}`);
  await db.inbox.bulkPut(items);
  for (const i of items) {
    await db.steps.bulkAdd([{ key: i.key, at: i.updatedAt, step: 'decide', detail: {} }, { key: i.key, at: i.updatedAt, step: i.state, detail: {} }]);
    await db.links.put({ key: i.key, callId: i.id });
  }
  return db;
}

const keysOf = async (db: AppDb) => (await db.inbox.toCollection().primaryKeys()).sort();

describe('prune', () => {
  test('finished items older than the retention go, with their steps, variables and links', async () => {
    const db = await seeded([item(1, 'done', 120), item(2, 'skipped', 100), item(3, 'done', 10)]);
    const result = await prune(db, { retentionDays: 90, now: () => NOW });
    expect(result.items).toBe(2);
    expect(await keysOf(db)).toEqual(['call:3']);
    expect(await db.steps.where('key').anyOf(['call:1', 'call:2']).count()).toBe(0);
    expect(await db.links.bulkGet(['call:1', 'call:2', 'call:3'])).toEqual([undefined, undefined, { key: 'call:3', callId: 3 }]);
  });

  test('unfinished items stay at any age, and so do items waiting for the admin (needs-fix)', async () => {
    const states: InboxState[] = ['new', 'planned', 'deferred', 'processing', 'failed', 'needs-fix'];
    const db = await seeded(states.map((state, i) => item(10 + i, state, 400)));
    const result = await prune(db, { retentionDays: 90, now: () => NOW });
    expect(result.items).toBe(0);
    expect(await keysOf(db)).toEqual(states.map((_, i) => `call:${10 + i}`).sort());
    expect(await db.links.count()).toBe(states.length);
    expect(await db.steps.count()).toBe(states.length * 2);
  });

  test('a retention below what intake and reconciliation re-read is raised to it: markers inside the window stay', async () => {
    const inside = MIN_RETENTION_DAYS - 5;
    const db = await seeded([item(20, 'done', inside), item(21, 'done', MIN_RETENTION_DAYS + 5)]);
    await db.links.put({ key: 'call:99', callId: 99 }); // a link whose item is gone: never pruned here
    await prune(db, { retentionDays: 7, now: () => NOW });
    expect(await keysOf(db)).toEqual(['call:20']);
    expect((await db.links.toCollection().primaryKeys()).sort()).toEqual(['call:20', 'call:99']);
  });

  test('an item finished recently for an old communication stays until its last change is old too', async () => {
    const old = { ...item(30, 'done', 200), updatedAt: NOW - 2 * DAY };
    const db = await seeded([old]);
    await prune(db, { retentionDays: 90, now: () => NOW });
    expect(await keysOf(db)).toEqual(['call:30']);
  });

  test('works in small batches: each call removes at most a batch per state, and says whether more is left', async () => {
    const db = await seeded(Array.from({ length: 25 }, (_, i) => item(100 + i, 'done', 100)));
    const first = await prune(db, { retentionDays: 90, now: () => NOW, batchSize: 10, maxBatches: 1 });
    expect(first).toMatchObject({ items: 10, more: true });
    expect(await db.inbox.count()).toBe(15);
    const rest = await prune(db, { retentionDays: 90, now: () => NOW, batchSize: 10 });
    expect(rest).toMatchObject({ items: 15, more: false });
    expect(await db.inbox.count()).toBe(0);
  });

  test('step logs are capped per item: the latest steps stay after one marker that counts the earlier ones', async () => {
    const db = openDb(`prune-${Math.random()}`);
    const inbox = new Inbox(db, () => NOW);
    for (let i = 0; i < STEPS_KEPT + 30; i++) await inbox.step('call:7', `request-${i}`, { i });
    await inbox.step('call:8', 'decide', {});
    await prune(db, { retentionDays: 90, now: () => NOW });
    let steps = await inbox.steps('call:7');
    expect(steps).toHaveLength(STEPS_KEPT);
    expect(steps[0]).toMatchObject({ step: TRIMMED_STEP, detail: { removed: 31 } });
    expect(steps.at(-1)).toMatchObject({ step: `request-${STEPS_KEPT + 29}` });
    expect(steps[1]).toMatchObject({ step: 'request-31' });
    expect(await inbox.steps('call:8')).toHaveLength(1);

    // Later steps trim again; the marker keeps counting.
    for (let i = 0; i < 10; i++) await inbox.step('call:7', `retry-${i}`, {});
    await prune(db, { retentionDays: 90, now: () => NOW });
    steps = await inbox.steps('call:7');
    expect(steps).toHaveLength(STEPS_KEPT);
    expect(steps[0]).toMatchObject({ step: TRIMMED_STEP, detail: { removed: 41 } });
    expect(steps.at(-1)).toMatchObject({ step: 'retry-9' });
  });

  test('the status counts follow what pruning removed', async () => {
    const db = await seeded([item(40, 'done', 120), item(41, 'done', 5), item(42, 'new', 200)]);
    await prune(db, { retentionDays: 90, now: () => NOW });
    const { counts } = await new Inbox(db, () => NOW).summary();
    expect(counts).toMatchObject({ done: 1, new: 1 });
  });

  test('after the detail period a finished item keeps its row but drops its variables and steps; unfinished items keep theirs', async () => {
    const db = await seeded([item(50, 'done', DETAIL_DAYS + 3), item(51, 'done', 2), item(52, 'failed', 30)]);
    const result = await prune(db, { retentionDays: 90, now: () => NOW });
    expect(result.compacted).toBe(1);
    const [old, fresh, failed] = await db.inbox.bulkGet(['call:50', 'call:51', 'call:52']);
    expect(old).toMatchObject({ state: 'done', compacted: true, comm: { id: 50, contactPhone: '+79261234567', variables: {} } });
    expect(fresh!.comm.variables).not.toEqual({});
    expect(failed!.comm.variables).not.toEqual({});
    const inbox = new Inbox(db, () => NOW);
    expect(await inbox.steps('call:50')).toEqual([expect.objectContaining({ step: TRIMMED_STEP, detail: expect.objectContaining({ removed: 2 }) })]);
    expect(await inbox.steps('call:51')).toHaveLength(2);
    expect(await inbox.steps('call:52')).toHaveLength(2);
    expect(await db.links.get('call:50')).toEqual({ key: 'call:50', callId: 50 });
    // A second pass finds nothing new to do.
    expect((await prune(db, { retentionDays: 90, now: () => NOW })).compacted).toBe(0);
  });
});
