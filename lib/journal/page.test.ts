import { describe, expect, test } from 'vitest';
import { NEVER, openDb, type AppDb, type InboxItem, type InboxState } from '../db';
import { ruleKindOf, toCommunication, type CommKind } from '../domain/communication';
import { phrase } from '../phrase';
import { journalPage } from './page';
import { journalDetails, journalRow } from './rows';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-28T09:00:00Z');

/** Communication `id` happened `id` hours after START (Moscow time in `at`), from +7 916 000-00-<id>. */
function item(id: number, state: InboxState = 'done', kind: CommKind = 'call'): InboxItem {
  const local = new Date(START + id * HOUR + 3 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
  const phone = `7916000${String(id).padStart(4, '0')}`;
  const row = kind === 'call' ? { id, start_time: local, direction: 'in', is_lost: false, contact_phone_number: phone, utm_source: 'yandex' } : { id, date_time: local, visitor_phone_number: phone, utm_source: 'yandex' };
  const comm = toCommunication(kind, row, 'Europe/Moscow');
  const finished = state === 'done' || state === 'skipped' || state === 'needs-fix';
  return {
    key: `${kind}:${id}`, kind, id, communicationId: null, ruleKind: ruleKindOf(comm), at: comm.at, comm, state,
    dueAt: finished ? NEVER : START, leaseOwner: null, attempts: 1, reason: null, error: null, plan: null, created: [], createdAt: START, updatedAt: START,
  };
}

async function seeded(items: InboxItem[]): Promise<AppDb> {
  const db = openDb(`journal-${Math.random()}`);
  await db.inbox.bulkPut(items);
  return db;
}

const ids = (page: { rows: { id: number }[] }) => page.rows.map((r) => r.id);

describe('the Журнал page', () => {
  test('newest first, `limit` rows, and whether more follow', async () => {
    const db = await seeded([1, 2, 3, 4, 5].map((id) => item(id)));
    expect(await journalPage(db, { limit: 3 })).toMatchObject({ more: true, searchedOnly: null });
    expect(ids(await journalPage(db, { limit: 3 }))).toEqual([5, 4, 3]);
    expect(await journalPage(db, { limit: 5 })).toMatchObject({ more: false });
  });

  test('a state, a day, or both, by their index ranges', async () => {
    // Hours 1..30 after 09:00 UTC on the 28th: Moscow days 28 (ids 1..11) and 29 (ids 12..30).
    const db = await seeded(Array.from({ length: 30 }, (_, i) => item(i + 1, i % 3 === 0 ? 'failed' : 'done')));
    expect(ids(await journalPage(db, { limit: 100, state: 'failed' }))).toEqual([28, 25, 22, 19, 16, 13, 10, 7, 4, 1]);
    expect(ids(await journalPage(db, { limit: 100, date: '2026-11-28' }))).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(ids(await journalPage(db, { limit: 100, date: '2026-11-28', state: 'failed' }))).toEqual([10, 7, 4, 1]);
    expect(ids(await journalPage(db, { limit: 2, date: '2026-11-29', state: 'failed' }))).toEqual([28, 25]);
  });

  test('kind and number, the number by its digits as typed', async () => {
    const db = await seeded([item(1), item(2, 'done', 'chat'), item(3), item(12), item(13, 'done', 'chat')]);
    expect(ids(await journalPage(db, { limit: 10, kind: 'chat' }))).toEqual([13, 2]);
    expect(ids(await journalPage(db, { limit: 10, number: '+7 (916) 000-00-1' }))).toEqual([13, 12]);
    expect(ids(await journalPage(db, { limit: 10, kind: 'call', number: '0012' }))).toEqual([12]);
    expect(ids(await journalPage(db, { limit: 10, number: '—' }))).toEqual([13, 12, 3, 2, 1]);
  });

  test('kind and number look through at most the newest `scanAtMost` items, and say so', async () => {
    const db = await seeded([item(1, 'done', 'chat'), ...[2, 3, 4, 5].map((id) => item(id))]);
    expect(await journalPage(db, { limit: 10, kind: 'chat' }, 3)).toEqual({ rows: [], more: false, searchedOnly: 3 });
    expect(await journalPage(db, { limit: 10, kind: 'chat' }, 5)).toMatchObject({ more: false, searchedOnly: null });
    expect(ids(await journalPage(db, { limit: 10, kind: 'chat' }, 5))).toEqual([1]);
    expect(await journalPage(db, { limit: 1, kind: 'call' }, 3)).toMatchObject({ more: true, searchedOnly: null });
  });
});

describe('a row', () => {
  test('carries what the table shows and nothing of the report or the rule', () => {
    const done = { ...item(7), created: [{ entity: 'inquiry' as const, id: 10, url: null }], plan: { ruleId: null, ruleName: phrase('pipeline.rule.base'), outcome: { type: 'skip' as const, reason: 'duplicate' }, task: null, logCall: true, explanation: [phrase('pipeline.rule.base')] } };
    const row = journalRow(done);
    expect(row).toEqual({ key: 'call:7', id: 7, kind: 'call', ruleKind: 'incomingCalls', at: done.at, contactPhone: done.comm.contactPhone, state: 'done', ruleName: { key: 'pipeline.rule.base' }, created: done.created, reason: null });
    expect(JSON.stringify(row)).not.toContain('yandex');
    expect(journalDetails(done, []).explanation).toEqual([{ key: 'pipeline.rule.base' }]);
  });

  test('its reason is the error it stopped on, worded as the timeline words errors, else its reason', () => {
    const failed = { ...item(8, 'failed'), reason: phrase('pipeline.reason.unreadRow'), error: { kind: 'http' as const, ru: 'AutoCRM ответила 500', en: 'AutoCRM answered 500' } };
    expect(journalRow(failed).reason).toEqual({ localized: { ru: 'AutoCRM ответила 500', en: 'AutoCRM answered 500' } });
    expect(journalRow({ ...failed, error: null }).reason).toEqual({ key: 'pipeline.reason.unreadRow' });
    expect(journalRow({ ...failed, error: null, reason: '' }).reason).toBeNull();
  });
});
