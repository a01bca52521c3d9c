/**
 * Change announcements: the background says what changed, pages and the after-call card fetch it again.
 * Nothing here polls. The background bumps a revision per topic in `storage.session` (a storage event
 * neither wakes nor keeps the service worker alive); extension pages listen to `storage.onChanged`.
 * The content script cannot read `storage.session` (it holds an operator's credentials) and is told of
 * its one item by a message to its tab instead (docs/decisions.md, "Pages listen").
 */

/** What a page may show, as the background announces it. */
export const TOPICS = ['inbox', 'status', 'config', 'userSync', 'personalManagers', 'check'] as const;
export type Topic = (typeof TOPICS)[number];

const REVISION_PREFIX = 'revision:';

/** The `storage.session` key of a topic's revision. */
export const revisionKey = (topic: Topic): string => `${REVISION_PREFIX}${topic}`;

/** The topics among changed `storage.session` keys (other keys, the secrets included, are not topics). */
export function topicsOfKeys(keys: Iterable<string>): Topic[] {
  const known = new Set<string>(TOPICS);
  return [...keys].filter((key) => key.startsWith(REVISION_PREFIX)).map((key) => key.slice(REVISION_PREFIX.length)).filter((topic): topic is Topic => known.has(topic));
}

/** What changed in a burst of writes: topics, and which inbox rows (all of them when the write did not say). */
export interface Changes {
  topics: Set<Topic>;
  inboxKeys: Set<string> | 'all';
}

export const noChanges = (): Changes => ({ topics: new Set(), inboxKeys: new Set() });

export function mergeChanges(into: Changes, more: Changes): Changes {
  for (const topic of more.topics) into.topics.add(topic);
  if (into.inboxKeys === 'all' || more.inboxKeys === 'all') into.inboxKeys = 'all';
  else for (const key of more.inboxKeys) into.inboxKeys.add(key);
  return into;
}

/** The background's push to a content script that showed an item: it asks for the item again. */
export interface ItemChanged {
  type: 'inbox.itemChanged';
  key: string;
}

export const isItemChanged = (message: unknown): message is ItemChanged =>
  typeof message === 'object' && message !== null && (message as ItemChanged).type === 'inbox.itemChanged' && typeof (message as ItemChanged).key === 'string';

/**
 * Folds announcements made close together into one publication: a poll that writes a hundred rows bumps
 * each revision once. `schedule` is the background's timer; a pending flush does not keep the worker awake.
 */
export class ChangeBatch {
  private pending: Changes | null = null;

  constructor(
    private readonly publish: (changes: Changes) => Promise<void>,
    private readonly schedule: (run: () => void, ms: number) => void,
    private readonly delayMs = 250,
  ) {}

  add(changes: Changes): void {
    if (changes.topics.size === 0 && changes.inboxKeys !== 'all' && changes.inboxKeys.size === 0) return;
    if (this.pending) {
      mergeChanges(this.pending, changes);
      return;
    }
    this.pending = mergeChanges(noChanges(), changes);
    this.schedule(() => {
      const due = this.pending;
      this.pending = null;
      if (due) void this.publish(due).catch(() => undefined);
    }, this.delayMs);
  }

  announce(...topics: Topic[]): void {
    this.add({ topics: new Set(topics), inboxKeys: new Set() });
  }
}
