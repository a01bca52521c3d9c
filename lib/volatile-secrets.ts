/**
 * Where an operator's own credentials live: memory only. In the extension this is `chrome.storage.session`
 * (kept in memory, cleared when the browser restarts, readable by the extension's own pages and worker only:
 * its default access level is TRUSTED_CONTEXTS); in Node tests a Map. Never IndexedDB, never
 * `storage.local`: nothing an operator signs in with reaches the disk.
 */
export interface VolatileSecrets {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Every key this store holds (for clearing one account's rows). */
  keys(): Promise<string[]>;
}

export class MemoryVolatileSecrets implements VolatileSecrets {
  private readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(keys: string[]) {
    for (const key of keys) this.values.delete(key);
  }
  async keys() {
    return [...this.values.keys()];
  }
}

/** The prefix of every row this extension writes to `storage.session` for credentials. */
export const VOLATILE_PREFIX = 'cred:';
export const personalSecretKey = (accountId: string) => `${VOLATILE_PREFIX}${accountId}:secret`;
export const personalSessionKey = (accountId: string, api: 'data' | 'call') => `${VOLATILE_PREFIX}${accountId}:session:${api}`;
