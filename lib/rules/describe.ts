import type { Condition, ConditionGroup, ClarifyingRule, RuleFields, EntityType } from './schema';
import { CONDITION_FIELDS, type ConditionField, type FixedChoice } from './fields';
import type { RuleKind } from '../domain/communication';
import { phrase, type Phrase } from '../phrase';

/** Names for ids (dealerships, users, scenarios…) so the sentence reads as the admin chose: data, shown as given. */
export type NameOf = (dictionary: string, id: number | string | null | undefined) => string;

const ENTITY: Record<EntityType, string> = { inquiry: 'rules.entity.inquiry', serviceInquiry: 'rules.entity.serviceInquiry', worksheet: 'rules.entity.worksheet', nothing: 'rules.entity.nothing' };
const FLAG_OPS: ReadonlySet<Condition['op']> = new Set(['isTrue', 'isFalse', 'empty', 'notEmpty']);

/** Parts of a sentence in a row, glued by a locale's words: "a, b, c" or "a и b или c". */
const joined = (parts: Phrase[], key: string): Phrase => parts.reduceRight((rest, first) => phrase(key, { first: { said: first }, rest: { said: rest } }));

function describeCondition(condition: Condition, fields: ConditionField[], nameOf: NameOf): Phrase {
  const found = fields.find((f) => f.field === condition.field);
  // The condition fields carry their labels in both languages (lib/rules/fields.ts).
  const field = found ? { said: phrase(found.label) } : condition.field;
  const op = { said: phrase(`rules.op.${condition.op}`) };
  if (FLAG_OPS.has(condition.op)) return phrase('rules.say.flag', { field, op });
  const values = (Array.isArray(condition.value) ? condition.value : [condition.value]).map((v): Phrase | string =>
    typeof found?.choices === 'string' ? nameOf(found.choices, v as number) : Array.isArray(found?.choices) ? choiceSaid(found.choices.find((c) => c.id === v), v) : phrase('rules.say.quoted', { value: String(v) }),
  );
  return phrase('rules.say.condition', { field, op, values: { said: joined(values.map((v) => (typeof v === 'string' ? phrase('rules.say.name', { name: v }) : v)), 'rules.say.list') } });
}

function describeGroup(group: ConditionGroup, fields: ConditionField[], nameOf: NameOf): Phrase {
  if (group.items.length === 0) return phrase('rules.say.always');
  const items = group.items.map((item) => ('items' in item ? phrase('rules.say.group', { inner: { said: describeGroup(item, fields, nameOf) } }) : describeCondition(item, fields, nameOf)));
  return joined(items, group.op === 'and' ? 'rules.say.and' : 'rules.say.or');
}

function describeFields(f: RuleFields, nameOf: NameOf, clarifying: boolean): Phrase[] {
  const parts: Phrase[] = [];
  if (f.entity) parts.push(phrase(ENTITY[f.entity]));
  if (f.repeatEntity && f.repeatEntity !== f.entity) parts.push(phrase('rules.say.repeat', { entity: { said: phrase(ENTITY[f.repeatEntity]) } }));
  if (f.salonId !== undefined) parts.push(phrase('rules.say.salon', { name: nameOf('autosalons', f.salonId) }));
  if (f.requestTypeId !== undefined) parts.push(phrase('rules.say.purpose', { name: nameOf('requestTypes', f.requestTypeId) }));
  if (f.responsibleId) parts.push(phrase('rules.say.responsible', { name: nameOf('users', f.responsibleId) }));
  else if (clarifying || f.responsibleId === null) parts.push(phrase('rules.say.responsibleTaker'));
  if (f.inquiryStatuses?.length || f.worksheetStates?.length) parts.push(phrase('rules.say.statusFilter'));
  if (f.missedTask?.enabled) parts.push(phrase('rules.say.missedTask', { hours: f.missedTask.hours ?? 2 }));
  return parts;
}

/** "If … then …": what a clarifying rule does, in words, under the rule in the editor. */
export function describeClarifying(kind: RuleKind, rule: ClarifyingRule, nameOf: NameOf): Phrase {
  const parts = describeFields(rule.fields, nameOf, true);
  const then = parts.length ? joined(parts, 'rules.say.list') : phrase('rules.say.asBase');
  return phrase('rules.say.if', { when: { said: describeGroup(rule.when, CONDITION_FIELDS[kind], nameOf) }, then: { said: then } });
}

export function describeBase(base: RuleFields, nameOf: NameOf): Phrase {
  const parts = describeFields(base, nameOf, false);
  return phrase('rules.say.otherwise', { then: { said: parts.length ? joined(parts, 'rules.say.list') : phrase('rules.say.nothingSet') } });
}

/** A fixed choice as the rule sentence names it: its words from _locales, else its name (data). */
function choiceSaid(choice: FixedChoice<string | number> | undefined, value: unknown): Phrase | string {
  if (!choice) return String(value);
  return choice.label ? phrase(choice.label) : choice.name;
}
