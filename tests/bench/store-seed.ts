// Seeding a store with a history: shared by the Node store bench and the Chromium one (bundled into a
// page by chromium-store.ts), so it imports nothing of Node's.
import { NEVER, type AppDb, type InboxItem } from '@/lib/db';
import { compactItem, DETAIL_DAYS } from '@/lib/pipeline/prune';

const DAY = 86_400_000;

/**
 * A store with `finished` items spread over the last 180 days (those past the detail period compacted,
 * as pruning keeps them) and `waiting` items (every `dueEvery`-th due now, the others deferred), with ids
 * from `firstId` on, so that a second seeding adds to the first.
 */
export async function seed(db: AppDb, templates: InboxItem[], finished: number, waiting: number, now: number, dueEvery = 5, firstId = 10_000_000): Promise<void> {
  const CHUNK = 5_000;
  const compacted = templates.map(compactItem);
  const make = (n: number): InboxItem => {
    const isOld = n < finished && (n / Math.max(1, finished)) * 180 > DETAIL_DAYS;
    const t = (isOld ? compacted : templates)[n % templates.length]!;
    const isWaiting = n >= finished;
    const at = new Date(now - (isWaiting ? (n - finished) * 60_000 : (n / Math.max(1, finished)) * 180 * DAY)).toISOString();
    const id = firstId + n;
    const key = `${t.kind}:${id}`;
    const state = isWaiting ? (n % dueEvery === 0 ? 'new' : 'deferred') : n % 10 === 0 ? 'skipped' : 'done';
    const dueAt = !isWaiting ? NEVER : state === 'new' ? now - 1_000 : now + 30 * DAY;
    return { ...t, key, id, at, comm: { ...t.comm, id, at }, state, dueAt, leaseOwner: null, createdAt: Date.parse(at), updatedAt: Date.parse(at) };
  };
  for (let start = 0; start < finished + waiting; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, finished + waiting - start) }, (_, i) => make(start + i));
    await db.inbox.bulkAdd(rows);
  }
}

