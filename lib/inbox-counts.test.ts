import type { DBCore, Middleware } from 'dexie';
import { describe, expect, test } from 'vitest';
import { openDb, type InboxItem } from './db';
import { INBOX_COUNTS_KEY } from './inbox-counts';
import { toCommunication } from './domain/communication';
import { Inbox } from './pipeline/inbox';

const call = (id: number) => toCommunication('call', { id, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false }, 'Europe/Moscow');

/** A database whose inbox reads below the counting middleware are counted (what reaches IndexedDB). */
function countedDb() {
  const db = openDb(`counts-${Math.random()}`);
  const reads = { getMany: 0 };
  const spy: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ReadSpy',
    level: -3,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return name !== 'inbox' ? table : { ...table, getMany: (req) => (reads.getMany++, table.getMany(req)) };
      },
    }),
  };
  db.use(spy);
  return { db, reads };
}

const counts = async (db: ReturnType<typeof openDb>) => Object.fromEntries(Object.entries((await db.tallies.get(INBOX_COUNTS_KEY))?.counts ?? {}).filter(([, n]) => n !== 0));

describe('the inbox counts', () => {
  test('a row read in the transaction that writes it is not read again for its old state', async () => {
    const { db, reads } = countedDb();
    const inbox = new Inbox(db);
    await inbox.ingest([call(1), call(2)]);
    await inbox.claim('a', 2);
    reads.getMany = 0;
    await inbox.update('call:1', 'a', { state: 'done' });
    expect(reads.getMany).toBe(0);
    expect(await counts(db)).toEqual({ processing: 1, done: 1 });
  });

  test('counts stay right for reads of absent rows, several writes of one row, deletes and writes not read first', async () => {
    const { db } = countedDb();
    await new Inbox(db).ingest([call(1), call(2), call(3)]);
    await db.transaction('rw', db.inbox, async () => {
      expect(await db.inbox.get('call:9')).toBeUndefined();
      const one = (await db.inbox.get('call:1'))!;
      await db.inbox.put({ ...one, state: 'planned' });
      await db.inbox.put({ ...one, state: 'done' });
      await db.inbox.put({ ...one, key: 'call:9', id: 9, state: 'failed' } satisfies InboxItem);
      await db.inbox.delete('call:1');
      await db.inbox.put({ ...one, key: 'call:2', id: 2, state: 'skipped' }); // never read here: its old state is read
    });
    expect(await counts(db)).toEqual({ new: 1, failed: 1, skipped: 1 });
    await db.transaction('rw', db.inbox, async () => {
      await db.inbox.toCollection().toArray();
      await db.inbox.where('state').equals('new').delete();
      await db.inbox.bulkPut((await db.inbox.toArray()).map((i) => ({ ...i, state: 'done' as const })));
    });
    expect(await counts(db)).toEqual({ done: 2 });
    expect(await db.inbox.count()).toBe(2);
  });
});
