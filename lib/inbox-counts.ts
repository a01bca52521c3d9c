import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * The inbox's item count per state, kept in the `tallies` table in the same transaction as every write
 * to the inbox, so the status reads one row instead of counting a history that only grows (an index
 * count walks every entry it counts). It is a Dexie DBCore middleware: every writer is covered (the
 * inbox, which alone builds and changes rows in the product, pruning, tests and benches that write rows directly), and a
 * transaction that aborts takes its count changes with it.
 */

export const TALLIES = 'tallies';
export const INBOX = 'inbox';
export const INBOX_COUNTS_KEY = 'inboxCounts';

export interface TallyRecord {
  key: string;
  counts: Record<string, number>;
}

type Deltas = Map<string, number>;

function addState(deltas: Deltas, state: unknown, by: number): void {
  if (typeof state !== 'string') return;
  deltas.set(state, (deltas.get(state) ?? 0) + by);
}

/** The inbox's primary key is inbound (`key`); an explicit key wins when one is given. */
const keyOf = (value: unknown, explicit: unknown) => explicit ?? (value as { key?: unknown }).key;

/** What a write changes in the counts: old rows' states leave, new rows' states arrive. */
async function deltasOf(req: DBCoreMutateRequest, olds: (() => Promise<unknown[]>) | null, run: () => Promise<DBCoreMutateResponse>): Promise<[DBCoreMutateResponse, Deltas]> {
  const before = olds ? await olds() : [];
  const response = await run();
  const deltas: Deltas = new Map();
  const ok = (index: number) => !response.failures[index];
  if (req.type === 'add' || req.type === 'put') {
    // A key written twice in one request replaces, the second time, what the first wrote.
    const latest = new Map<unknown, unknown>();
    req.values.forEach((value, index) => {
      if (!ok(index)) return;
      const key = keyOf(value, req.keys?.[index]);
      const old = latest.has(key) ? latest.get(key) : before[index];
      latest.set(key, value);
      addState(deltas, (old as { state?: unknown } | undefined)?.state, -1);
      addState(deltas, (value as { state?: unknown }).state, +1);
    });
  } else {
    before.forEach((old, index) => ok(index) && addState(deltas, (old as { state?: unknown } | undefined)?.state, -1));
  }
  return [response, deltas];
}

/**
 * The state of each inbox row this transaction has read or written, by key (`null`: no such row). A write
 * whose rows are all known here needs no read of the old rows: the inbox reads an item before it updates
 * it, in the same transaction, so the state it read is the one the write replaces.
 */
type KnownStates = Map<unknown, string | null>;

const stateOf = (row: unknown): string | null => {
  const state = (row as { state?: unknown } | undefined)?.state;
  return row === undefined ? null : typeof state === 'string' ? state : '';
};

function noteRows(known: KnownStates | undefined, keys: readonly unknown[], rows: readonly unknown[]): void {
  if (!known) return;
  keys.forEach((key, index) => known.set(key, stateOf(rows[index])));
}

/** What a write leaves known: the states it wrote, the rows it deleted; a range delete leaves nothing known. */
function noteWrite(known: KnownStates | undefined, req: DBCoreMutateRequest, keys: readonly unknown[] | null, response: DBCoreMutateResponse): void {
  if (!known) return;
  if (req.type === 'deleteRange' || !keys) return known.clear();
  keys.forEach((key, index) => {
    if (response.failures[index]) known.delete(key);
    else known.set(key, req.type === 'delete' ? null : stateOf(req.values[index]));
  });
}

/** The keys a write touches, in the order of its values (null for a range delete). */
function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): readonly unknown[] | null {
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') return req.keys;
  return req.values.map((v, index) => keyOf(v, req.keys?.[index]) ?? table.schema.primaryKey.extractKey?.(v));
}

/** Reads the old rows a write replaces or removes (an `add` replaces nothing); rows of known state are not read. */
function oldRows(table: DBCoreTable, req: DBCoreMutateRequest, keys: readonly unknown[] | null, known: KnownStates | undefined): (() => Promise<unknown[]>) | null {
  const trans = req.trans;
  if (req.type === 'add') return null;
  if (req.type === 'deleteRange' || !keys) {
    return () => table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: (req as { range: DBCoreKeyRange }).range } }).then((r) => r.result);
  }
  if (known && keys.every((key) => known.has(key))) {
    return async () => keys.map((key) => {
      const state = known.get(key);
      return state === null ? undefined : { state };
    });
  }
  return () => table.getMany({ trans, keys: keys as unknown[] });
}

async function applyDeltas(tallies: DBCoreTable, trans: DBCoreTransaction, deltas: Deltas): Promise<void> {
  if ([...deltas.values()].every((d) => d === 0)) return;
  const row = ((await tallies.get({ trans, key: INBOX_COUNTS_KEY })) as TallyRecord | undefined) ?? { key: INBOX_COUNTS_KEY, counts: {} };
  const counts = { ...row.counts };
  for (const [state, d] of deltas) counts[state] = (counts[state] ?? 0) + d;
  const response = await tallies.mutate({ type: 'put', trans, values: [{ key: INBOX_COUNTS_KEY, counts } satisfies TallyRecord] });
  if (response.numFailures) throw response.failures[0];
}

export const inboxCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'InboxCounts',
  // Below Dexie's own middlewares: what is counted is what reaches IndexedDB.
  level: -2,
  create(down) {
    // During an upgrade the stack is built for an older schema without the tallies: nothing to keep
    // then (the v4 upgrade counts the rows itself).
    if (!down.schema.tables.some((t) => t.name === TALLIES)) return down;
    // Writes to the inbox within one transaction are counted one after another: read old rows, write,
    // update the tally row. Interleaved, two writes could read the same tally and lose one change.
    const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
    // Only a read-write transaction's reads are worth keeping: only it writes.
    const knownStates = new WeakMap<DBCoreTransaction, KnownStates>();
    const knownIn = (trans: DBCoreTransaction) => knownStates.get(trans);
    return {
      ...down,
      transaction(stores, mode, options) {
        const writesInbox = mode === 'readwrite' && stores.includes(INBOX);
        const trans = down.transaction(writesInbox && !stores.includes(TALLIES) ? [...stores, TALLIES] : stores, mode, options);
        if (writesInbox) knownStates.set(trans, new Map());
        return trans;
      },
      table(name) {
        const table = down.table(name);
        if (name !== INBOX) return table;
        const tallies = down.table(TALLIES);
        const primary = table.schema.primaryKey;
        return {
          ...table,
          // Dexie's own promises are passed on (`then`, never `async`): they carry its transaction zone.
          get: (req) =>
            table.get(req).then((row) => {
              noteRows(knownIn(req.trans), [req.key], [row]);
              return row;
            }),
          getMany: (req) =>
            table.getMany(req).then((rows) => {
              noteRows(knownIn(req.trans), req.keys, rows);
              return rows;
            }),
          query: (req) =>
            table.query(req).then((response) => {
              if (req.values && primary.keyPath === 'key') noteRows(knownIn(req.trans), response.result.map((row) => (row as { key?: unknown }).key), response.result);
              return response;
            }),
          mutate(req) {
            const previous = queues.get(req.trans) ?? Promise.resolve();
            const next = previous.then(async () => {
              const known = knownIn(req.trans);
              const keys = keysOf(table, req);
              const [response, deltas] = await deltasOf(req, oldRows(table, req, keys, known), () => table.mutate(req));
              noteWrite(known, req, keys, response);
              await applyDeltas(tallies, req.trans, deltas);
              return response;
            });
            queues.set(req.trans, next.catch(() => undefined));
            return next;
          },
        };
      },
    };
  },
};

/** Adds one row to counts being built (the starting tally of a database that had none). */
export function countRow(counts: Record<string, number>, row: { state?: unknown }): void {
  if (typeof row.state === 'string') counts[row.state] = (counts[row.state] ?? 0) + 1;
}
