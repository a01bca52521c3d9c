import type { CommKind, RuleKind } from '../domain/communication';
import { REPORT_OF_KIND, isDocumented, type ReportName } from '../callgear/fields';
import { CONDITION_FIELDS, type ConditionField } from './fields';
import type { Condition, ConditionGroup } from './schema';

/** Which communication each rule set reads: calls split by direction, both from the calls report. */
export const COMM_OF_RULE: Record<RuleKind, CommKind> = { incomingCalls: 'call', outgoingCalls: 'call', chats: 'chat', leads: 'lead' };

/** The report a rule set's communications come from (lib/callgear/fields.ts REPORT_OF_KIND). */
export const reportOfRule = (kind: RuleKind): ReportName => REPORT_OF_KIND[COMM_OF_RULE[kind]];

/**
 * The report field a condition field is read from. `tag_id` and `tag_name` are parts of the array field
 * `tags` (lib/rules/conditions.ts valuesOf); every other condition field is a top-level report field.
 */
export const reportFieldOf = (field: string): string => (field === 'tag_id' || field === 'tag_name' ? 'tags' : field);

/**
 * Whether the communications of a rule set can carry this field at all: the kind's report documents it
 * (callgear.github.io data_api/report/get_<report>_report/, response table). Conditions are tested on the
 * row the pipeline already read, so a field need not be filterable, only returned: the pipeline names every
 * condition field in its request's `fields` (lib/callgear/requested-fields.ts).
 */
export const isDeliverable = (kind: RuleKind, field: string): boolean => isDocumented(reportOfRule(kind), reportFieldOf(field));

/** The condition fields the editor offers for a rule set: only those its report delivers. */
export const offeredFields = (kind: RuleKind): ConditionField[] => CONDITION_FIELDS[kind].filter((f) => isDeliverable(kind, f.field));

const isGroup = (item: Condition | ConditionGroup): item is ConditionGroup => 'items' in item;

/** The fields of a condition group (nested groups included) the rule set's report cannot deliver, once each. */
export function undeliverableFields(kind: RuleKind, group: ConditionGroup): string[] {
  const fields = (g: ConditionGroup): string[] => g.items.flatMap((item) => (isGroup(item) ? fields(item) : [item.field]));
  return [...new Set(fields(group).filter((field) => !isDeliverable(kind, field)))];
}
