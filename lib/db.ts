import Dexie, { type EntityTable, type Table } from 'dexie';
import type { CommKind, Communication, RuleKind } from './domain/communication';
import type { RuleSet } from './rules/schema';
import type { Plan } from './pipeline/plan';
import type { Phrase, Said } from './phrase';
import { countRow, INBOX_COUNTS_KEY, inboxCountsMiddleware, type TallyRecord } from './inbox-counts';
import type { InboxState } from './inbox-states';

/**
 * The extension's IndexedDB (extension origin only: AutoCRM pages and content scripts cannot read it).
 * Each schema change is a new `version()` with its upgrade; a released version is never edited.
 */
export interface AccountRecord {
  id: string;
  kind: 'autocrm' | 'callgear';
  name: string;
  /** Non-secret connection settings (URL, login, brand, auth kind). */
  settings: Record<string, string>;
}

export interface SecretRecord {
  /** The account's id. */
  id: string;
  /** Password, Bearer key or CallGear access token: never sent to pages or content scripts. */
  secret: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The states and their groups are listed once, in lib/inbox-states.ts. */
export type { InboxState } from './inbox-states';
/** dueAt of an item nobody needs to look at again (until someone retries it). */
export const NEVER = Number.MAX_SAFE_INTEGER;

export interface ErrorInfo {
  kind: string;
  service?: string;
  code?: string;
  ru: string;
  en: string;
  /** For template errors: which field, where, and the error's key and params (the UI words it in its language). */
  template?: TemplateErrorInfo;
}

export interface TemplateErrorInfo {
  field: string;
  line?: number;
  column?: number;
  key?: string;
  params?: Record<string, string | number>;
  message?: string;
}

/** The pipeline's own error: a phrase (lib/phrase.ts) or a template error, worded by the UI in its language. */
export interface PipelineError {
  kind: string;
  said?: Phrase;
  template?: TemplateErrorInfo;
}

/** What stopped an inbox item: a service's error with its own texts (lib/api-error.ts), or the pipeline's. */
export type ItemError = ErrorInfo | PipelineError;

export interface EntityRef {
  entity: 'inquiry' | 'serviceInquiry' | 'worksheet' | 'client' | 'task' | 'call';
  id: number;
  url: string | null;
}

export interface InboxItem {
  /** `kind:id` — the inbox never holds a communication twice. */
  key: string;
  kind: CommKind;
  id: number;
  communicationId: number | null;
  ruleKind: RuleKind;
  at: string;
  comm: Communication;
  state: InboxState;
  /** When this item should next be looked at (ms): now for new, the lease end while processing, the
   * deferral or the next attempt; NEVER when finished. One index serves the whole scheduler. */
  dueAt: number;
  leaseOwner: string | null;
  attempts: number;
  /** Why this state: a phrase (lib/phrase.ts); a plain string in rows stored before phrases. */
  reason: Said | null;
  error: ItemError | null;
  plan: Plan | null;
  created: EntityRef[];
  createdAt: number;
  updatedAt: number;
  /** A finished item past its detail period: variables and steps were dropped (lib/pipeline/prune.ts). */
  compacted?: boolean;
}

export interface StepRecord {
  seq?: number;
  key: string;
  at: number;
  step: string;
  detail: unknown;
}

export interface CursorRecord {
  kind: CommKind;
  /** ISO time up to which reports have been read. */
  till: string;
  updatedAt: number;
}

export interface RuleSetRecord {
  kind: RuleKind;
  ruleSet: RuleSet;
  updatedAt: number;
}

export interface UserMapRecord {
  autocrmUserId: number;
  callgearEmployeeId: number;
  name: string;
}

/** What was already created for a communication: the shell never repeats a recorded create. */
export interface LinkRecord {
  key: string;
  clientId?: number;
  entity?: EntityRef;
  sourceId?: number;
  source2Id?: number;
  callId?: number;
  taskId?: number;
  attached?: boolean;
  commented?: boolean;
  /** What the look-ups found, kept for an hour so a retry after a failed request does not repeat them. */
  lookups?: { at: number; value: import('./pipeline/plan').Lookups };
}

/**
 * A client whose CallGear contact should have the AutoCRM responsible as personal manager: one row per
 * phone (the latest responsible wins), worked through by the personal-manager sync.
 */
export interface PersonalManagerRecord {
  /** The client's number, E.164. */
  phone: string;
  autocrmUserId: number;
  clientName: string | null;
  /** The address-book contact named in the report row (calls carry `contact_id`), when known. */
  contactId: number | null;
  state: 'pending' | 'done' | 'skipped' | 'failed';
  /** What was done or why not, as a _locales phrase (a string in rows written before): shown in the options page. */
  reason?: Said | string;
  employeeId?: number;
  attempts: number;
  dueAt: number;
  updatedAt: number;
}

export interface CacheRecord {
  key: string;
  id: number;
  at: number;
}

export type AppDb = Dexie & {
  accounts: EntityTable<AccountRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
  secrets: EntityTable<SecretRecord, 'id'>;
  inbox: EntityTable<InboxItem, 'key'>;
  steps: Table<StepRecord, number>;
  cursors: EntityTable<CursorRecord, 'kind'>;
  rules: EntityTable<RuleSetRecord, 'kind'>;
  userMap: EntityTable<UserMapRecord, 'autocrmUserId'>;
  links: EntityTable<LinkRecord, 'key'>;
  cache: EntityTable<CacheRecord, 'key'>;
  personalManagers: EntityTable<PersonalManagerRecord, 'phone'>;
  /** Running counts kept in step with other tables (lib/inbox-counts.ts). */
  tallies: EntityTable<TallyRecord, 'key'>;
};

export const DB_NAME = 'callgear-autocrm';

export function openDb(name = DB_NAME): AppDb {
  // No liveQuery reads this database (pages follow announcements, lib/db-changes.ts), so Dexie's query cache,
  // which tracks and clones what every transaction reads and writes for liveQuery, only costs time.
  const db = new Dexie(name, { cache: 'disabled' }) as AppDb;
  // v1: the foundation (accounts and settings).
  db.version(1).stores({
    accounts: 'id, kind',
    settings: 'key',
  });
  // v2: the pipeline. Secrets move out of account settings into their own table.
  db.version(2)
    .stores({
      accounts: 'id, kind',
      settings: 'key',
      secrets: 'id',
      inbox: 'key, state, dueAt, at, kind, communicationId',
      steps: '++seq, key',
      cursors: 'kind',
      rules: 'kind',
      userMap: 'autocrmUserId, callgearEmployeeId',
      links: 'key',
      cache: 'key',
    })
    .upgrade(async (tx) => {
      await tx
        .table('accounts')
        .toCollection()
        .modify((account: AccountRecord) => {
          const { password, token, ...rest } = account.settings ?? {};
          const secret = password ?? token;
          if (secret) void tx.table('secrets').put({ id: account.id, secret });
          account.settings = rest;
        });
    });
  // v3: personal managers to keep on CallGear contacts.
  db.version(3).stores({ personalManagers: 'phone, state, dueAt, updatedAt' });
  // v4: a cost that stays flat as the history grows. `[state+at]` serves the status (the oldest item
  // still waiting), the Журнал's pages by state, and pruning (finished items by age); `tallies` holds
  // the inbox's count per state, kept by inboxCountsMiddleware and started here from the rows.
  db.version(4)
    .stores({ inbox: 'key, state, dueAt, at, kind, communicationId, [state+at]', tallies: 'key' })
    .upgrade(async (tx) => {
      const counts: Record<string, number> = {};
      await tx.table('inbox').each((row: InboxItem) => countRow(counts, row));
      await tx.table('tallies').put({ key: INBOX_COUNTS_KEY, counts } satisfies TallyRecord);
    });
  db.use(inboxCountsMiddleware);
  // v5: installation roles decide who holds credentials (lib/credential-policy.ts). Accounts saved so far hold
  // the integration's. An installation that never chose a role was a coordinator (the old default) and stays
  // one; an operator gives up every integration secret and session key it kept.
  db.version(5)
    .stores({})
    .upgrade(async (tx) => {
      const installation = (await tx.table('settings').get('installation')) as SettingRecord | undefined;
      const hasAccounts = (await tx.table('accounts').count()) > 0;
      await tx
        .table('accounts')
        .toCollection()
        .modify((account: AccountRecord) => {
          account.settings = { ...account.settings, identity: account.settings?.identity === 'personal' ? 'personal' : 'integration' };
        });
      if (!installation && hasAccounts) {
        await tx.table('settings').put({ key: 'installation', value: { role: 'coordinator', employeeId: null, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0, parallelRequests: 6 } });
      } else if ((installation?.value as { role?: string } | undefined)?.role === 'operator') {
        await tx.table('secrets').clear();
      }
    });
  return db;
}
