import type { EntityRef, InboxItem, StepRecord } from '../db';
import type { CommKind, RuleKind } from '../domain/communication';
import type { InboxState } from '../inbox-states';
import type { Said } from '../phrase';
import { errorShown, timeline, type Shown, type TimelineEntry } from './timeline';

/**
 * One line of the Журнал: what its table shows and filters on, nothing more. An inbox item carries the
 * report's variables, the rule's fields and templates and the plan (about 4.6 KB); a row carries a few
 * hundred bytes, so a page of rows is cheap to send on every inbox announcement.
 */
export interface JournalRow {
  key: string;
  id: number;
  kind: CommKind;
  ruleKind: RuleKind;
  at: string;
  contactPhone: string | null;
  state: InboxState;
  /** The rule that decided; null before a decision. */
  ruleName: Said | null;
  created: EntityRef[];
  /** Why the row is in its state: its error when it stopped on one, else its reason; null when neither. */
  reason: Shown | null;
}

/** What the expanded row shows, read on demand: the decision's explanation and the steps as a timeline. */
export interface JournalDetails {
  explanation: Said[];
  steps: TimelineEntry[];
}

export function journalRow(item: InboxItem): JournalRow {
  return {
    key: item.key,
    id: item.id,
    kind: item.kind,
    ruleKind: item.ruleKind,
    at: item.at,
    contactPhone: item.comm.contactPhone,
    state: item.state,
    ruleName: item.plan?.ruleName ?? null,
    created: item.created,
    reason: item.error ? errorShown(item.error) : item.reason || null,
  };
}

export function journalDetails(item: InboxItem | undefined, steps: StepRecord[]): JournalDetails {
  return { explanation: item?.plan?.explanation ?? [], steps: timeline(steps) };
}
