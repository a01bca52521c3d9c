import { NEVER, type InboxItem, type InboxState, type ItemError, type PipelineError } from '../db';
import type { BothLanguages, Said } from '../phrase';
import { operatorAdvice, type OperatorAdvice } from './operator-advice';

/** What a content script may see of an inbox item: view data only. */
export interface ItemView {
  key: string;
  state: InboxState;
  reason: Said | null;
  error: CardError | null;
  created: { entity: string; id: number; url: string | null }[];
  dueAt: number | null;
  /** What the operator can do about an error: retry, or tell the admin (lib/pipeline/operator-advice.ts). */
  advice: OperatorAdvice | null;
}

/** The after-call card's view of an item: no report row, no rule trail, no error detail. */
export function itemView(item: InboxItem): ItemView {
  return {
    key: item.key,
    state: item.state,
    reason: item.reason,
    error: item.error ? cardError(item.error) : null,
    created: item.created,
    dueAt: item.dueAt < NEVER ? item.dueAt : null,
    advice: operatorAdvice(item),
  };
}

/** What the card may show of an error: a service's texts, or the pipeline's phrase; never the service's raw detail. */
export type CardError = BothLanguages | PipelineError;

function cardError(error: ItemError): CardError {
  if ('ru' in error) return { ru: error.ru, en: error.en };
  return { kind: error.kind, ...(error.said ? { said: error.said } : {}), ...(error.template ? { template: error.template } : {}) };
}
