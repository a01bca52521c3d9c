import { phrase } from '../phrase';
import { DateTime } from 'luxon';
import { ApiError } from '../api-error';
import type { CallGearClient, ReportPage, RejectedRow } from '../callgear/client';
import { requestedFields } from '../callgear/requested-fields';
import type { ReportFilter } from '../callgear/types';
import { inboxKey, toCommunication, type CommKind, type Communication, type UnreadMark } from '../domain/communication';
import type { AppDb, InboxItem } from '../db';
import type { Inbox } from './inbox';
import { DEFAULT_INTAKE, type IntakeSettings } from '../settings/definitions';

export const REPORT_PAGE_SIZE = 1000;
/** The Data API refuses windows over three months; chunks stay below that. */
const MAX_WINDOW_DAYS = 89;

export { DEFAULT_INTAKE, type IntakeSettings };

/**
 * Reports list a call or chat by its start time, once it has ended. A cursor set a minute ago would
 * never see a 40-minute call that started before it, so each kind is re-read for its longest likely
 * duration on top of the late-row overlap (chats stay open for hours; a form lead may be recorded late).
 */
export const LONGEST_MINUTES: Record<CommKind, number> = { call: 180, chat: 24 * 60, lead: 60 };
const overlapOf = (kind: CommKind, settings: IntakeSettings) => settings.overlapMinutes + LONGEST_MINUTES[kind];

type Row = Record<string, unknown> & { id: number };

/** One page of a report: the window, paging, and (for a re-read) a filter. */
export interface PageParams {
  date_from: string;
  date_till: string;
  limit: number;
  offset: number;
  filter?: ReportFilter;
}

/** The report reads intake needs; the CallGear client provides them. */
export interface ReportSource {
  timezone(): Promise<string>;
  page(kind: CommKind, params: PageParams): Promise<ReportPage<Row>>;
  communications(params: { date_from: string; date_till: string; limit: number; offset: number }): Promise<ReportPage<{ id: number; communication_type: string }>>;
  pointsUsed(): number;
}

const ZONE_KEY = 'callgearAccountTimezone';
const ZONE_TTL_MS = 24 * 3600_000;

/** Requested field names an account refused, per kind (see `reportSourceOf`). */
export type DroppedFields = Partial<Record<CommKind, string[]>>;
export const DROPPED_FIELDS_KEY = 'callgearDroppedFields';
/**
 * Refused names are asked for again after a week: a tariff or component change may make them available,
 * and the only cost of asking is one refused request per name (no points are charged for errors).
 */
export const DROPPED_FIELDS_TTL_MS = 7 * 24 * 3600_000;
interface DroppedRecord {
  fields: DroppedFields;
  at: number;
}
/** Without a database (tests, one-off tools) the dropped names are remembered for this worker's life. */
const droppedInMemory = new Map<string, DroppedRecord>();

async function droppedRecord(db: AppDb | undefined, account: string): Promise<DroppedRecord | undefined> {
  if (!db) return droppedInMemory.get(account);
  return (await db.settings.get(`${DROPPED_FIELDS_KEY}:${account}`))?.value as DroppedRecord | undefined;
}

/** The field names an account refused within the last week, as remembered (the options page shows them). */
export async function droppedFields(db: AppDb | undefined, account = 'default', now = Date.now()): Promise<DroppedFields> {
  const record = await droppedRecord(db, account);
  return record && now - record.at < DROPPED_FIELDS_TTL_MS ? record.fields : {};
}

async function rememberDropped(db: AppDb | undefined, account: string, kind: CommKind, names: string[]): Promise<void> {
  const known = await droppedFields(db, account);
  const next: DroppedRecord = { fields: { ...known, [kind]: [...new Set([...(known[kind] ?? []), ...names])] }, at: Date.now() };
  if (db) await db.settings.put({ key: `${DROPPED_FIELDS_KEY}:${account}`, value: next });
  else droppedInMemory.set(account, next);
}

/** What was learnt about a CallGear account (its zone, the fields it refuses): forgotten when the account changes. */
export async function forgetCallGearAccountFacts(db: AppDb): Promise<void> {
  const keys = (await db.settings.toCollection().primaryKeys()).filter((key) => key === ZONE_KEY || String(key).startsWith(`${DROPPED_FIELDS_KEY}:`));
  await db.settings.bulkDelete(keys);
}

/**
 * The report reads of a CallGear client. The account's time zone (report times are account-local)
 * is kept for a day in settings: asking every poll would double an idle coordinator's point cost.
 * Each report asks for the product's `fields` list less the names this account has refused before
 * (`unexpected_parameters`: the client drops a refused name and asks once more); newly refused names
 * are remembered per account in settings and reported on the page (`dropped`) for the activity log.
 */
export function reportSourceOf(client: CallGearClient, db?: AppDb, account = 'default'): ReportSource {
  let zone: string | null = null;
  const methods = { call: 'callsReport', chat: 'chatsReport', lead: 'offlineMessagesReport' } as const;
  return {
    async timezone() {
      if (zone) return zone;
      const cached = (await db?.settings.get(ZONE_KEY))?.value as { zone: string; at: number } | undefined;
      if (cached && Date.now() - cached.at < ZONE_TTL_MS) return (zone = cached.zone);
      zone = (await client.account()).timezone;
      await db?.settings.put({ key: ZONE_KEY, value: { zone, at: Date.now() } });
      return zone;
    },
    async page(kind, params) {
      const refused = new Set((await droppedFields(db, account))[kind] ?? []);
      const fields = requestedFields(kind).filter((name) => !refused.has(name));
      const remember = (names: string[]) => rememberDropped(db, account, kind, names);
      return (await client[methods[kind]]({ ...params, fields }, { onDropped: remember })) as ReportPage<Row>;
    },
    communications: (params) => client.communicationsReport(params),
    pointsUsed: () => client.pointsUsed,
  };
}

/**
 * A page of this many rows or more with not one readable row is taken as a shape or configuration
 * problem (a field missing or typed otherwise than the report documents), not as that many bad rows:
 * one clear error instead of a needs-fix item per row, and the rows stay to be read again. Fewer rows
 * than this are quarantined one by one, so one odd row cannot stop intake.
 */
export const SHAPE_ERROR_MIN_ROWS = 5;

/** Which report, as the sentences name it ("the calls report"). */
const REPORT = (kind: CommKind) => ({ said: phrase(`pipeline.report.${kind}`) });

function shapeError(kind: CommKind, unreadable: RejectedRow[]): ApiError {
  const counts = new Map<string, number>();
  for (const row of unreadable) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
  const [reason] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return new ApiError({
    kind: 'invalid-response',
    service: 'callgear',
    request: `report:${kind}`,
    phrase: phrase('pipeline.error.reportShape', { report: REPORT(kind), count: unreadable.length, reason }),
  });
}

/** How far around the window a row was listed in a re-read looks (report windows' ends, clock drift). */
const REREAD_MARGIN_MINUTES = 60;

const TYPE_KIND: Record<string, CommKind> = { call: 'call', chat: 'chat', offline_message: 'lead' };
const fmt = (dt: DateTime) => dt.toFormat('yyyy-MM-dd HH:mm:ss');

/**
 * Reads communications forward from a cursor per kind, through the report methods: an overlap window
 * for late rows, pages of the API's size, windows under three months, and a catch-up horizon after
 * downtime. Rows it cannot read are quarantined with the reason, never dropped.
 */
export class Intake {
  constructor(
    private readonly db: AppDb,
    private readonly inbox: Inbox,
    private readonly source: ReportSource,
    private readonly settings: IntakeSettings = DEFAULT_INTAKE,
    private readonly now: () => number = Date.now,
  ) {}

  private async windowFor(kind: CommKind, zone: string): Promise<[DateTime, DateTime][]> {
    const now = DateTime.fromMillis(this.now()).setZone(zone);
    const horizon = now.minus({ days: Math.min(90, this.settings.horizonDays) });
    const cursor = await this.db.cursors.get(kind);
    const fromCursor = cursor ? DateTime.fromISO(cursor.till).setZone(zone).minus({ minutes: overlapOf(kind, this.settings) }) : horizon;
    return chunks(fromCursor < horizon ? horizon : fromCursor, now);
  }

  /**
   * Polls one kind from its cursor to now (after re-reading the rows a retry asked for). The cursor
   * moves past a window only once every row of it was taken in: as a communication, or as a quarantined
   * placeholder. A page of which no row could be read stops the poll with one error (see
   * SHAPE_ERROR_MIN_ROWS) and leaves the cursor where it was, so those rows are read again.
   */
  async poll(kind: CommKind): Promise<{ read: number; added: number; quarantined: number; reread: number }> {
    const reread = await this.reread(kind);
    const zone = await this.source.timezone();
    let read = 0;
    let added = 0;
    let quarantined = 0;
    for (const [from, till] of await this.windowFor(kind, zone)) {
      const window = { from: from.toISO()!, till: till.toISO()! };
      let previous: string | null = null;
      for (let offset = 0; ; offset += REPORT_PAGE_SIZE) {
        const page = await this.source.page(kind, { date_from: fmt(from), date_till: fmt(till), limit: REPORT_PAGE_SIZE, offset });
        if (page.dropped?.length) await this.noteDropped(kind, page.dropped);
        const { comms, bad } = this.toCommunications(kind, page.rows, zone);
        const unreadable = [...page.rejected, ...bad];
        if (comms.length === 0 && unreadable.length >= SHAPE_ERROR_MIN_ROWS) throw shapeError(kind, unreadable);
        added += await this.inbox.ingest(comms);
        quarantined += await this.quarantine(kind, unreadable, window);
        const pageRead = page.rows.length + page.rejected.length;
        read += pageRead;
        // An API that ignores `offset` would hand back the same page forever: stop at a repeat.
        const signature = JSON.stringify([...page.rows, ...page.rejected].map((r) => r.id));
        if (pageRead < REPORT_PAGE_SIZE || offset + pageRead >= page.total || signature === previous) break;
        previous = signature;
      }
      await this.db.cursors.put({ kind, till: till.toISO()!, updatedAt: this.now() });
    }
    return { read, added, quarantined, reread };
  }

  /** The activity log says which requested fields this account refused (they stay empty from now on). */
  private async noteDropped(kind: CommKind, names: string[]): Promise<void> {
    await this.inbox.step(`${kind}:fields`, 'fields-dropped', {
      names,
      said: phrase('pipeline.step.fieldsDropped', { report: REPORT(kind), names: names.join(', ') }),
    });
  }

  private toCommunications(kind: CommKind, rows: Row[], zone: string): { comms: Communication[]; bad: RejectedRow[] } {
    const comms: Communication[] = [];
    const bad: RejectedRow[] = [];
    for (const row of rows) {
      try {
        comms.push(toCommunication(kind, row, zone));
      } catch (error) {
        bad.push({ id: row.id, raw: row, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { comms, bad };
  }

  /**
   * Unreadable rows become needs-fix placeholders marked unread (or, without an id, a logged step), with
   * the reason and the window they were listed in, so a retry can read them again.
   */
  private async quarantine(kind: CommKind, rows: RejectedRow[], window: UnreadMark['window']): Promise<number> {
    for (const row of rows) {
      const id = typeof row.id === 'number' ? row.id : null;
      const key = id === null ? `${kind}:unreadable` : inboxKey(kind, id);
      await this.inbox.step(key, 'quarantine', { reason: row.reason, raw: row.raw });
      if (id !== null) await this.inbox.quarantine(kind, id, row.reason, window);
    }
    return rows.length;
  }

  /**
   * Reads again, from CallGear, the rows a retry asked for (`Inbox.retry` marks them): the kind's report
   * filtered by `id` with `=` (`id` is filterable in every report) over the window the row was listed in,
   * widened a little and cut into windows under three months. A row that now reads replaces its
   * placeholder and is put in line; one that still cannot be read, or is no longer found, stays
   * quarantined with the reason. Returns how many were read.
   */
  async reread(kind?: CommKind): Promise<number> {
    const pending = await this.inbox.pendingRereads(kind);
    if (pending.length === 0) return 0;
    const zone = await this.source.timezone();
    let read = 0;
    for (const item of pending) {
      // A re-read that fails (CallGear down, a limit) stays requested for the next poll; it never stops this poll.
      const outcome = await this.readOne(item, zone).catch((error: unknown) => ({ failed: error }));
      if ('failed' in outcome) {
        await this.inbox.step(item.key, 'reread', { ok: false, reason: outcome.failed instanceof Error ? outcome.failed.message : String(outcome.failed) });
        continue;
      }
      await this.inbox.reread(item.key, outcome);
      if ('comm' in outcome) read++;
      await this.inbox.step(item.key, 'reread', 'comm' in outcome ? { ok: true } : { ok: false, reason: outcome.reason });
    }
    return read;
  }

  private async readOne(item: InboxItem, zone: string): Promise<{ comm: Communication } | { reason: string }> {
    const window = item.comm.unread!.window;
    const from = DateTime.fromISO(window.from).setZone(zone).minus({ minutes: REREAD_MARGIN_MINUTES });
    const till = DateTime.min(DateTime.fromISO(window.till).setZone(zone).plus({ minutes: REREAD_MARGIN_MINUTES }), DateTime.fromMillis(this.now()).setZone(zone));
    const filter: ReportFilter = { field: 'id', operator: '=', value: item.id };
    for (const [a, b] of chunks(from, till)) {
      const page = await this.source.page(item.kind, { date_from: fmt(a), date_till: fmt(b), limit: REPORT_PAGE_SIZE, offset: 0, filter });
      const rejected = page.rejected.find((r) => r.id === item.id);
      if (rejected) return { reason: rejected.reason };
      const row = page.rows.find((r) => r.id === item.id);
      if (!row) continue;
      const { comms, bad } = this.toCommunications(item.kind, [row], zone);
      return comms[0] ? { comm: comms[0] } : { reason: bad[0]!.reason };
    }
    return { reason: `row ${item.id} is no longer in the CallGear report for ${fmt(from)} — ${fmt(till)}` };
  }

  /**
   * One cheap `get.communications_report` call tells whether chats and leads have something new since
   * their cursors; only those kinds' reports are then read. Calls are read every time: the documents do
   * not say that outgoing or internal PBX calls are rows of the communications report (its
   * `communication_number` is "always empty for ВАТС"), so the probe cannot vouch for them. Kinds never
   * polled, chats still running, and kinds with rows waiting for a re-read are always read.
   */
  async changedKinds(): Promise<CommKind[]> {
    const zone = await this.source.timezone();
    const kinds: CommKind[] = ['call', 'chat', 'lead'];
    const cursors = await Promise.all(kinds.map((k) => this.db.cursors.get(k)));
    const changed = new Set<CommKind>(['call', ...kinds.filter((_, i) => !cursors[i])]);
    for (const item of await this.inbox.pendingRereads()) changed.add(item.kind);
    const openChats = await this.db.inbox.where('kind').equals('chat').filter((i) => !i.comm.finished).count();
    if (openChats > 0) changed.add('chat');
    const known = kinds.flatMap((kind, i) => (cursors[i] ? [DateTime.fromISO(cursors[i]!.till).minus({ minutes: overlapOf(kind, this.settings) })] : []));
    const earliest = DateTime.min(...known);
    if (!earliest) return [...changed];
    const from = earliest.setZone(zone);
    const till = DateTime.fromMillis(this.now()).setZone(zone);
    let previous: string | null = null;
    for (let offset = 0; ; offset += REPORT_PAGE_SIZE) {
      const page = await this.source.communications({ date_from: fmt(from), date_till: fmt(till), limit: REPORT_PAGE_SIZE, offset });
      const ids = page.rows.map((r) => r.id);
      const seen = new Set((await this.db.inbox.where('communicationId').anyOf(ids).toArray()).map((i) => i.communicationId));
      for (const row of page.rows) {
        const kind = TYPE_KIND[row.communication_type];
        if (kind && !seen.has(row.id)) changed.add(kind);
      }
      const signature = JSON.stringify(ids);
      if (page.rows.length < REPORT_PAGE_SIZE || offset + page.rows.length >= page.total || signature === previous) break;
      previous = signature;
    }
    return kinds.filter((kind) => changed.has(kind));
  }
}

/** A span cut into windows the Data API accepts (under three months each). */
function chunks(from: DateTime, till: DateTime): [DateTime, DateTime][] {
  const windows: [DateTime, DateTime][] = [];
  for (let start = from; start < till; ) {
    const end = DateTime.min(till, start.plus({ days: MAX_WINDOW_DAYS }));
    windows.push([start, end]);
    start = end;
  }
  return windows;
}
