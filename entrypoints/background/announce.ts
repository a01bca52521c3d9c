import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { ChangeBatch, revisionKey, type Changes } from '@/lib/changes';
import { changesOfWrite } from '@/lib/db-changes';
import { pushItemChanges } from './item-watchers';

/**
 * Announces what changed, so pages fetch it again instead of polling: a revision per topic in
 * `storage.session` (extension pages listen to `storage.onChanged`; the event neither wakes nor keeps this
 * worker alive), and a push to the AutoCRM tabs whose after-call card shows a changed item. Every committed
 * write of database `dbName` is announced, whichever module made it (lib/db-changes.ts).
 */
export function startAnnouncing(dbName: string): ChangeBatch {
  let revision = 0;
  const publish = async ({ topics, inboxKeys }: Changes) => {
    revision = Math.max(revision + 1, Date.now());
    if (topics.size > 0) await browser.storage.session.set(Object.fromEntries([...topics].map((topic) => [revisionKey(topic), revision])));
    await pushItemChanges(inboxKeys);
  };
  const batch = new ChangeBatch(publish, (run, ms) => void setTimeout(run, ms));
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => batch.add(changesOfWrite(parts, dbName)));
  return batch;
}
