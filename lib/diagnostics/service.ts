import type { AppDb } from '../db';
import { observeExchanges } from '../http';
import { RequestLog } from './request-log';
import { settingsLogStore } from './store';

/** The worker's one request log: every client reports to it through lib/http.ts. */
export const requestLog = new RequestLog();

/** Names of the mapped users: the people whose names this installation knows. */
export const userNames = async (db: AppDb): Promise<string[]> => (await db.userMap.toArray()).map((user) => user.name).filter(Boolean);

/**
 * Starts logging this worker's requests and brings back what an earlier life saved. Idempotent: a second
 * call only re-reads the store. Names of mapped users are masked in logged error messages; the list is
 * read again with every save, so a new mapping counts from the next batch.
 */
export async function startRequestLog(db: AppDb, log: RequestLog = requestLog): Promise<void> {
  observeExchanges((exchange) => log.record(exchange));
  const refreshNames = async () => {
    log.names = await userNames(db).catch(() => log.names);
  };
  await refreshNames();
  const store = settingsLogStore(db);
  await log.attach({
    load: store.load,
    save: async (entries) => {
      await store.save(entries);
      await refreshNames();
    },
  });
}
