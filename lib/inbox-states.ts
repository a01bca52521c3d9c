/**
 * The inbox's states, and the groups the rest of the code asks about. The one list: the database type,
 * the message schemas, the pipeline, the pages and the content script all read it from here (this
 * module imports nothing, so the content script can too).
 *
 * new → planned → deferred(until) → processing(lease) → done | skipped(reason) | failed(next attempt) | needs-fix(reason)
 */
export const INBOX_STATES = ['new', 'planned', 'deferred', 'processing', 'done', 'skipped', 'failed', 'needs-fix'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** Nobody looks at these again until someone retries them (their dueAt is NEVER). */
export const FINISHED = ['done', 'skipped', 'needs-fix'] as const satisfies readonly InboxState[];
/** These will be looked at again (their dueAt is a time): everything not finished. */
export const WAITING = ['new', 'planned', 'deferred', 'processing', 'failed'] as const satisfies readonly InboxState[];
/** Waiting without a reason to: deferred items wait for working hours (or a running chat) on purpose. */
export const IN_LINE = ['new', 'planned', 'processing', 'failed'] as const satisfies readonly InboxState[];
/** Stopped with a problem: a person should look, and "Retry" puts them back in line. */
export const NEEDS_ATTENTION = ['failed', 'needs-fix'] as const satisfies readonly InboxState[];
/** Finished for good: pruning may drop them (needs-fix waits for the admin and is never pruned). */
export const SETTLED = ['done', 'skipped'] as const satisfies readonly InboxState[];
/** Held by a worker under a lease: a new worker takes them back from a stopped one. */
export const LEASED = ['planned', 'processing'] as const satisfies readonly InboxState[];

const has = (group: readonly InboxState[]) => (state: string): state is InboxState => (group as readonly string[]).includes(state);
export const isInboxState = has(INBOX_STATES);
export const isFinished = has(FINISHED);
export const needsAttention = has(NEEDS_ATTENTION);
