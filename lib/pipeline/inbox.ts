import { inboxKey, isUnread, ruleKindOf, type CommKind, type Communication, type UnreadMark } from '../domain/communication';
import { phrase } from '../phrase';
import Dexie from 'dexie';
import { INBOX_COUNTS_KEY } from '../inbox-counts';
import { NEVER, type AppDb, type InboxItem, type LinkRecord, type StepRecord } from '../db';
import { INBOX_STATES, isFinished, LEASED, NEEDS_ATTENTION, needsAttention, WAITING, type InboxState } from '../inbox-states';

/** How long a claimed item belongs to one worker before another may take it over. */
export const LEASE_MS = 60_000;


/**
 * The inbox in IndexedDB: ingesting without duplicates, claiming due items under a lease, and the
 * per-communication steps log. Every write is a Dexie transaction, so a killed worker leaves no
 * half-written item behind.
 */
export class Inbox {
  /** Steps noted since the item's last update, written together with it (see `note`). */
  private readonly notes = new Map<string, StepRecord[]>();

  constructor(
    private readonly db: AppDb,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Adds communications not yet in the inbox (re-reads and duplicates are ignored). A chat that has
   * since finished replaces its unfinished copy and becomes due. Returns how many were new.
   */
  async ingest(comms: Communication[]): Promise<number> {
    if (comms.length === 0) return 0;
    return this.db.transaction('rw', this.db.inbox, async () => {
      const unique = [...new Map(comms.map((c) => [inboxKey(c.kind, c.id), c])).entries()];
      const existing = await this.db.inbox.bulkGet(unique.map(([key]) => key));
      const now = this.now();
      const fresh: InboxItem[] = [];
      const replaced: InboxItem[] = [];
      unique.forEach(([key, comm], index) => {
        const old = existing[index];
        if (!old) fresh.push(newItem(key, comm, now));
        else if (!old.comm.finished && comm.finished && !isFinished(old.state)) replaced.push({ ...old, comm, dueAt: now, updatedAt: now });
        // A placeholder for a row that could not be read heals by itself when a later poll reads the row.
        else if (old.state === 'needs-fix' && isUnread(old.comm) && !isUnread(comm)) replaced.push({ ...newItem(key, comm, now), createdAt: old.createdAt });
      });
      await this.db.inbox.bulkAdd(fresh);
      await this.db.inbox.bulkPut(replaced);
      return fresh.length;
    });
  }

  /**
   * Takes up to `limit` due items for `owner`: new, failed or deferred items whose time has come, and
   * items whose previous lease ran out (a worker killed mid-step). `accept` filters by ownership. With
   * `links`, the claimed items' links are read in the same transaction and put there (the act step's
   * record of what AutoCRM already holds), which saves a transaction per item. With `before`, the rows as
   * they were before the claim are put there, so that items never started can be `release`d.
   */
  async claim(owner: string, limit: number, accept: (item: InboxItem) => boolean = () => true, links?: Map<string, LinkRecord>, before?: Map<string, InboxItem>): Promise<InboxItem[]> {
    const tables = links ? [this.db.inbox, this.db.links] : [this.db.inbox];
    return this.db.transaction('rw', tables, async () => {
      const now = this.now();
      const wanted = (i: InboxItem) => !isUnread(i.comm) && accept(i);
      const range = () => this.db.inbox.where('dueAt').belowOrEqual(now);
      // One bulk read of the first due items (a filtered read walks a cursor, a request per item); only
      // when some of them are not wanted is the range walked for more.
      const first = await range().limit(limit).toArray();
      const due = first.every(wanted) || first.length < limit ? first.filter(wanted) : await range().filter(wanted).limit(limit).toArray();
      const claimed = due.map((item) => ({ ...item, state: 'processing' as const, leaseOwner: owner, dueAt: now + LEASE_MS, attempts: item.attempts + 1, updatedAt: now }));
      await this.db.inbox.bulkPut(claimed);
      for (const item of before ? due : []) before!.set(item.key, item);
      if (links && claimed.length > 0) {
        const rows = await this.db.links.bulkGet(claimed.map((item) => item.key));
        claimed.forEach((item, index) => links.set(item.key, rows[index] ?? { key: item.key }));
      }
      return claimed;
    });
  }

  /**
   * Updates an item this owner still holds; returns false when the lease was lost to another worker. A
   * `link` given is written in the same transaction whether or not the lease is still held: it records
   * what AutoCRM holds, which is true either way.
   */
  async update(key: string, owner: string, patch: Partial<InboxItem>, link?: LinkRecord): Promise<boolean> {
    const notes = this.notes.get(key) ?? [];
    this.notes.delete(key);
    const tables = link ? [this.db.inbox, this.db.steps, this.db.links] : [this.db.inbox, this.db.steps];
    return this.db.transaction('rw', tables, async () => {
      if (notes.length) await this.db.steps.bulkAdd(notes);
      if (link) await this.db.links.put(link);
      const item = await this.db.inbox.get(key);
      if (!item || item.leaseOwner !== owner) return false;
      await this.db.inbox.put({ ...item, ...patch, updatedAt: this.now() });
      return true;
    });
  }

  /**
   * Puts back, as they were before the claim, claimed items this owner never started (still as the claim
   * left them): they are due again at once, their attempt not counted. Returns how many were put back.
   */
  async release(before: InboxItem[], owner: string): Promise<number> {
    if (before.length === 0) return 0;
    return this.db.transaction('rw', this.db.inbox, async () => {
      const current = await this.db.inbox.bulkGet(before.map((item) => item.key));
      const untouched = before.filter((item, index) => {
        const now = current[index];
        return now?.leaseOwner === owner && now.state === 'processing' && now.attempts === item.attempts + 1;
      });
      await this.db.inbox.bulkPut(untouched);
      return untouched.length;
    });
  }

  /**
   * A profile runs one service worker at a time, so when a new one starts, every lease held by another
   * owner belonged to a worker that was stopped: its items are due again at once.
   */
  async releaseLeasesNotOwnedBy(owner: string): Promise<number> {
    return this.db.transaction('rw', this.db.inbox, async () => {
      const now = this.now();
      const stale = await this.db.inbox.where('state').anyOf(LEASED).filter((i) => i.leaseOwner !== owner).toArray();
      await this.db.inbox.bulkPut(stale.map((i) => ({ ...i, dueAt: now, leaseOwner: null, updatedAt: now })));
      return stale.length;
    });
  }

  async step(key: string, step: string, detail: unknown): Promise<void> {
    await this.db.steps.add({ key, at: this.now(), step, detail } satisfies StepRecord);
  }

  /**
   * Notes a step of an item this worker holds: kept in memory and written with the item's next update,
   * in the same transaction (one write instead of one per request). A worker killed in between loses
   * only these log lines; what was created is recorded in `links` at once, which is what resuming uses.
   */
  note(key: string, step: string, detail: unknown): void {
    const notes = this.notes.get(key) ?? [];
    notes.push({ key, at: this.now(), step, detail });
    this.notes.set(key, notes);
  }

  async steps(key: string): Promise<StepRecord[]> {
    const saved = await this.db.steps.where('key').equals(key).sortBy('seq');
    return [...saved, ...(this.notes.get(key) ?? [])];
  }

  /**
   * Puts finished-with-a-problem items back in line (after the admin fixed the cause). A placeholder for
   * a report row that could not be read is not put in line: it holds no facts (acting on it made an
   * inquiry with no phone and no name). It is marked for a re-read instead, which intake does at its next
   * poll of that kind (`Intake.reread`); it stays needs-fix until the row reads. Returns how many items
   * were put in line or marked.
   */
  async retry(keys?: string[]): Promise<number> {
    return this.db.transaction('rw', this.db.inbox, async () => {
      const now = this.now();
      const items = keys ? (await this.db.inbox.bulkGet(keys)).filter((i): i is InboxItem => !!i) : await this.db.inbox.where('state').anyOf(NEEDS_ATTENTION).toArray();
      const again = items.filter((i) => needsAttention(i.state)).map((i): InboxItem => {
        if (!isUnread(i.comm)) return { ...i, state: 'new', dueAt: now, reason: null, error: null, updatedAt: now };
        const unread = i.comm.unread ?? legacyUnreadMark(i);
        return { ...i, state: 'needs-fix', dueAt: NEVER, comm: { ...i.comm, unread: { ...unread, rereadRequested: true } }, reason: phrase('pipeline.reason.rereadRequested'), updatedAt: now };
      });
      await this.db.inbox.bulkPut(again);
      return again.length;
    });
  }

  /**
   * A report row that could not be read becomes a needs-fix placeholder marked unread, with the reason
   * and the window it was listed in, so a retry can read it again. Returns false when the inbox already
   * holds the communication (read before, or quarantined before).
   */
  async quarantine(kind: CommKind, id: number, reason: string, window: UnreadMark['window']): Promise<boolean> {
    return this.db.transaction('rw', this.db.inbox, async () => {
      const key = inboxKey(kind, id);
      if (await this.db.inbox.get(key)) return false;
      const now = this.now();
      const at = new Date(now).toISOString();
      const comm: Communication = { kind, id, communicationId: null, at, direction: null, lost: false, contactPhone: null, employeeId: null, finished: true, variables: {}, unread: { reason, window } };
      await this.db.inbox.add({ ...newItem(key, comm, now), state: 'needs-fix', dueAt: NEVER, ...unreadReason() });
      return true;
    });
  }

  /**
   * The outcome of re-reading a placeholder's row: the communication read replaces the placeholder and
   * is put in line; a reason why it still cannot be read keeps it quarantined (no longer asked for).
   */
  async reread(key: string, outcome: { comm: Communication } | { reason: string }): Promise<void> {
    await this.db.transaction('rw', this.db.inbox, async () => {
      const item = await this.db.inbox.get(key);
      if (!item) return;
      const now = this.now();
      if ('comm' in outcome) {
        const { comm } = outcome;
        await this.db.inbox.put({ ...item, comm, communicationId: comm.communicationId, ruleKind: ruleKindOf(comm), at: comm.at, state: 'new', dueAt: now, reason: null, error: null, updatedAt: now });
      } else {
        const unread: UnreadMark = { ...(item.comm.unread ?? legacyUnreadMark(item)), reason: outcome.reason, rereadRequested: false };
        await this.db.inbox.put({ ...item, comm: { ...item.comm, unread }, ...unreadReason(), updatedAt: now });
      }
    });
  }

  /** Placeholders of unread rows a retry asked to read again, oldest first. */
  async pendingRereads(kind?: CommKind): Promise<InboxItem[]> {
    const items = await this.db.inbox.where('state').equals('needs-fix').filter((i) => Boolean(i.comm.unread?.rereadRequested) && (!kind || i.kind === kind)).toArray();
    return items.sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Counts by state, the oldest item still waiting, and the next due time. Its cost does not grow with
   * the history or the backlog: the counts are one kept row (lib/inbox-counts.ts), the oldest waiting
   * item is one `[state+at]` index step per waiting state, the next due time one `dueAt` step.
   */
  async summary(): Promise<{ counts: Record<InboxState, number>; oldestWaiting: string | null; nextDueAt: number | null }> {
    // Index keys only: no item is read.
    const [tally, oldest, [next]] = await Promise.all([
      this.db.tallies.get(INBOX_COUNTS_KEY),
      Promise.all(WAITING.map((state) => this.db.inbox.where('[state+at]').between([state, Dexie.minKey], [state, Dexie.maxKey]).limit(1).keys())),
      this.db.inbox.orderBy('dueAt').limit(1).keys(),
    ]);
    const counts = Object.fromEntries(INBOX_STATES.map((state) => [state, Math.max(0, tally?.counts[state] ?? 0)])) as Record<InboxState, number>;
    const oldestWaiting = (oldest.flat() as unknown as [InboxState, string][]).map(([, at]) => at).sort()[0] ?? null;
    const nextDueAt = typeof next === 'number' && next < NEVER ? next : null;
    return { counts, oldestWaiting, nextDueAt };
  }

  /**
   * The Журнал's first page: the latest communications (optionally of some states), read by an index
   * with a limit, so it costs the same with a year of history as with a day's.
   */
  async latest(limit: number, states?: InboxState[]): Promise<InboxItem[]> {
    if (!states) return this.db.inbox.orderBy('at').reverse().limit(limit).toArray();
    const perState = await Promise.all(states.map((state) => this.db.inbox.where('[state+at]').between([state, Dexie.minKey], [state, Dexie.maxKey]).reverse().limit(limit).toArray()));
    return perState.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
  }
}

function newItem(key: string, comm: Communication, now: number): InboxItem {
  return {
    key,
    kind: comm.kind,
    id: comm.id,
    communicationId: comm.communicationId,
    ruleKind: ruleKindOf(comm),
    at: comm.at,
    comm,
    state: 'new',
    dueAt: now,
    leaseOwner: null,
    attempts: 0,
    reason: null,
    error: null,
    plan: null,
    created: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** A row that did not read: the parser's technical detail stays on its unread mark and quarantine step (diagnostics). */
function unreadReason(): Pick<InboxItem, 'reason' | 'error'> {
  return { reason: phrase('pipeline.reason.unreadRow'), error: { kind: 'invalid-response', said: phrase('pipeline.error.unreadRow') } };
}

/** Items quarantined before placeholders carried a mark: the row was seen within the 89 days before. */
function legacyUnreadMark(item: InboxItem): UnreadMark {
  const seenAt = item.createdAt;
  return {
    // The parser's detail was never kept for these rows: the mark says only that the row did not read.
    reason: typeof item.reason === 'string' ? item.reason : 'unreadable report row',
    window: { from: new Date(seenAt - 89 * 86_400_000).toISOString(), till: new Date(seenAt).toISOString() },
  };
}
