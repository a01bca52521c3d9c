import type { InboxItem } from '../db';
import type { ApiErrorKind } from '../api-error';
import { isUnread, type Communication } from '../domain/communication';
import { needsAttention } from '../inbox-states';

/**
 * What the operator's after-call card asks of the operator when a communication did not become a record:
 * - `retry`: trying again can succeed without anyone fixing anything (the service was busy or down, or a
 *   report row is read again from CallGear);
 * - `tell-admin`: only the admin can fix it (a template, a rule, a password, rights, a field the service
 *   rejected); retrying would fail the same way, so the card offers no retry.
 */
export type OperatorAdvice = 'retry' | 'tell-admin';

/** Error kinds a retry can fix: the same two `ApiError.retryable` names (lib/api-error.ts), plus our own slip-ups. */
const RETRY_HELPS: ReadonlySet<string> = new Set<ApiErrorKind | 'internal'>(['rate-limited', 'unavailable', 'internal']);

type AdvisedItem = Pick<InboxItem, 'state' | 'error'> & { comm: Pick<Communication, 'unread' | 'variables'> };

/** Advice for an item that stopped with an error; null while nothing is wrong. */
export function operatorAdvice(item: AdvisedItem): OperatorAdvice | null {
  if (!needsAttention(item.state)) return null;
  // A report row that could not be read: "retry" reads it from CallGear again (lib/pipeline/inbox.ts retry).
  if (isUnread(item.comm)) return 'retry';
  if (item.state === 'failed') return 'retry';
  return item.error && RETRY_HELPS.has(item.error.kind) ? 'retry' : 'tell-admin';
}
