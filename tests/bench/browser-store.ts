// Bundled by chromium-store.ts into an extension page of the running extension: the product's own store
// code (Dexie schema, counts middleware, Inbox) on Chromium's IndexedDB, the same database the worker uses.
import { DB_NAME, openDb, type InboxItem } from '@/lib/db';
import { Inbox } from '@/lib/pipeline/inbox';
import { seed } from './store-seed';

const db = openDb(DB_NAME);
let clock = Date.now();
const inbox = new Inbox(db, () => clock);

export const benchStore = {
  seed: (templates: InboxItem[], finished: number, waiting: number, now: number, dueEvery: number, firstId: number) => seed(db, templates, finished, waiting, now, dueEvery, firstId),
  /** One claim of `limit` due items, the clock moved past the previous claim's lease; its time in ms. */
  async claim(limit: number, leaseMs: number): Promise<number> {
    clock += leaseMs + 1;
    const started = performance.now();
    await inbox.claim('bench', limit);
    return performance.now() - started;
  },
  count: () => db.inbox.count(),
};

(globalThis as unknown as { benchStore: typeof benchStore }).benchStore = benchStore;
