import type { DBCore, Middleware } from 'dexie';
import type { AppDb } from '@/lib/db';

/** IndexedDB transactions opened through a database, by mode, with the tables each one spans. */
export interface TransactionCount {
  readwrite: number;
  readonly: number;
  /** One entry per transaction: its mode and tables, in order (what a failing bound shows). */
  opened: string[];
  reset(): void;
}

/**
 * Counts the transactions Dexie opens on `db` (a DBCore middleware at the bottom of the stack: what
 * reaches IndexedDB). Call before the database is first used: Dexie builds its stack when it opens.
 */
export function countTransactions(db: AppDb): TransactionCount {
  const count: TransactionCount = {
    readwrite: 0,
    readonly: 0,
    opened: [],
    reset() {
      count.readwrite = 0;
      count.readonly = 0;
      count.opened = [];
    },
  };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'TransactionCount',
    level: -10,
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        count[mode]++;
        count.opened.push(`${mode} ${[...stores].sort().join('+')}`);
        return down.transaction(stores, mode, options);
      },
    }),
  };
  db.use(middleware);
  return count;
}
