import type { AppDb } from '../db';
import type { LogStore, LoggedRequest } from './request-log';
import type { ShapeJson } from './shape';

/** The settings key the request log is kept under. */
export const REQUEST_LOG_KEY = 'diagnostics:requestLog';

/**
 * The saved form: each distinct shape once, entries pointing at it. A poll repeats the same few answers
 * (the same report, the same list), so 600 entries hold a few dozen shapes.
 */
interface SavedLog {
  version: 1;
  shapes: ShapeJson[];
  entries: (Omit<LoggedRequest, 'shape'> & { shape: number })[];
}

export function packLog(entries: LoggedRequest[]): SavedLog {
  const index = new Map<string, number>();
  const shapes: ShapeJson[] = [];
  const packed = entries.map(({ shape, ...entry }) => {
    const key = JSON.stringify(shape);
    let at = index.get(key);
    if (at === undefined) {
      at = shapes.push(shape) - 1;
      index.set(key, at);
    }
    return { ...entry, shape: at };
  });
  return { version: 1, shapes, entries: packed };
}

export function unpackLog(saved: unknown): LoggedRequest[] {
  const log = saved as Partial<SavedLog> | undefined;
  if (log?.version !== 1 || !Array.isArray(log.shapes) || !Array.isArray(log.entries)) return [];
  return log.entries.map((entry) => ({ ...entry, shape: log.shapes![entry.shape] ?? 'unknown' }));
}

/** The log in the db's `settings` table, one record (docs/decisions.md, "Diagnostic report"). */
export function settingsLogStore(db: AppDb): LogStore {
  return {
    load: async () => unpackLog((await db.settings.get(REQUEST_LOG_KEY))?.value),
    save: async (entries) => {
      await db.settings.put({ key: REQUEST_LOG_KEY, value: packLog(entries) });
    },
  };
}
