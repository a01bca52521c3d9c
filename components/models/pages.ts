import type { CheckProgress } from '@/lib/integration-check/types';
import { ask } from '../shared/useBackground';
import { topicModel } from './model';

/** The Журнал's rows: the latest 500, read again when the inbox changes. */
export const journalRows = topicModel(['inbox'], () => ask({ type: 'inbox.list', limit: 500 }));

/** Report fields CallGear stopped sending, shown above the Журнал. */
export const droppedFields = topicModel(['inbox'], () => ask({ type: 'callgear.droppedFields' }));

/** Connections, backlog and role, as the popup shows them. */
export const popupStatus = topicModel(['status', 'config'], () => ask({ type: 'status' }));

/** The user sync run the background is doing (or did last). */
export const userSyncRun = topicModel(['userSync'], () => ask({ type: 'userSync.state' }));

/** Personal managers: what is waiting or went wrong. */
export const managersOverview = topicModel(['personalManagers'], () => ask({ type: 'personalManagers.overview' }));

/** The integration check's progress while a run goes on (null when none does). */
export const checkProgress = topicModel<CheckProgress | null>(['check'], () => ask({ type: 'check.progress' }));
