import { signal } from '@preact/signals';
import type { CheckProgress } from '@/lib/integration-check/types';
import { JOURNAL_PAGE, type JournalQuery } from '@/lib/journal/query';
import { ask } from '../shared/useBackground';
import { documentVisibility, topicModel } from './model';

/** What the Журнал asks for: its filters and how many rows; kept while the page is open. */
export const journalQuery = signal<JournalQuery>({ limit: JOURNAL_PAGE });

/**
 * The Журнал's rows for `journalQuery`, read again when the inbox changes (not while the page is hidden).
 * Change the query with `askJournal`.
 */
export const journalRows = topicModel(['inbox'], () => ask({ type: 'journal.rows', ...journalQuery.value }), { pauseWhileHidden: documentVisibility });

/** New filters (or more rows): the first page again unless `limit` is given. */
export function askJournal(change: Partial<JournalQuery>): Promise<void> {
  journalQuery.value = { ...journalQuery.value, limit: JOURNAL_PAGE, ...change };
  return journalRows.refresh();
}

/** Report fields CallGear stopped sending, shown above the Журнал. */
export const droppedFields = topicModel(['inbox'], () => ask({ type: 'callgear.droppedFields' }), { pauseWhileHidden: documentVisibility });

/** Connections, backlog and role, as the popup shows them. */
export const popupStatus = topicModel(['status', 'config'], () => ask({ type: 'status' }));

/** The user sync run the background is doing (or did last). */
export const userSyncRun = topicModel(['userSync'], () => ask({ type: 'userSync.state' }));

/** Personal managers: what is waiting or went wrong. */
export const managersOverview = topicModel(['personalManagers'], () => ask({ type: 'personalManagers.overview' }));

/** The integration check's progress while a run goes on (null when none does). */
export const checkProgress = topicModel<CheckProgress | null>(['check'], () => ask({ type: 'check.progress' }));
