import { describe, expect, test } from 'vitest';
import { openDb, type InboxItem, type InboxState } from '../db';
import { toCommunication, type CommKind } from '../domain/communication';
import { Inbox } from './inbox';
import {
  aggregate, cursorsOf, inboxItemsSince, MAX_PAGES_PER_WINDOW, reconcile, reconcileCost, spanOf, type ReconcileSource, type SeenRow,
} from './reconcile';

const ZONE = 'Europe/Moscow';
const DAYS = ['2026-11-29', '2026-11-30'];

const seen = (kind: CommKind, id: number, at: string, direction: 'in' | 'out' | null = kind === 'call' ? 'in' : null): SeenRow => ({ kind, id, at, direction });

function item(kind: CommKind, id: number, at: string, state: InboxState, extra: Partial<InboxItem> = {}, direction: 'in' | 'out' = 'in'): InboxItem {
  const row = kind === 'call' ? { id, start_time: at, direction, is_lost: false } : { id, date_time: at, status: 'succeed' };
  const comm = toCommunication(kind, row, ZONE);
  return {
    key: `${kind}:${id}`, kind, id, communicationId: null, ruleKind: kind === 'call' ? (direction === 'out' ? 'outgoingCalls' : 'incomingCalls') : kind === 'chat' ? 'chats' : 'leads',
    at: comm.at, comm, state, dueAt: 0, leaseOwner: null, attempts: 0, reason: null, error: null, plan: null, created: [], createdAt: 0, updatedAt: 0, ...extra,
  };
}

const cell = (rows: ReturnType<typeof aggregate>['rows'], day: string, kind: string) => rows.find((r) => r.day === day && r.kind === kind)!;

describe('aggregate: per day and per kind', () => {
  test('splits calls by direction, counts outcomes in AutoCRM terms, lists gaps with their ids', () => {
    const rows = [
      seen('call', 1, '2026-11-29T10:00:00+03:00'),
      seen('call', 2, '2026-11-29T11:00:00+03:00', 'out'),
      seen('call', 3, '2026-11-29T12:00:00+03:00'),
      seen('chat', 10, '2026-11-30T09:00:00+03:00'),
      seen('lead', 20, '2026-11-30T09:30:00+03:00'),
      seen('lead', 21, '2026-11-30T09:40:00+03:00'),
    ];
    const items = [
      item('call', 1, '2026-11-29 10:00:00', 'done'),
      item('call', 2, '2026-11-29 11:00:00', 'skipped', { reason: 'правило: ничего не создавать' }, 'out'),
      item('chat', 10, '2026-11-30 09:00:00', 'deferred'),
      item('lead', 20, '2026-11-30 09:30:00', 'needs-fix'),
    ];
    const { rows: table, gaps } = aggregate(rows, items, ZONE, DAYS);
    expect(table).toHaveLength(DAYS.length * 4);
    expect(cell(table, '2026-11-29', 'callIn')).toMatchObject({ inCallGear: 2, inInbox: 1, created: 1, skipped: 0, waiting: 0, failed: 0, gaps: [3] });
    expect(cell(table, '2026-11-29', 'callOut')).toMatchObject({ inCallGear: 1, inInbox: 1, skipped: 1, skipReasons: { 'правило: ничего не создавать': 1 }, gaps: [] });
    expect(cell(table, '2026-11-30', 'chat')).toMatchObject({ inCallGear: 1, inInbox: 1, waiting: 1, gaps: [] });
    expect(cell(table, '2026-11-30', 'lead')).toMatchObject({ inCallGear: 2, inInbox: 1, failed: 1, gaps: [21] });
    expect(gaps.map((g) => [g.kind, g.id, g.reconcileKind])).toEqual([['call', 3, 'callIn'], ['lead', 21, 'lead']]);
  });

  test('days are the dealership zone\'s: a call at 23:30 Moscow is the next day in Yekaterinburg', () => {
    const rows = [seen('call', 1, '2026-11-29T23:30:00+03:00')];
    expect(cell(aggregate(rows, [], ZONE, DAYS).rows, '2026-11-29', 'callIn').inCallGear).toBe(1);
    expect(cell(aggregate(rows, [], 'Asia/Yekaterinburg', DAYS).rows, '2026-11-30', 'callIn').inCallGear).toBe(1);
  });

  test('a row listed twice (two windows sharing an edge) counts once; rows and items outside the days are left out', () => {
    const rows = [seen('chat', 5, '2026-11-30T08:00:00+03:00'), seen('chat', 5, '2026-11-30T08:00:00+03:00'), seen('chat', 6, '2026-11-20T08:00:00+03:00')];
    const items = [item('chat', 7, '2026-11-19 08:00:00', 'done')];
    const { rows: table, gaps } = aggregate(rows, items, ZONE, DAYS);
    expect(cell(table, '2026-11-30', 'chat')).toMatchObject({ inCallGear: 1, gaps: [5] });
    expect(table.reduce((n, r) => n + r.inCallGear + r.inInbox, 0)).toBe(1);
    expect(gaps).toHaveLength(1);
  });

  test('a row newer than intake\'s cursor of its kind, or of a kind never read, is not read yet rather than a gap', () => {
    const rows = [seen('call', 1, '2026-11-30T09:00:00+03:00'), seen('call', 2, '2026-11-30T11:00:00+03:00'), seen('chat', 3, '2026-11-30T08:00:00+03:00')];
    const cursor = Date.parse('2026-11-30T10:00:00+03:00');
    const { rows: table, gaps } = aggregate(rows, [], ZONE, DAYS, (kind) => (kind === 'call' ? cursor : Number.NEGATIVE_INFINITY));
    expect(cell(table, '2026-11-30', 'callIn')).toMatchObject({ inCallGear: 2, gaps: [1], notYetRead: 1 });
    expect(cell(table, '2026-11-30', 'chat')).toMatchObject({ inCallGear: 1, gaps: [], notYetRead: 1 });
    expect(gaps.map((g) => g.id)).toEqual([1]);
  });

  test('an inbox item CallGear no longer lists counts in the inbox column by its own day and kind', () => {
    const { rows: table, gaps } = aggregate([], [item('call', 9, '2026-11-30 10:00:00', 'failed', {}, 'out')], ZONE, DAYS);
    expect(cell(table, '2026-11-30', 'callOut')).toMatchObject({ inCallGear: 0, inInbox: 1, failed: 1 });
    expect(gaps).toEqual([]);
  });
});

describe('what intake reads next', () => {
  test('is its cursor less the kind\'s overlap (late rows plus the longest duration); a kind never polled reads everything', async () => {
    const db = openDb(`reconcile-${Math.random()}`);
    await db.cursors.put({ kind: 'call', till: '2026-11-30T12:00:00.000+03:00', updatedAt: 0 });
    const readFrom = await cursorsOf(db, { horizonDays: 7, overlapMinutes: 10 })();
    expect(new Date(readFrom('call')).toISOString()).toBe('2026-11-30T05:50:00.000Z');
    expect(readFrom('lead')).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('the point cost', () => {
  test('one page per report and window expected; the bound is every page cap plus the zone', () => {
    expect(reconcileCost(7)).toEqual({ expected: 3, max: 3 * MAX_PAGES_PER_WINDOW + 1 });
    expect(reconcileCost(90)).toEqual({ expected: 6, max: 6 * MAX_PAGES_PER_WINDOW + 1 });
    expect(reconcileCost(7, { call: 25_000 }).expected).toBe(3 + 2);
    expect(reconcileCost(7, { call: 10_000_000 }).expected).toBe(MAX_PAGES_PER_WINDOW + 2);
  });

  test('the span starts at the start of the first day in the dealership zone', () => {
    const { from, dayList } = spanOf(7, ZONE, Date.parse('2026-11-30T12:00:00+03:00'));
    expect(from.toISO()).toBe('2026-11-24T00:00:00.000+03:00');
    expect(dayList).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
  });
});

describe('reconcile over a source', () => {
  test('reads each report page by page until a short page, counts its points, and marks a report that hits the cap', async () => {
    let points = 0;
    const requests: { kind: CommKind; offset: number }[] = [];
    const source: ReconcileSource = {
      timezone: async () => ZONE,
      pointsUsed: () => points,
      async page(kind, { offset, limit }) {
        points++;
        requests.push({ kind, offset });
        // Calls never end (an API ignoring `offset` would repeat; this one keeps giving new ids); chats: one short page.
        if (kind === 'call') return { rows: Array.from({ length: limit }, (_, i) => ({ id: offset + i + 1, start_time: '2026-11-30 10:00:00', direction: 'in' })), total: Infinity };
        if (kind === 'chat') return { rows: [{ id: 7, date_time: '2026-11-30 09:00:00' }, { id: 8, date_time: 'not a time' }], total: 2 };
        return { rows: [], total: 0 };
      },
    };
    const db = openDb(`reconcile-${Math.random()}`);
    await new Inbox(db).ingest([toCommunication('chat', { id: 7, date_time: '2026-11-30 09:00:00', status: 'succeed' }, ZONE)]);
    const result = await reconcile({ source, itemsSince: inboxItemsSince(db), readUpTo: async () => () => Number.POSITIVE_INFINITY, zone: ZONE, now: () => Date.parse('2026-11-30T12:00:00+03:00') }, 7);
    expect(requests.filter((r) => r.kind === 'call')).toHaveLength(MAX_PAGES_PER_WINDOW);
    expect(result.truncated).toEqual(['call']);
    expect(result.points).toBe(MAX_PAGES_PER_WINDOW + 2);
    expect(result.points).toBeLessThanOrEqual(result.cost.max);
    expect(result.unreadable).toBe(1);
    expect(cell(result.rows, '2026-11-30', 'chat')).toMatchObject({ inCallGear: 1, inInbox: 1, waiting: 1, gaps: [] });
  });
});
