import type { AppDb } from '../db';
import { personalSessionKey, type VolatileSecrets } from '../volatile-secrets';

/**
 * `login.user` sessions. The Data API and the Call API each issue their own key ("The reply contains a
 * key to access the Call API": callgear.github.io call_api/authentication/login_user), valid for an hour
 * (`expire_at`, a Unix timestamp in seconds: data_api/authentication/login_user). A key is kept until
 * shortly before it ends, across client instances and service-worker lives, and one login serves every
 * caller waiting for it.
 */
export type SessionApi = 'data' | 'call';

export interface Session {
  token: string;
  /** When the key ends (ms since the epoch). */
  expiresAt: number;
}

/** Where sessions live between worker lives. */
export interface SessionStore {
  get(api: SessionApi): Promise<Session | null>;
  put(api: SessionApi, session: Session): Promise<void>;
  delete(api: SessionApi): Promise<void>;
}

/** A key this close to its end is not used any more: a request must not outlive it. */
export const SESSION_MARGIN_MS = 60_000;

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<SessionApi, Session>();
  async get(api: SessionApi) {
    return this.sessions.get(api) ?? null;
  }
  async put(api: SessionApi, session: Session) {
    this.sessions.set(api, session);
  }
  async delete(api: SessionApi) {
    this.sessions.delete(api);
  }
}

/** The session row of an account's API in the `secrets` table (a key is a secret: never exported, never sent to pages). */
export const sessionSecretId = (accountId: string, api: SessionApi) => `${accountId}:session:${api}`;

function parseSession(raw: string): Session | null {
  try {
    const session = JSON.parse(raw) as Partial<Session>;
    return typeof session.token === 'string' && typeof session.expiresAt === 'number' ? { token: session.token, expiresAt: session.expiresAt } : null;
  } catch {
    return null;
  }
}

export function dbSessionStore(db: AppDb, accountId: string): SessionStore {
  return {
    async get(api) {
      const row = await db.secrets.get(sessionSecretId(accountId, api));
      return row ? parseSession(row.secret) : null;
    },
    async put(api, session) {
      await db.secrets.put({ id: sessionSecretId(accountId, api), secret: JSON.stringify(session) });
    },
    async delete(api) {
      await db.secrets.delete(sessionSecretId(accountId, api));
    },
  };
}

/**
 * Hands out a live session key per API: from memory, else from the store, else from one `login.user`
 * shared by every concurrent caller (six parallel requests cause one login, not six).
 */
export class SessionKeeper {
  private readonly cache = new Map<SessionApi, Session>();
  private readonly pending = new Map<SessionApi, Promise<Session>>();

  constructor(
    private readonly store: SessionStore = new MemorySessionStore(),
    private readonly now: () => number = Date.now,
  ) {}

  private live(session: Session | null | undefined): session is Session {
    return Boolean(session && session.expiresAt - SESSION_MARGIN_MS > this.now());
  }

  async token(api: SessionApi, login: () => Promise<Session>): Promise<string> {
    const cached = this.cache.get(api);
    if (this.live(cached)) return cached.token;
    let pending = this.pending.get(api);
    if (!pending) {
      pending = this.obtain(api, login).finally(() => this.pending.delete(api));
      this.pending.set(api, pending);
    }
    return (await pending).token;
  }

  private async obtain(api: SessionApi, login: () => Promise<Session>): Promise<Session> {
    const stored = await this.store.get(api).catch(() => null);
    const session = this.live(stored) ? stored : await login();
    this.cache.set(api, session);
    if (session !== stored) await this.store.put(api, session).catch(() => undefined);
    return session;
  }

  /** The server said this key has ended: forget it, unless a newer one has replaced it meanwhile. */
  async invalidate(api: SessionApi, token: string): Promise<void> {
    if (this.cache.get(api)?.token === token) this.cache.delete(api);
    const stored = await this.store.get(api).catch(() => null);
    if (stored?.token === token) await this.store.delete(api).catch(() => undefined);
  }

  /** Forgets every session (the account's credentials changed). */
  async clear(): Promise<void> {
    this.cache.clear();
    await Promise.all([this.store.delete('data'), this.store.delete('call')]).catch(() => undefined);
  }
}

/** Sessions of an operator's own CallGear user: memory only (`chrome.storage.session`), like their password. */
export function volatileSessionStore(volatile: VolatileSecrets, accountId: string): SessionStore {
  return {
    async get(api) {
      const raw = await volatile.get(personalSessionKey(accountId, api));
      return raw === undefined ? null : parseSession(raw);
    },
    async put(api, session) {
      await volatile.set(personalSessionKey(accountId, api), JSON.stringify(session));
    },
    async delete(api) {
      await volatile.delete([personalSessionKey(accountId, api)]);
    },
  };
}
