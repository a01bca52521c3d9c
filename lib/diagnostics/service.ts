import type { AppDb } from '../db';
import { observeExchanges } from '../http';
import { RequestLog } from './request-log';
import { settingsLogStore } from './store';

/** The worker's one request log: every client reports to it through lib/http.ts. */
export const requestLog = new RequestLog();

const userNames = async (db: AppDb) => (await db.userMap.toArray()).map((user) => user.name).filter(Boolean);

/**
 * Starts logging this worker's requests and brings back what an earlier life saved. Idempotent: a second
 * call only re-reads the store. Names of mapped users are masked in logged error messages.
 */
export async function startRequestLog(db: AppDb, log: RequestLog = requestLog): Promise<void> {
  observeExchanges((exchange) => log.record(exchange));
  log.names = await userNames(db).catch(() => []);
  await log.attach(settingsLogStore(db));
}

export { userNames };
