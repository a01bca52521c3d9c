import { DateTime } from 'luxon';
import type { CallGearClient } from '../callgear/client';
import { notCallGear } from '../callgear/errors';
import { REPORT_METHOD, REPORT_OF_KIND, TIME_SORT } from '../callgear/fields';
import { inboxKey, reportTimeToIso, toCommunication, type CommKind, type Communication } from '../domain/communication';
import type { AppDb, InboxItem, InboxState } from '../db';
import type { Inbox } from './inbox';
import { DEFAULT_INTAKE, LONGEST_MINUTES, type IntakeSettings, type ReportSource } from './intake';
import {
  clampDays, DEFAULT_RECONCILE_DAYS, MAX_PAGES_PER_WINDOW, MAX_RECONCILE_DAYS, MAX_WINDOW_DAYS, RECONCILE_PAGE_SIZE, reconcileCost, REPORT_KINDS, type ReconcileCost,
} from './reconcile-cost';

export { clampDays, DEFAULT_RECONCILE_DAYS, MAX_PAGES_PER_WINDOW, MAX_RECONCILE_DAYS, reconcileCost, type ReconcileCost };

/**
 * Reconciliation: what CallGear's reports list against what the inbox took in, per day and per kind,
 * and the gaps (communications the inbox never took in) with one way to take them in.
 */

/** The kinds the admin sees: calls split by direction. */
export type ReconcileKind = 'callIn' | 'callOut' | 'chat' | 'lead';
export const RECONCILE_KINDS: readonly ReconcileKind[] = ['callIn', 'callOut', 'chat', 'lead'];

/** Ids per take-in request (`in` filter, data_api/index.html "Filter operators"). */
const TAKE_IN_BATCH = 500;

/**
 * The fewest documented fields that tell a row's id, time and (for calls) direction. Points are per
 * request, not per field ("All operations: 1", data_api/index.html "Limits"), so a short list costs the
 * same points and fewer bytes than intake's. All are documented on the report pages: get_calls_report
 * `id`, `start_time`, `direction`; get_chats_report `id`, `date_time`; get_offline_messages_report `id`,
 * `date_time` (not returned by default there, so it must be named).
 */
export const RECONCILE_FIELDS: Record<CommKind, string[]> = {
  call: ['id', 'start_time', 'direction'],
  chat: ['id', 'date_time'],
  lead: ['id', 'date_time'],
};

/** One row of a report, as reconciliation reads it. */
export interface SeenRow {
  kind: CommKind;
  id: number;
  /** ISO time with offset. */
  at: string;
  direction: 'in' | 'out' | null;
}

export interface ReportWindow {
  date_from: string;
  date_till: string;
}

/** The minimal report reads reconciliation needs. */
export interface ReconcileSource {
  /** The account's zone (report times are account-local). */
  timezone(): Promise<string>;
  /** One page of a kind's report: raw rows (`id` and the time field) and `metadata.total_items`. */
  page(kind: CommKind, params: ReportWindow & { limit: number; offset: number }): Promise<{ rows: Record<string, unknown>[]; total: number }>;
  pointsUsed(): number;
}

/** Reads the reports through the client's JSON-RPC call, naming RECONCILE_FIELDS (the client's row schemas need more). */
export function reconcileSourceOf(client: CallGearClient, timezone: () => Promise<string>): ReconcileSource {
  return {
    timezone,
    async page(kind, params) {
      const report = REPORT_OF_KIND[kind];
      const sort = TIME_SORT[report];
      const method = REPORT_METHOD[report];
      const result = await client.rpc('data', method, { ...params, fields: RECONCILE_FIELDS[kind], ...(sort ? { sort } : {}) });
      // As the client's own report reads: an answer without a row list is not CallGear's.
      if (!Array.isArray(result.data)) throw notCallGear(200, method);
      const rows = result.data as Record<string, unknown>[];
      const total = result.metadata?.total_items;
      return { rows, total: typeof total === 'number' ? total : Number.POSITIVE_INFINITY };
    },
    pointsUsed: () => client.pointsUsed,
  };
}

/** Counts of one day and kind. */
export interface DayKindRow {
  /** `yyyy-MM-dd` in the dealership's zone. */
  day: string;
  kind: ReconcileKind;
  inCallGear: number;
  inInbox: number;
  /** Done: created (or found by its marker) in AutoCRM. */
  created: number;
  skipped: number;
  /** New, planned, deferred or being processed. */
  waiting: number;
  /** Failed (will be retried) or needs a fix. */
  failed: number;
  /** Skip reasons and how often each occurred. */
  skipReasons: Record<string, number>;
  /** Ids in CallGear the inbox never took in. */
  gaps: number[];
  /** In CallGear, newer than intake's last read of the kind: the next poll takes them in. */
  notYetRead: number;
}

export interface Gap {
  kind: CommKind;
  id: number;
  at: string;
  reconcileKind: ReconcileKind;
}

export interface ReconcileResult {
  days: number;
  zone: string;
  from: string;
  till: string;
  rows: DayKindRow[];
  gaps: Gap[];
  /** Kinds whose report reached MAX_PAGES_PER_WINDOW: their counts are incomplete. */
  truncated: CommKind[];
  /** Rows without a readable id or time (counted nowhere else). */
  unreadable: number;
  /** Points this run spent. */
  points: number;
  cost: ReconcileCost;
}

const fmt = (dt: DateTime) => dt.toFormat('yyyy-MM-dd HH:mm:ss');

/** The span reconciled: from the start of the day `days - 1` days ago (dealership zone) to now. */
export function spanOf(days: number, zone: string, now: number): { from: DateTime; till: DateTime; dayList: string[] } {
  const till = DateTime.fromMillis(now).setZone(zone);
  const from = till.startOf('day').minus({ days: clampDays(days) - 1 });
  const dayList: string[] = [];
  for (let day = from; day <= till; day = day.plus({ days: 1 })) dayList.push(day.toISODate()!);
  return { from, till, dayList };
}

/** `[from, till]` cut into report windows in the account's zone. */
function reportWindows(from: DateTime, till: DateTime, accountZone: string): ReportWindow[] {
  const windows: ReportWindow[] = [];
  for (let start = from; start < till; ) {
    const end = DateTime.min(till, start.plus({ days: MAX_WINDOW_DAYS }));
    windows.push({ date_from: fmt(start.setZone(accountZone)), date_till: fmt(end.setZone(accountZone)) });
    start = end;
  }
  return windows;
}

/** Reads the id, time and direction of every row of a kind's report in the windows, page by page. */
async function readKind(source: ReconcileSource, kind: CommKind, windows: ReportWindow[], accountZone: string) {
  const rows: SeenRow[] = [];
  let unreadable = 0;
  let truncated = false;
  const timeField = kind === 'call' ? 'start_time' : 'date_time';
  for (const window of windows) {
    let previous: string | null = null;
    for (let page = 0; ; page++) {
      if (page === MAX_PAGES_PER_WINDOW) {
        truncated = true;
        break;
      }
      const offset = page * RECONCILE_PAGE_SIZE;
      const answer = await source.page(kind, { ...window, limit: RECONCILE_PAGE_SIZE, offset });
      for (const raw of answer.rows) {
        const seen = seenRow(kind, raw, timeField, accountZone);
        if (seen) rows.push(seen);
        else unreadable++;
      }
      // An API that ignores `offset` would hand back the same page forever: stop at a repeat.
      const signature = JSON.stringify(answer.rows.map((r) => r.id));
      if (answer.rows.length < RECONCILE_PAGE_SIZE || offset + answer.rows.length >= answer.total || signature === previous) break;
      previous = signature;
    }
  }
  return { rows, unreadable, truncated };
}

function seenRow(kind: CommKind, raw: Record<string, unknown>, timeField: string, accountZone: string): SeenRow | null {
  if (typeof raw.id !== 'number' || typeof raw[timeField] !== 'string') return null;
  try {
    const at = reportTimeToIso(raw[timeField] as string, accountZone);
    return { kind, id: raw.id, at, direction: kind === 'call' ? (raw.direction === 'out' ? 'out' : 'in') : null };
  } catch {
    return null;
  }
}

const reconcileKindOf = (kind: CommKind, direction: 'in' | 'out' | null): ReconcileKind => (kind === 'call' ? (direction === 'out' ? 'callOut' : 'callIn') : kind);

/** An inbox item's kind for the table: its call direction, or (for a placeholder without one) its rule kind. */
const itemKindOf = (item: InboxItem): ReconcileKind =>
  item.kind === 'call' ? (item.comm.direction === 'out' || (item.comm.direction === null && item.ruleKind === 'outgoingCalls') ? 'callOut' : 'callIn') : item.kind;

type Outcome = 'created' | 'skipped' | 'waiting' | 'failed';
const OUTCOME: Record<InboxState, Outcome> = {
  new: 'waiting', planned: 'waiting', deferred: 'waiting', processing: 'waiting',
  done: 'created', skipped: 'skipped', failed: 'failed', 'needs-fix': 'failed',
};

/**
 * The pure part: per day (dealership zone) and kind, what CallGear listed, what the inbox holds and how
 * it ended, and the gaps. A row's day and kind come from the report when CallGear listed it (so both
 * columns count the same communication in the same cell); an inbox item CallGear did not list (an
 * earlier window, a row since removed) counts by its own time and kind. Cells outside `dayList` are left out.
 * A row missing from the inbox that intake's next poll will read (from its cursor less the overlap on) is
 * "not read yet", not a gap.
 */
export function aggregate(
  seen: SeenRow[],
  items: InboxItem[],
  zone: string,
  dayList: string[],
  /** Per kind, from when on (ms) intake's next poll reads (-Infinity if never polled): newer rows are not gaps yet. */
  readUpTo: (kind: CommKind) => number = () => Number.POSITIVE_INFINITY,
): { rows: DayKindRow[]; gaps: Gap[] } {
  const cells = new Map<string, DayKindRow>();
  for (const day of dayList) {
    for (const kind of RECONCILE_KINDS) cells.set(`${day}|${kind}`, { day, kind, inCallGear: 0, inInbox: 0, created: 0, skipped: 0, waiting: 0, failed: 0, skipReasons: {}, gaps: [], notYetRead: 0 });
  }
  const dayOf = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISODate()!;
  const byKey = new Map(items.map((item) => [item.key, item]));
  const placed = new Set<string>();
  const gaps: Gap[] = [];

  const count = (cell: DayKindRow, item: InboxItem) => {
    cell.inInbox++;
    const outcome = OUTCOME[item.state];
    cell[outcome]++;
    if (outcome === 'skipped') {
      const reason = item.reason === null ? '—' : typeof item.reason === 'string' ? item.reason : JSON.stringify(item.reason); // saidId, lib/phrase.ts
      cell.skipReasons[reason] = (cell.skipReasons[reason] ?? 0) + 1;
    }
  };

  for (const row of seen) {
    const key = inboxKey(row.kind, row.id);
    if (placed.has(key)) continue; // a row listed in two windows (their shared edge) counts once
    placed.add(key);
    const reconcileKind = reconcileKindOf(row.kind, row.direction);
    const cell = cells.get(`${dayOf(row.at)}|${reconcileKind}`);
    if (!cell) continue;
    cell.inCallGear++;
    const item = byKey.get(key);
    if (item) count(cell, item);
    else if (Date.parse(row.at) >= readUpTo(row.kind)) cell.notYetRead++;
    else {
      cell.gaps.push(row.id);
      gaps.push({ kind: row.kind, id: row.id, at: row.at, reconcileKind });
    }
  }
  for (const item of items) {
    if (placed.has(item.key)) continue;
    const cell = cells.get(`${dayOf(item.at)}|${itemKindOf(item)}`);
    if (cell) count(cell, item);
  }
  return { rows: [...cells.values()], gaps };
}

/**
 * Inbox items that may fall in a span starting at `fromIso`. `at` is stored as ISO text with the account's
 * offset, so text comparison is only safe a day early; `aggregate` drops what falls outside the days.
 */
export function inboxItemsSince(db: AppDb): (fromIso: string) => Promise<InboxItem[]> {
  return (fromIso) => db.inbox.where('at').aboveOrEqual(DateTime.fromISO(fromIso).toUTC().minus({ days: 1 }).toISODate()!).toArray();
}

/**
 * From when on intake's next poll reads each kind: its cursor (`cursors` table) less the re-read overlap
 * (late rows plus the kind's longest duration, as `Intake` computes it); -Infinity for a kind never read.
 */
export function cursorsOf(db: AppDb, settings: IntakeSettings = DEFAULT_INTAKE): () => Promise<(kind: CommKind) => number> {
  return async () => {
    const cursors = new Map((await db.cursors.toArray()).map((c) => [c.kind, Date.parse(c.till)]));
    return (kind) => (cursors.get(kind) ?? Number.NEGATIVE_INFINITY) - (settings.overlapMinutes + LONGEST_MINUTES[kind]) * 60_000;
  };
}

export interface ReconcileDeps {
  source: ReconcileSource;
  /** Inbox items from this time on (ISO); the caller reads them from the database. */
  itemsSince: (fromIso: string) => Promise<InboxItem[]>;
  /** Per kind, from when on (ms) intake's next poll reads; -Infinity for a kind never read. */
  readUpTo: () => Promise<(kind: CommKind) => number>;
  /** The dealership's zone, for days. */
  zone: string;
  now?: () => number;
}

/** Reads the three reports for the last `days` days and compares them with the inbox. */
export async function reconcile(deps: ReconcileDeps, days = DEFAULT_RECONCILE_DAYS): Promise<ReconcileResult> {
  const count = clampDays(days);
  const before = deps.source.pointsUsed();
  const { from, till, dayList } = spanOf(count, deps.zone, (deps.now ?? Date.now)());
  const accountZone = await deps.source.timezone();
  const windows = reportWindows(from, till, accountZone);
  const seen: SeenRow[] = [];
  const truncated: CommKind[] = [];
  let unreadable = 0;
  for (const kind of REPORT_KINDS) {
    const read = await readKind(deps.source, kind, windows, accountZone);
    seen.push(...read.rows);
    unreadable += read.unreadable;
    if (read.truncated) truncated.push(kind);
  }
  const items = await deps.itemsSince(from.toUTC().toISO()!);
  const { rows, gaps } = aggregate(seen, items, deps.zone, dayList, await deps.readUpTo());
  const listed = Object.fromEntries(REPORT_KINDS.map((kind) => [kind, seen.filter((r) => r.kind === kind).length]));
  return {
    days: count,
    zone: deps.zone,
    from: from.toISO()!,
    till: till.toISO()!,
    rows,
    gaps,
    truncated,
    unreadable,
    points: deps.source.pointsUsed() - before,
    cost: reconcileCost(count, listed),
  };
}

export interface TakeInResult {
  /** Communications added to the inbox. */
  taken: number;
  /** Ids already in the inbox (taken in meanwhile): nothing to do. */
  already: number[];
  /** Ids the report no longer lists in the window. */
  notFound: number[];
  /** Rows the report lists but that cannot be read, with the reason (they stay gaps). */
  unreadable: { id: number; reason: string }[];
}

/**
 * Takes gap rows into the inbox through intake's path: the kind's report with intake's `fields` list
 * (`ReportSource.page`), filtered by `id` with `in` (`id` is filterable in the calls, chats and offline
 * messages reports; `in` is a documented operator, data_api/index.html "Filter operators"), then
 * `toCommunication` and `Inbox.ingest`, whose `kind:id` key keeps the inbox free of duplicates; the
 * AutoCRM markers keep AutoCRM free of them. Costs one point per window and 500 ids.
 */
export async function takeIn(
  { source, inbox, db, now = Date.now }: { source: ReportSource; inbox: Inbox; db: AppDb; now?: () => number },
  kind: CommKind,
  ids: number[],
  days = MAX_RECONCILE_DAYS,
): Promise<TakeInResult> {
  const wanted = [...new Set(ids)];
  const existing = new Set((await db.inbox.bulkGet(wanted.map((id) => inboxKey(kind, id)))).flatMap((item) => (item ? [item.key] : [])));
  const already = wanted.filter((id) => existing.has(inboxKey(kind, id)));
  const missing = wanted.filter((id) => !existing.has(inboxKey(kind, id)));
  const accountZone = await source.timezone();
  const { from, till } = spanOf(days, accountZone, now());
  const found = new Map<number, Communication>();
  const unreadable = new Map<number, string>();
  for (let start = 0; start < missing.length; start += TAKE_IN_BATCH) {
    const batch = missing.slice(start, start + TAKE_IN_BATCH);
    for (const window of reportWindows(from, till, accountZone)) {
      const page = await source.page(kind, { ...window, limit: RECONCILE_PAGE_SIZE, offset: 0, filter: { field: 'id', operator: 'in', value: batch } });
      for (const rejected of page.rejected) if (typeof rejected.id === 'number') unreadable.set(rejected.id, rejected.reason);
      for (const row of page.rows) {
        try {
          found.set(row.id, toCommunication(kind, row, accountZone));
        } catch (error) {
          unreadable.set(row.id, error instanceof Error ? error.message : String(error));
        }
      }
    }
  }
  const taken = await inbox.ingest([...found.values()]);
  return {
    taken,
    already,
    notFound: missing.filter((id) => !found.has(id) && !unreadable.has(id)),
    unreadable: [...unreadable.entries()].filter(([id]) => !found.has(id)).map(([id, reason]) => ({ id, reason })),
  };
}
