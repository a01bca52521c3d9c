import { DateTime } from 'luxon';
import type { CallGearClient, ReportPage, RejectedRow } from '../callgear/client';
import { toCommunication, type CommKind, type Communication } from '../domain/communication';
import { NEVER, type AppDb } from '../db';
import type { Inbox } from './inbox';

export const REPORT_PAGE_SIZE = 1000;
/** The Data API refuses windows over three months; chunks stay below that. */
const MAX_WINDOW_DAYS = 89;

export interface IntakeSettings {
  /** How far back to catch up the first time, or after a long downtime (days, ≤ 90). */
  horizonDays: number;
  /** Re-read this much before the cursor, for rows that appear late. */
  overlapMinutes: number;
}

export const DEFAULT_INTAKE: IntakeSettings = { horizonDays: 7, overlapMinutes: 10 };

/**
 * Reports list a call or chat by its start time, once it has ended. A cursor set a minute ago would
 * never see a 40-minute call that started before it, so each kind is re-read for its longest likely
 * duration on top of the late-row overlap (chats stay open for hours; a form lead may be recorded late).
 */
export const LONGEST_MINUTES: Record<CommKind, number> = { call: 180, chat: 24 * 60, lead: 60 };
const overlapOf = (kind: CommKind, settings: IntakeSettings) => settings.overlapMinutes + LONGEST_MINUTES[kind];

type Row = Record<string, unknown> & { id: number };

/** The report reads intake needs; the CallGear client provides them. */
export interface ReportSource {
  timezone(): Promise<string>;
  page(kind: CommKind, params: { date_from: string; date_till: string; limit: number; offset: number }): Promise<ReportPage<Row>>;
  communications(params: { date_from: string; date_till: string; limit: number; offset: number }): Promise<ReportPage<{ id: number; communication_type: string }>>;
  pointsUsed(): number;
}

const ZONE_KEY = 'callgearAccountTimezone';
const ZONE_TTL_MS = 24 * 3600_000;

/**
 * The report reads of a CallGear client. The account's time zone (report times are account-local)
 * is kept for a day in settings: asking every poll would double an idle coordinator's point cost.
 */
export function reportSourceOf(client: CallGearClient, db?: AppDb): ReportSource {
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
    page: (kind, params) => client[methods[kind]](params) as Promise<ReportPage<Row>>,
    communications: (params) => client.communicationsReport({ ...params, fields: ['id', 'communication_type', 'date_time'] }),
    pointsUsed: () => client.pointsUsed,
  };
}

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
    let from = fromCursor < horizon ? horizon : fromCursor;
    const windows: [DateTime, DateTime][] = [];
    while (from < now) {
      const till = DateTime.min(now, from.plus({ days: MAX_WINDOW_DAYS }));
      windows.push([from, till]);
      from = till;
    }
    return windows;
  }

  /** Polls one kind from its cursor to now. */
  async poll(kind: CommKind): Promise<{ read: number; added: number; quarantined: number }> {
    const zone = await this.source.timezone();
    let read = 0;
    let added = 0;
    let quarantined = 0;
    const windows = await this.windowFor(kind, zone);
    for (const [from, till] of windows) {
      for (let offset = 0; ; offset += REPORT_PAGE_SIZE) {
        const page = await this.source.page(kind, { date_from: fmt(from), date_till: fmt(till), limit: REPORT_PAGE_SIZE, offset });
        const { comms, bad } = this.toCommunications(kind, page.rows, zone);
        added += await this.inbox.ingest(comms);
        quarantined += await this.quarantine(kind, [...page.rejected, ...bad]);
        const pageRead = page.rows.length + page.rejected.length;
        read += pageRead;
        if (pageRead < REPORT_PAGE_SIZE || offset + pageRead >= page.total) break;
      }
      await this.db.cursors.put({ kind, till: till.toISO()!, updatedAt: this.now() });
    }
    return { read, added, quarantined };
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

  /** Unreadable rows become needs-fix items (or, without an id, a logged step), with the reason. */
  private async quarantine(kind: CommKind, rows: RejectedRow[]): Promise<number> {
    for (const row of rows) {
      const id = typeof row.id === 'number' ? row.id : null;
      const key = id === null ? `${kind}:unreadable` : `${kind}:${id}`;
      await this.inbox.step(key, 'quarantine', { reason: row.reason, raw: row.raw });
      if (id === null) continue;
      const exists = await this.db.inbox.get(key);
      if (exists) continue;
      const now = this.now();
      await this.db.inbox.add({
        key, kind, id, communicationId: null, ruleKind: kind === 'call' ? 'incomingCalls' : kind === 'chat' ? 'chats' : 'leads',
        at: new Date(now).toISOString(),
        comm: { kind, id, communicationId: null, at: new Date(now).toISOString(), direction: null, lost: false, contactPhone: null, employeeId: null, finished: true, variables: {} },
        state: 'needs-fix', dueAt: NEVER, leaseOwner: null, attempts: 0,
        reason: `строка отчёта CallGear не прочитана: ${row.reason}`,
        error: { kind: 'invalid-response', service: 'callgear', ru: `Строка отчёта CallGear не прочитана: ${row.reason}`, en: `A CallGear report row could not be read: ${row.reason}` },
        plan: null, created: [], createdAt: now, updatedAt: now,
      });
    }
    return rows.length;
  }

  /**
   * One cheap `get.communications_report` call tells which kinds have something new since their
   * cursors; only those kinds' reports are then read. Kinds never polled, and chats still running,
   * are always read.
   */
  async changedKinds(): Promise<CommKind[]> {
    const zone = await this.source.timezone();
    const kinds: CommKind[] = ['call', 'chat', 'lead'];
    const cursors = await Promise.all(kinds.map((k) => this.db.cursors.get(k)));
    const changed = new Set<CommKind>(kinds.filter((_, i) => !cursors[i]));
    const openChats = await this.db.inbox.where('kind').equals('chat').filter((i) => !i.comm.finished).count();
    if (openChats > 0) changed.add('chat');
    const known = kinds.flatMap((kind, i) => (cursors[i] ? [DateTime.fromISO(cursors[i]!.till).minus({ minutes: overlapOf(kind, this.settings) })] : []));
    const earliest = DateTime.min(...known);
    if (!earliest) return [...changed];
    const from = earliest.setZone(zone);
    const till = DateTime.fromMillis(this.now()).setZone(zone);
    for (let offset = 0; ; offset += REPORT_PAGE_SIZE) {
      const page = await this.source.communications({ date_from: fmt(from), date_till: fmt(till), limit: REPORT_PAGE_SIZE, offset });
      const ids = page.rows.map((r) => r.id);
      const seen = new Set((await this.db.inbox.where('communicationId').anyOf(ids).toArray()).map((i) => i.communicationId));
      for (const row of page.rows) {
        const kind = TYPE_KIND[row.communication_type];
        if (kind && !seen.has(row.id)) changed.add(kind);
      }
      if (page.rows.length < REPORT_PAGE_SIZE || offset + page.rows.length >= page.total) break;
    }
    return [...changed];
  }
}
