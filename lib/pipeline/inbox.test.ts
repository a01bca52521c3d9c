import { describe, expect, test } from 'vitest';
import { NEVER, openDb } from '../db';
import { Inbox } from './inbox';
import { toCommunication } from '../domain/communication';

const call = (id: number) => toCommunication('call', { id, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false }, 'Europe/Moscow');

describe('Inbox', () => {
  test('ingest ignores duplicates and re-reads; a claim leases items; another worker cannot update them', async () => {
    const inbox = new Inbox(openDb(`inbox-${Math.random()}`));
    expect(await inbox.ingest([call(1), call(2), call(1)])).toBe(2);
    expect(await inbox.ingest([call(2)])).toBe(0);
    const claimed = await inbox.claim('a', 10);
    expect(claimed.map((i) => [i.key, i.state, i.attempts])).toEqual([['call:1', 'processing', 1], ['call:2', 'processing', 1]]);
    expect(await inbox.claim('b', 10)).toEqual([]);
    expect(await inbox.update('call:1', 'b', { state: 'done' })).toBe(false);
    expect(await inbox.update('call:1', 'a', { state: 'done' })).toBe(true);
  });

  test('a new worker life releases the leases of the previous one at once', async () => {
    const inbox = new Inbox(openDb(`inbox-${Math.random()}`));
    await inbox.ingest([call(1), call(2)]);
    await inbox.claim('dead-worker', 10);
    expect(await inbox.releaseLeasesNotOwnedBy('new-worker')).toBe(2);
    expect((await inbox.claim('new-worker', 10)).map((i) => i.attempts)).toEqual([2, 2]);
  });

  test('the summary counts follow every write, including rows written directly, and names the oldest waiting item', async () => {
    const db = openDb(`inbox-${Math.random()}`);
    let now = 1_000;
    const inbox = new Inbox(db, () => now);
    await inbox.ingest([call(1), call(2), call(3)]);
    await inbox.claim('a', 2);
    await inbox.update('call:1', 'a', { state: 'done', dueAt: NEVER });
    await inbox.update('call:2', 'a', { state: 'needs-fix', dueAt: NEVER });
    await db.inbox.put({ ...(await db.inbox.get('call:3'))!, state: 'deferred', dueAt: 5_000 }); // as intake writes
    await db.transaction('rw', db.inbox, () => Promise.all([db.inbox.update('call:1', { state: 'skipped' }), db.inbox.update('call:3', { state: 'failed' })]));
    let summary = await inbox.summary();
    expect(summary.counts).toMatchObject({ new: 0, processing: 0, done: 0, skipped: 1, 'needs-fix': 1, failed: 1, deferred: 0 });
    expect(summary).toMatchObject({ oldestWaiting: call(3).at, nextDueAt: 5_000 });
    now = 2_000;
    expect(await inbox.retry()).toBe(2);
    await db.inbox.delete('call:1');
    summary = await inbox.summary();
    expect(summary.counts).toMatchObject({ new: 2, skipped: 0, 'needs-fix': 0, failed: 0 });
    expect(Object.values(summary.counts).reduce((a, b) => a + b)).toBe(await db.inbox.count());
    const three = (await db.inbox.get('call:3'))!;
    await db.inbox.bulkPut([{ ...three, state: 'done' }, { ...three, state: 'skipped' }]);
    expect((await inbox.summary()).counts).toMatchObject({ new: 1, done: 0, skipped: 1 });
  });

  test('the latest items come newest first, of all states or of the states asked for', async () => {
    const db = openDb(`inbox-${Math.random()}`);
    const inbox = new Inbox(db);
    const at = (id: number, hour: number) => toCommunication('call', { id, start_time: `2026-11-24 ${String(hour).padStart(2, '0')}:00:00`, direction: 'in', is_lost: false }, 'Europe/Moscow');
    await inbox.ingest([at(1, 9), at(2, 12), at(3, 10), at(4, 11)]);
    await db.inbox.update('call:4', { state: 'done' });
    await db.inbox.update('call:3', { state: 'failed' });
    expect((await inbox.latest(3)).map((i) => i.id)).toEqual([2, 4, 3]);
    expect((await inbox.latest(10, ['done', 'failed'])).map((i) => i.id)).toEqual([4, 3]);
    expect((await inbox.latest(1, ['done', 'failed'])).map((i) => i.id)).toEqual([4]);
  });

  test('the inbox builds the placeholder of an unreadable row, and replaces it once the row reads', async () => {
    const inbox = new Inbox(openDb(`inbox-${Math.random()}`));
    const window = { from: '2026-11-24T09:00:00+03:00', till: '2026-11-24T11:00:00+03:00' };
    expect(await inbox.quarantine('call', 7, 'start_time is missing', window)).toBe(true);
    expect(await inbox.quarantine('call', 7, 'start_time is missing', window)).toBe(false);
    expect(await inbox.latest(10)).toEqual([expect.objectContaining({ key: 'call:7', state: 'needs-fix', dueAt: NEVER, comm: expect.objectContaining({ unread: { reason: 'start_time is missing', window } }) })]);
    await inbox.reread('call:7', { reason: 'still no start_time' });
    expect((await inbox.latest(10))[0]).toMatchObject({ state: 'needs-fix', comm: { unread: { reason: 'still no start_time', rereadRequested: false } } });
    await inbox.reread('call:7', { comm: call(7) });
    expect((await inbox.latest(10))[0]).toMatchObject({ state: 'new', reason: null, error: null, comm: { at: call(7).at } });
    expect((await inbox.summary()).counts).toMatchObject({ new: 1, 'needs-fix': 0 });
  });
});
