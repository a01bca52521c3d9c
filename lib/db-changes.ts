import { noChanges, type Changes, type Topic } from './changes';
import { CHECK_LAST_KEY, CHECK_PROGRESS_KEY } from './check-session';
import { DB_NAME } from './db';
import { MANAGED_KEY } from './managed-config';
import { DROPPED_FIELDS_KEY } from './pipeline/intake';
import { PHONE_SEARCH_REFUSED_KEY } from './users/personal-managers';
import { SYNC_STATE_KEY } from './users/sync';

/**
 * What a committed IndexedDB write means to the pages. Dexie reports every committed write with the keys
 * it touched (`Dexie.on('storagemutated')`, parts named `idb://<db>/<table>/<index>`), whichever module
 * wrote it, so no writer has to remember to announce. In-memory state (a manual connection check) is
 * announced by its owner instead.
 */

/** Tables by the topic their rows show up in; tables no page shows (cursors, links, cache) are absent. */
const TABLE_TOPICS: Record<string, Topic[]> = {
  // The counts (lib/inbox-counts.ts) are kept below Dexie's change tracking: an inbox write changes them too.
  inbox: ['inbox', 'status'],
  steps: ['inbox'],
  tallies: ['status'],
  accounts: ['config', 'status'],
  secrets: ['config'],
  rules: ['config'],
  userMap: ['config'],
  personalManagers: ['personalManagers'],
};

/**
 * Settings saved by the admin (the keys of `settingsInputSchema` in lib/config-store.ts, and the policy).
 * A key not listed anywhere here announces nothing, so a read that leaves a note behind (the request log,
 * a prune cursor) can never make a page read again, and again.
 */
const CONFIG_KEYS = new Set(['hours', 'installation', 'intake', 'dealershipZone', 'autocrmZone', 'userSyncNightly', 'pointBudgetShare', 'personalManagers', 'retentionDays', 'clickToCallNumber', MANAGED_KEY]);

/** Topics of one settings row by its key. */
export function topicsOfSetting(key: string): Topic[] {
  if (CONFIG_KEYS.has(key)) return key === 'installation' ? ['config', 'status'] : ['config'];
  if (key === 'lastPoll' || key.startsWith('connection:') || key.startsWith('points:') || key === 'callgearLimits' || key === 'idlePollCost') return ['status'];
  // A running check shows as "checking" in the connection lines too.
  if (key === CHECK_PROGRESS_KEY || key === CHECK_LAST_KEY) return ['check', 'status'];
  if (key === SYNC_STATE_KEY) return ['userSync'];
  if (key === PHONE_SEARCH_REFUSED_KEY) return ['personalManagers'];
  if (key.startsWith(DROPPED_FIELDS_KEY)) return ['inbox'];
  return [];
}

const ALL_SETTINGS_TOPICS: Topic[] = ['config', 'status', 'check', 'userSync', 'personalManagers', 'inbox'];

/** A key set as Dexie reports it: an interval tree (`IntervalTree` in dexie.d.ts), empty when `d` is 0. */
interface KeyTree {
  from?: unknown;
  to?: unknown;
  l?: KeyTree | null;
  r?: KeyTree | null;
  d: number;
}

/** The single keys of a key set, or null when it holds a range (a clear, a bulk write Dexie did not itemise). */
function singleKeys(set: unknown): string[] | null {
  const keys: string[] = [];
  const walk = (node: KeyTree | null | undefined): boolean => {
    if (!node || node.d === 0) return true;
    if (typeof node.from !== 'string' || node.from !== node.to) return false;
    keys.push(node.from);
    return walk(node.l) && walk(node.r);
  };
  return typeof set === 'object' && set !== null && 'd' in set && walk(set as KeyTree) ? keys : null;
}

/** What the pages should fetch again after a committed write to database `dbName`. */
export function changesOfWrite(parts: Record<string, unknown>, dbName = DB_NAME): Changes {
  const changes = noChanges();
  const prefix = `idb://${dbName}/`;
  for (const [part, set] of Object.entries(parts)) {
    if (!part.startsWith(prefix)) continue;
    const [table, index] = part.slice(prefix.length).split('/');
    // The primary key's part (index '') names the rows; index parts repeat the same write.
    if (!table || index !== '') continue;
    const keys = singleKeys(set);
    const topics = table === 'settings' ? (keys ? keys.flatMap(topicsOfSetting) : ALL_SETTINGS_TOPICS) : (TABLE_TOPICS[table] ?? []);
    for (const topic of topics) changes.topics.add(topic);
    if (table === 'inbox') changes.inboxKeys = keys ? new Set(keys) : 'all';
  }
  return changes;
}
