import type { AppDb } from '../db';
import type { CommKind } from '../domain/communication';
import { phrase, type Phrase } from '../phrase';
import { droppedFields, type DroppedFields } from './intake';

/** What the options page shows of the report fields the CallGear account refused. */
export interface DroppedFieldsView {
  fields: DroppedFields;
  /** The notice for the activity log; null when the account refused nothing. */
  text: Phrase | null;
}

/** The reports by CallGear's own names (`get.calls_report` …), so an admin can look the fields up. */
const REPORT_NAME: Record<CommKind, string> = { call: 'calls', chat: 'chats', lead: 'offline_messages' };
const ORDER: CommKind[] = ['call', 'chat', 'lead'];

/** "calls: x, y; chats: z" — or null when nothing was refused. */
export function droppedFieldsNotice(fields: DroppedFields): DroppedFieldsView['text'] {
  const parts = ORDER.filter((kind) => (fields[kind]?.length ?? 0) > 0).map((kind) => `${REPORT_NAME[kind]}: ${[...new Set(fields[kind])].join(', ')}`);
  if (parts.length === 0) return null;
  return phrase('pipeline.droppedFields', { list: parts.join('; ') });
}

/** The refused fields the pipeline remembered (intake's `droppedFields`, the runner's default account) and the notice. */
export async function droppedFieldsView(db: AppDb, account?: string): Promise<DroppedFieldsView> {
  const fields = await droppedFields(db, account);
  return { fields, text: droppedFieldsNotice(fields) };
}
