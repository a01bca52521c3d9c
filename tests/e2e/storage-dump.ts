import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Everything the extension keeps, read from one of its own pages: every IndexedDB database, store and row, and the three storage areas. */
export interface StorageDump {
  indexedDb: Record<string, Record<string, unknown[]>>;
  local: Record<string, unknown>;
  sync: Record<string, unknown>;
  session: Record<string, unknown>;
}

export function dumpExtensionStorage(page: Page): Promise<StorageDump> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const indexedDb: Record<string, Record<string, unknown[]>> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      const stores: Record<string, unknown[]> = {};
      for (const store of Array.from(db.objectStoreNames)) stores[store] = await request(db.transaction(store, 'readonly').objectStore(store).getAll());
      db.close();
      indexedDb[name] = stores;
    }
    const [local, sync, session] = await Promise.all([chrome.storage.local.get(null), chrome.storage.sync.get(null), chrome.storage.session.get(null)]);
    return { indexedDb, local, sync, session };
  });
}

/** The files of a browser profile that hold any of the strings (what a copy of a stolen laptop's disk would give). */
export function profileFilesContaining(profileDir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      let bytes: Buffer;
      try {
        const stat = lstatSync(path); // not following links: the profile's SingletonSocket is a link to a socket
        if (stat.isDirectory()) {
          walk(path);
          continue;
        }
        if (!stat.isFile() || stat.size > 50_000_000) continue;
        bytes = readFileSync(path);
      } catch {
        continue; // a file Chromium removed meanwhile
      }
      for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${path}: ${needle}`);
    }
  };
  walk(profileDir);
  return hits;
}
