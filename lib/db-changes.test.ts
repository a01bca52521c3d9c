import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { ChangeBatch, noChanges, type Changes } from './changes';
import { openDb, type AppDb } from './db';
import { changesOfWrite } from './db-changes';
import { Inbox } from './pipeline/inbox';
import { settingsInputSchema } from './config-store';
import { topicsOfSetting } from './db-changes';
import type { Communication } from './domain/communication';

/** Every committed write of `db` while `write` runs, as the background sees it. */
async function changesDuring(db: AppDb, write: () => Promise<unknown>): Promise<Changes[]> {
  await db.open(); // the schema's own first writes are not the test's
  const seen: Changes[] = [];
  const listener = (parts: Record<string, unknown>) => void seen.push(changesOfWrite(parts, db.name));
  Dexie.on('storagemutated', listener);
  try {
    await write();
  } finally {
    Dexie.on.storagemutated.unsubscribe(listener);
  }
  return seen;
}

const summary = (all: Changes[]) => ({
  topics: [...new Set(all.flatMap((c) => [...c.topics]))].sort(),
  inboxKeys: all.some((c) => c.inboxKeys === 'all') ? 'all' : [...new Set(all.flatMap((c) => (c.inboxKeys === 'all' ? [] : [...c.inboxKeys])))].sort(),
});

const call = (id: number): Communication => ({ kind: 'call', id, at: '2026-11-30T10:00:00.000Z', finished: true, direction: 'in', contactPhone: '79161234567' }) as unknown as Communication;

let db: AppDb;
afterEach(() => db?.close());

describe('what a committed write announces', () => {
  test('ingesting calls names their rows, and the counts change with them', async () => {
    db = openDb(`changes-${Math.random()}`);
    const inbox = new Inbox(db);
    const seen = await changesDuring(db, () => inbox.ingest([call(1), call(2)]));
    expect(summary(seen)).toEqual({ topics: ['inbox', 'status'], inboxKeys: ['call:1', 'call:2'] });
  });

  test('a settings row announces by its key; a note no page shows announces nothing', async () => {
    db = openDb(`changes-${Math.random()}`);
    await expect(changesDuring(db, () => db.settings.put({ key: 'lastPoll', value: { at: 1 } })).then(summary)).resolves.toEqual({ topics: ['status'], inboxKeys: [] });
    await expect(changesDuring(db, () => db.settings.put({ key: 'userSync', value: null })).then(summary)).resolves.toEqual({ topics: ['userSync'], inboxKeys: [] });
    await expect(changesDuring(db, () => db.settings.put({ key: 'diagnostics:requestLog', value: [] })).then(summary)).resolves.toEqual({ topics: [], inboxKeys: [] });
  });

  test('a cleared table announces every row of it', async () => {
    db = openDb(`changes-${Math.random()}`);
    await expect(changesDuring(db, () => db.inbox.clear()).then(summary)).resolves.toEqual({ topics: ['inbox', 'status'], inboxKeys: 'all' });
    await expect(changesDuring(db, () => db.settings.clear()).then(summary)).resolves.toMatchObject({ topics: expect.arrayContaining(['config', 'status', 'userSync']) });
  });

  test('another database is none of ours', () => {
    expect(changesOfWrite({ 'idb://other/inbox/': { d: 1, from: 'call:1', to: 'call:1' } }, 'mine')).toEqual(noChanges());
  });

  test('every setting the admin saves announces the configuration', () => {
    const keys = Object.keys(settingsInputSchema.shape).filter((key) => !topicsOfSetting(key).includes('config'));
    expect(keys).toEqual([]);
  });
});

describe('a burst of writes is published once', () => {
  test('topics and rows are merged until the flush', async () => {
    const published: Changes[] = [];
    let flush = () => {};
    const batch = new ChangeBatch(async (c) => void published.push(c), (run) => (flush = run));
    batch.add({ topics: new Set(['inbox']), inboxKeys: new Set(['call:1']) });
    batch.add({ topics: new Set(['status']), inboxKeys: new Set(['call:2']) });
    batch.announce('status');
    expect(published).toEqual([]);
    flush();
    expect(published).toEqual([{ topics: new Set(['inbox', 'status']), inboxKeys: new Set(['call:1', 'call:2']) }]);
    batch.add({ topics: new Set(), inboxKeys: 'all' });
    flush();
    expect(published[1]!.inboxKeys).toBe('all');
  });

  test('nothing changed, nothing is scheduled', () => {
    let scheduled = 0;
    const batch = new ChangeBatch(async () => undefined, () => void scheduled++);
    batch.add(noChanges());
    expect(scheduled).toBe(0);
  });
});
