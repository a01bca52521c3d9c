import { isApiError } from '../api-error';
import type { Phrase, Said } from '../phrase';
import type { Inbox } from './inbox';

/** What the act step's requests note their outcome in: the item's steps log. */
export interface StepLog {
  inbox: Pick<Inbox, 'note'>;
}

/** Runs an AutoCRM request and records it in the item's steps log, with its outcome. */
export async function tracked<T>(deps: StepLog, key: string, label: Phrase, run: () => Promise<T>, summary: (value: T) => unknown = (v) => v): Promise<T> {
  try {
    const value = await run();
    deps.inbox.note(key, 'request', { label, ok: true, result: summary(value) });
    return value;
  } catch (error) {
    deps.inbox.note(key, 'request', { label, ok: false, error: isApiError(error) ? error.toJSON() : String(error) });
    throw error;
  }
}

/** A write AutoCRM accepted without keeping all of it, or one it does not support: never logged as ok. */
export function noteShortfall(deps: StepLog, key: string, label: Phrase, detail: { unsupported?: Said; notStored?: Said }): void {
  deps.inbox.note(key, 'request', { label, ok: false, ...detail });
}

export const idOf = (value: { id: number }) => ({ id: value.id });
