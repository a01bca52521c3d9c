import type { EntityRef, StepRecord, TemplateErrorInfo } from '../db';
import type { Outcome } from '../pipeline/plan';
import { TRIMMED_STEP } from '../pipeline/prune';
import { isPhrase, phrase, type Said } from '../phrase';

/**
 * A text for the page: a phrase (or a plain string stored before phrases), a service error's own texts in
 * both languages, or a template error (worded from its key by lib/templates/error-text.ts).
 */
export type Shown = Said | { localized: { ru: string; en: string } } | { templateError: TemplateErrorInfo };

export type Tone = 'ok' | 'error' | 'info';

/** One step of a communication's processing, as the Журнал shows it: time, what happened, result, links. */
export interface TimelineEntry {
  at: number;
  what: Shown;
  result?: Shown;
  tone: Tone;
  links: EntityRef[];
}

type Detail = Record<string, unknown>;
const isRecord = (value: unknown): value is Detail => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored phrase, or a plain string from a step written before phrases. */
const saidOf = (value: unknown): Said => (isPhrase(value) ? value : String(value ?? ''));

/** A request's answer in a few words: how many found, which record, or nothing. */
function answer(result: unknown): Said {
  if (result === null || result === undefined) return phrase('journalFoundNothing');
  if (Array.isArray(result)) return result.length ? phrase('journalFoundCount', { count: result.length }) : phrase('journalFoundNothing');
  if (isRecord(result) && typeof result.id === 'number') return phrase('journalRecordNumber', { id: result.id });
  return phrase('journalDone');
}

/** A failed step's error: a service's own texts, the pipeline's phrase, or a plain string. */
export function errorShown(error: unknown): Shown {
  if (isRecord(error) && typeof error.ru === 'string' && typeof error.en === 'string') return { localized: { ru: error.ru, en: error.en } };
  if (isRecord(error) && isPhrase(error.said)) return error.said;
  if (isRecord(error) && isRecord(error.template)) return { templateError: error.template as unknown as TemplateErrorInfo };
  return saidOf(error);
}

/** What the decision said would happen: the same words the row shows for its state. */
export function outcomeSaid(outcome: Outcome): Said {
  switch (outcome.type) {
    case 'create':
      return phrase('journalOutcomeCreate', { entity: { entity: outcome.entity } });
    case 'skip':
      return phrase('journalOutcomeSkip', { reason: { said: outcome.reason } });
    case 'defer':
      return phrase('journalOutcomeDefer', { reason: { said: outcome.reason } });
    case 'misconfigured':
      return phrase('journalOutcomeMisconfigured', { reason: { said: outcome.reason } });
  }
}

function requestEntry(d: Detail): Pick<TimelineEntry, 'what' | 'result' | 'tone'> {
  const result = d.ok ? answer(d.result) : d.error ? errorShown(d.error) : saidOf(d.notStored ?? d.unsupported);
  return { what: saidOf(d.label), result, tone: d.ok ? 'ok' : 'error' };
}

function entry(step: StepRecord): TimelineEntry {
  const d: Detail = isRecord(step.detail) ? step.detail : {};
  const base = { at: step.at, links: [] as EntityRef[] };
  const created = Array.isArray(d.created) ? (d.created as EntityRef[]) : [];
  switch (step.step) {
    case 'request':
      return { ...base, ...requestEntry(d) };
    case 'decide':
      return { ...base, what: phrase('journalStepDecide', { rule: { said: saidOf(d.rule) } }), result: isRecord(d.outcome) ? outcomeSaid(d.outcome as unknown as Outcome) : undefined, tone: 'info' };
    case 'render':
      return { ...base, what: phrase('journalStepRender'), result: typeof d.source === 'string' ? phrase('journalRenderedSource', { source: d.source }) : undefined, tone: 'info' };
    case 'done':
      return { ...base, what: phrase('journalStepDone'), result: d.reason ? saidOf(d.reason) : undefined, tone: 'ok', links: created };
    case 'skipped':
      return { ...base, what: phrase('journalStepSkipped'), result: d.reason ? saidOf(d.reason) : undefined, tone: 'info', links: created };
    case 'failed':
    case 'needs-fix':
      return { ...base, what: phrase(step.step === 'failed' ? 'journalStepFailed' : 'journalStepNeedsFix'), result: errorShown(d), tone: 'error' };
    case 'resume':
      return { ...base, what: phrase('journalStepResume'), tone: 'info' };
    case 'reread':
      // The parser's detail of a failed re-read is technical (kept in the step for diagnostics), not shown.
      return { ...base, what: phrase('journalStepReread'), result: phrase(d.ok ? 'journalDone' : 'pipeline.reason.unreadRow'), tone: d.ok ? 'ok' : 'error' };
    case 'quarantine':
      return { ...base, what: phrase('journalStepQuarantine'), result: phrase('pipeline.error.unreadRow'), tone: 'error' };
    case TRIMMED_STEP:
      return { ...base, what: phrase('journalStepTrimmed', { count: Number(d.removed ?? 0) }), tone: 'info' };
    default:
      return { ...base, what: step.step, tone: 'info' };
  }
}

/** A communication's steps as a readable timeline, oldest first. */
export function timeline(steps: StepRecord[]): TimelineEntry[] {
  return [...steps].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0)).map(entry);
}
