import Dexie, { type EntityTable } from 'dexie';

/**
 * The extension's IndexedDB (extension origin only: content scripts and pages of AutoCRM cannot read it).
 * Each schema change is a new `version()` with its upgrade; never edit a released version.
 */
export interface AccountRecord {
  id: string;
  kind: 'autocrm' | 'callgear';
  name: string;
  /** Non-secret connection settings (URL, login, brand). */
  settings: Record<string, string>;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type AppDb = Dexie & {
  accounts: EntityTable<AccountRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
};

export const DB_NAME = 'callgear-autocrm';

export function openDb(name = DB_NAME): AppDb {
  const db = new Dexie(name) as AppDb;
  db.version(1).stores({
    accounts: 'id, kind',
    settings: 'key',
  });
  return db;
}
