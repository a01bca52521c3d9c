import type { EntityRef, ErrorInfo, StepRecord } from '../db';
import type { Outcome } from '../pipeline/plan';

/** A text for the page: a locale key with parameters, or a line written by the pipeline (data, worded by humanize). */
export type Said = { key: string; params?: string[] } | { line: string } | { localized: { ru: string; en: string } };

export type Tone = 'ok' | 'error' | 'info';

/** One step of a communication's processing, as the Журнал shows it: time, what happened, result, links. */
export interface TimelineEntry {
  at: number;
  what: Said;
  result?: Said;
  tone: Tone;
  links: EntityRef[];
}

type Detail = Record<string, unknown>;
const isRecord = (value: unknown): value is Detail => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A request's answer in a few words: how many found, which record, or nothing. */
function answer(result: unknown): Said {
  if (result === null || result === undefined) return { key: 'journalFoundNothing' };
  if (Array.isArray(result)) return result.length ? { key: 'journalFoundCount', params: [String(result.length)] } : { key: 'journalFoundNothing' };
  if (isRecord(result) && typeof result.id === 'number') return { key: 'journalRecordNumber', params: [String(result.id)] };
  return { key: 'journalDone' };
}

const errorText = (error: unknown): Said =>
  isRecord(error) && typeof error.ru === 'string' && typeof error.en === 'string' ? { localized: { ru: error.ru, en: error.en } } : { line: String(error) };

/** What the decision said would happen: the same words the row shows for its state. */
export function outcomeSaid(outcome: Outcome): Said {
  switch (outcome.type) {
    case 'create':
      return { key: 'journalOutcomeCreate', params: [`entity_${outcome.entity}`] };
    case 'skip':
      return { key: 'journalOutcomeSkip', params: [outcome.reason] };
    case 'defer':
      return { key: 'journalOutcomeDefer', params: [outcome.reason] };
    case 'misconfigured':
      return { key: 'journalOutcomeMisconfigured', params: [outcome.reason] };
  }
}

function entry(step: StepRecord): TimelineEntry {
  const d: Detail = isRecord(step.detail) ? step.detail : {};
  const base = { at: step.at, links: [] as EntityRef[] };
  switch (step.step) {
    case 'request':
      return { ...base, what: { line: String(d.label ?? '') }, result: d.ok ? answer(d.result) : d.error ? errorText(d.error) : { line: String(d.notStored ?? d.unsupported ?? '') }, tone: d.ok ? 'ok' : 'error' };
    case 'decide':
      return { ...base, what: { key: 'journalStepDecide', params: [String(d.rule ?? '')] }, result: isRecord(d.outcome) ? outcomeSaid(d.outcome as unknown as Outcome) : undefined, tone: 'info' };
    case 'render':
      return { ...base, what: { key: 'journalStepRender' }, result: typeof d.source === 'string' ? { key: 'journalRenderedSource', params: [d.source] } : undefined, tone: 'info' };
    case 'done':
      return { ...base, what: { key: 'journalStepDone' }, result: d.reason ? { line: String(d.reason) } : undefined, tone: 'ok', links: Array.isArray(d.created) ? (d.created as EntityRef[]) : [] };
    case 'skipped':
      return { ...base, what: { key: 'journalStepSkipped' }, result: d.reason ? { line: String(d.reason) } : undefined, tone: 'info', links: Array.isArray(d.created) ? (d.created as EntityRef[]) : [] };
    case 'failed':
    case 'needs-fix':
      return { ...base, what: { key: step.step === 'failed' ? 'journalStepFailed' : 'journalStepNeedsFix' }, result: errorText(d as unknown as ErrorInfo), tone: 'error' };
    case 'resume':
      return { ...base, what: { key: 'journalStepResume' }, tone: 'info' };
    case 'reread':
      return { ...base, what: { key: 'journalStepReread' }, result: d.ok ? { key: 'journalDone' } : { line: String(d.reason ?? '') }, tone: d.ok ? 'ok' : 'error' };
    case 'quarantine':
      return { ...base, what: { key: 'journalStepQuarantine' }, result: { line: String(d.reason ?? '') }, tone: 'error' };
    default:
      return { ...base, what: { line: step.step }, tone: 'info' };
  }
}

/** A communication's steps as a readable timeline, oldest first. */
export function timeline(steps: StepRecord[]): TimelineEntry[] {
  return [...steps].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0)).map(entry);
}
