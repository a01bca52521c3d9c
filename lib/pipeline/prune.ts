import type { AppDb, InboxItem, InboxState, StepRecord } from '../db';
import type { RuleFields, TemplateFields } from '../rules/schema';
import type { Plan } from './plan';
import { SETTLED } from '../inbox-states';
import { MAX_RECONCILE_DAYS } from './reconcile-cost';

/**
 * Keeps the stored history bounded: finished communications are deleted some time after they are
 * done, with their step logs, their stored variables (they live in the item) and their link records,
 * and every step log keeps only its latest lines.
 *
 * What must never go: an item that is not finished (it is still to be done, or waits for the admin:
 * needs-fix), and, while CallGear could still list the communication again, what keeps it from being
 * created twice. Intake reads no further back than its horizon, at most 90 days before now
 * (lib/pipeline/intake.ts `windowFor`: `Math.min(90, horizonDays)`; a cursor's overlap starts later),
 * and reconciliation and its take-in read the days they show, at most MAX_RECONCILE_DAYS (90, the
 * Data API refuses longer windows: data_api/index.html `date_interval_limit_reached`). The inbox row
 * (which makes intake ignore a re-read) and the `links` record (which makes a repeated create find
 * what was made) therefore stay while the communication is younger than that; the retention the
 * admin sets can only be longer.
 */

const DAY_MS = 86_400_000;
/** The farthest back any read of CallGear's reports reaches, in days (see above). */
export const REREAD_REACH_DAYS = Math.max(90, MAX_RECONCILE_DAYS);
/** The shortest retention: the reconciliation shows up to this many days and needs the items of each. */
export const MIN_RETENTION_DAYS = REREAD_REACH_DAYS;
export const MAX_RETENTION_DAYS = 3650;
export const DEFAULT_RETENTION_DAYS = 90;
/** Step lines kept per communication: the marker of the removed ones and the latest others. */
export const STEPS_KEPT = 50;
export const TRIMMED_STEP = 'trimmed';

/**
 * After this many days a finished communication keeps only what the Журнал's list and the
 * reconciliation show (time, kind, number, state, rule, what was created or why not): its report
 * variables and its step log go. The full detail of the last week stays for looking into a problem.
 */
export const DETAIL_DAYS = 7;

/** Only settled items are finished for good; needs-fix waits for the admin and is never pruned. */
const PRUNABLE = SETTLED;
const STEPS_CURSOR_KEY = 'pruneStepsSeq';
const COMPACT_CURSOR_KEY = 'pruneCompactedAt';

export const clampRetentionDays = (days: number | undefined) => Math.min(MAX_RETENTION_DAYS, Math.max(MIN_RETENTION_DAYS, Math.round(days ?? DEFAULT_RETENTION_DAYS)));

export interface PruneOptions {
  retentionDays: number;
  now?: () => number;
  /** Items (or steps examined) per transaction: each transaction stays short. */
  batchSize?: number;
  /** Transactions per call at most; `more` says whether work was left for the next call. */
  maxBatches?: number;
}

export interface PruneResult {
  items: number;
  /** Finished items whose variables and steps were dropped (DETAIL_DAYS). */
  compacted: number;
  steps: number;
  more: boolean;
}

/** One short transaction: up to `batchSize` finished items older than the cutoff, with their steps and links. */
async function pruneItems(db: AppDb, state: InboxState, cutoff: number, batchSize: number): Promise<{ items: number; steps: number; full: boolean }> {
  // `at` is ISO text with the account's offset, so text order is off by up to 14 hours: the index
  // range stops a day early and the exact test is made on the parsed time.
  const textBound = new Date(cutoff - DAY_MS).toISOString();
  const old = (item: InboxItem) => Date.parse(item.at) < cutoff && item.updatedAt < cutoff;
  return db.transaction('rw', db.inbox, db.steps, db.links, async () => {
    // Oldest first, one bulk read. An item changed since (finished again after a retry) stays for now;
    // a batch of nothing but those ends this call, and they go once their last change is old too.
    const batch = await db.inbox.where('[state+at]').between([state, ''], [state, textBound]).limit(batchSize).toArray();
    const keys = batch.filter(old).map((i) => i.key);
    if (keys.length === 0) return { items: 0, steps: 0, full: false };
    const steps = await db.steps.where('key').anyOf(keys).delete();
    await db.links.bulkDelete(keys);
    await db.inbox.bulkDelete(keys);
    return { items: keys.length, steps, full: batch.length === batchSize };
  });
}

/**
 * One short transaction: up to `batchSize` finished items past DETAIL_DAYS lose their variables and
 * steps (one marker line says how many). A cursor per state keeps the work proportional to what
 * became old since the last call; an item finished again later (a retry) is compacted at pruning.
 */
async function compactItems(db: AppDb, state: InboxState, cutoff: number, batchSize: number): Promise<{ items: number; steps: number; full: boolean }> {
  const textBound = new Date(cutoff - DAY_MS).toISOString();
  const cursorKey = `${COMPACT_CURSOR_KEY}:${state}`;
  return db.transaction('rw', db.inbox, db.steps, db.settings, async () => {
    const from = ((await db.settings.get(cursorKey))?.value as string | undefined) ?? '';
    if (from >= textBound) return { items: 0, steps: 0, full: false };
    const batch = await db.inbox.where('[state+at]').between([state, from], [state, textBound]).limit(batchSize).toArray();
    const due = batch.filter((i) => !i.compacted && i.updatedAt < cutoff);
    let steps = 0;
    for (const item of due) steps += await replaceSteps(db, item.key, 0);
    await db.inbox.bulkPut(due.map(compactItem));
    const last = batch.at(-1)?.at;
    // The next call starts after this batch (at its last time when the batch ended inside one).
    if (last) await db.settings.put({ key: cursorKey, value: batch.length === batchSize ? last : textBound });
    return { items: due.length, steps, full: batch.length === batchSize };
  });
}

/**
 * Caps the step logs written since the last call: steps are read in `seq` order from where the last
 * call stopped, so the work follows what was written, never the whole history.
 */
async function capSteps(db: AppDb, batchSize: number): Promise<{ steps: number; full: boolean }> {
  return db.transaction('rw', db.steps, db.settings, async () => {
    const from = ((await db.settings.get(STEPS_CURSOR_KEY))?.value as number | undefined) ?? 0;
    const seqs = await db.steps.where('seq').above(from).limit(batchSize).primaryKeys();
    if (seqs.length === 0) return { steps: 0, full: false };
    const fresh = await db.steps.bulkGet(seqs);
    const keys = [...new Set(fresh.flatMap((s) => (s ? [s.key] : [])))];
    let removed = 0;
    for (const key of keys) removed += await replaceSteps(db, key, STEPS_KEPT - 1);
    await db.settings.put({ key: STEPS_CURSOR_KEY, value: seqs.at(-1)! });
    return { steps: removed, full: seqs.length === batchSize };
  });
}

/** A finished item as it is kept after its detail period: no report variables, the plan as shown. */
export function compactItem(item: InboxItem): InboxItem {
  return { ...item, comm: { ...item.comm, variables: {} }, plan: item.plan && shownPlan(item.plan), compacted: true };
}

/** What the Журнал shows of a plan (the rule, the outcome's kind, why): the rule's fields and templates go. */
function shownPlan(plan: Plan): Plan {
  const outcome = plan.outcome.type === 'create' ? { ...plan.outcome, fields: {} as RuleFields, templates: {} as TemplateFields } : plan.outcome;
  return { ...plan, outcome, task: plan.task && { ...plan.task, titleTemplate: '' } };
}

/**
 * Keeps the latest `keep` lines of a step log behind one marker that counts the removed ones (in the
 * place of the oldest line, so it reads first). Returns how many lines were removed.
 */
async function replaceSteps(db: AppDb, key: string, keep: number): Promise<number> {
  const seqs = await db.steps.where('key').equals(key).primaryKeys();
  if (seqs.length <= keep + 1) return 0;
  const first = (await db.steps.get(seqs[0]!))!;
  const hasMarker = first.step === TRIMMED_STEP;
  const lines = hasMarker ? seqs.slice(1) : seqs;
  const drop = lines.slice(0, lines.length - keep);
  if (drop.length === 0) return 0;
  const removed = (hasMarker ? (first.detail as { removed: number }).removed : 0) + drop.length;
  await db.steps.bulkDelete(drop.filter((seq) => seq !== first.seq));
  await db.steps.put({
    seq: first.seq,
    key,
    at: first.at,
    step: TRIMMED_STEP,
    detail: { removed },
  } satisfies StepRecord);
  return drop.length;
}

/**
 * Prunes in small transactions until nothing is left or `maxBatches` transactions ran. Safe to call
 * often: with nothing to do it costs a few index steps.
 */
export async function prune(db: AppDb, { retentionDays, now = Date.now, batchSize = 200, maxBatches = 20 }: PruneOptions): Promise<PruneResult> {
  const cutoff = now() - clampRetentionDays(retentionDays) * DAY_MS;
  const detailCutoff = now() - DETAIL_DAYS * DAY_MS;
  const result: PruneResult = { items: 0, compacted: 0, steps: 0, more: false };
  let batches = 0;
  const spend = () => ++batches <= maxBatches;
  for (const state of PRUNABLE) {
    for (;;) {
      if (!spend()) return { ...result, more: true };
      const done = await pruneItems(db, state, cutoff, batchSize);
      result.items += done.items;
      result.steps += done.steps;
      if (!done.full) break;
    }
  }
  for (const state of PRUNABLE) {
    for (;;) {
      if (!spend()) return { ...result, more: true };
      const done = await compactItems(db, state, detailCutoff, batchSize);
      result.compacted += done.items;
      result.steps += done.steps;
      if (!done.full) break;
    }
  }
  for (;;) {
    if (!spend()) return { ...result, more: true };
    const done = await capSteps(db, batchSize * 5);
    result.steps += done.steps;
    if (!done.full) break;
  }
  return result;
}
