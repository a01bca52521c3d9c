import { z } from 'zod/mini';
import type { InboxItem, StepRecord } from '../db';
import { droppedFieldsView, type DroppedFieldsView } from '../pipeline/dropped-fields';
import { itemView, type ItemView } from '../pipeline/item-view';
import { journalPage } from '../journal/page';
import { JOURNAL_MAX_ROWS, JOURNAL_NUMBER_MAX, type JournalPage } from '../journal/query';
import { journalDetails, type JournalDetails } from '../journal/rows';
import type { PipelineRunner, RunSummary } from '../pipeline/runner';
import { message } from './define';

const INBOX_STATES = ['new', 'planned', 'deferred', 'processing', 'done', 'skipped', 'failed', 'needs-fix'] as const;
const itemKey = z.string().check(z.regex(/^(call|chat|lead):\d+$/));

/**
 * Retries, then runs the pipeline. A retried row whose CallGear report row could not be read is read
 * again now, by a poll of its kind; it is never processed from what was stored. Other retries need only
 * the processor.
 */
export async function retryAndRun(runner: PipelineRunner, keys?: string[]): Promise<{ retried: number }> {
  const retried = await runner.inbox.retry(keys);
  const kinds = [...new Set((await runner.inbox.pendingRereads()).map((i) => i.kind))];
  void runner.run(kinds.length > 0 ? kinds : 'none');
  return { retried };
}

/** The inbox (Журнал, the after-call card) and running the pipeline by hand. */
export const inboxMessages = {
  'pipeline.run': message({
    senders: ['page'],
    payload: { poll: z.union([z.enum(['none', 'changed', 'all']), z.array(z.enum(['call', 'chat', 'lead']))]) },
    handle: ({ poll }, { runner }): Promise<RunSummary> => runner.run(poll),
  }),

  /** Whole items, for the rules' previews of recent communications (they need the report's variables). */
  'inbox.list': message({
    senders: ['page'],
    payload: { limit: z.optional(z.int().check(z.gte(1), z.lte(5_000))), states: z.optional(z.array(z.enum(INBOX_STATES))) },
    handle: ({ limit = 200, states }, { runner }): Promise<InboxItem[]> => runner.inbox.latest(limit, states),
  }),

  /** The Журнал's page: rows (what the table shows), newest first, filtered by the index where one serves. */
  'journal.rows': message({
    senders: ['page'],
    payload: {
      limit: z.number().check(z.int(), z.gte(1), z.lte(JOURNAL_MAX_ROWS)),
      state: z.optional(z.enum(INBOX_STATES)),
      kind: z.optional(z.enum(['call', 'chat', 'lead'])),
      date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
      number: z.optional(z.string().check(z.maxLength(JOURNAL_NUMBER_MAX))),
    },
    handle: (query, { db }): Promise<JournalPage> => journalPage(db, query),
  }),

  /** One expanded row: the decision's explanation and the steps as a timeline, read when the row opens. */
  'journal.details': message({
    senders: ['page'],
    payload: { key: z.string().check(z.maxLength(100)) },
    async handle({ key }, { db, runner }): Promise<JournalDetails> {
      const [item, steps] = await Promise.all([db.inbox.get(key), runner.inbox.steps(key)]);
      return journalDetails(item, steps);
    },
  }),

  /** A communication's raw steps (diagnostics and tests; the Журнал reads `journal.details`). */
  'inbox.steps': message({ senders: ['page'], payload: { key: z.string().check(z.maxLength(100)) }, handle: ({ key }, { runner }): Promise<StepRecord[]> => runner.inbox.steps(key) }),

  /** Retries the given items, or every failed one. */
  'inbox.retry': message({
    senders: ['page'],
    payload: { keys: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(5_000))) },
    handle: ({ keys }, { runner }) => retryAndRun(runner, keys),
  }),

  /** The after-call card's view of one item: view data only, for an AutoCRM page too. */
  'inbox.item': message({
    senders: ['content', 'page'],
    payload: { key: itemKey },
    async handle({ key }, { db }): Promise<ItemView | null> {
      const item = await db.inbox.get(key);
      return item ? itemView(item) : null;
    },
  }),

  /** The after-call card's retry button. */
  'inbox.retryOne': message({ senders: ['content', 'page'], payload: { key: itemKey }, handle: ({ key }, { runner }) => retryAndRun(runner, [key]) }),

  /** Report field names the CallGear account refused (left out of every read since), for the activity log. */
  'callgear.droppedFields': message({ senders: ['page'], payload: {}, handle: (_, { db }): Promise<DroppedFieldsView> => droppedFieldsView(db) }),
};
