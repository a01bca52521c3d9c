import type { Condition, ConditionGroup, ClarifyingRule, RuleFields, EntityType } from './schema';
import { CONDITION_FIELDS, type ConditionField } from './fields';
import type { RuleKind } from '../domain/communication';

/** Names for ids (dealerships, users, scenarios…) so the sentence reads as the admin chose. */
export type NameOf = (dictionary: string, id: number | string | null | undefined) => string;

const ENTITY: Record<EntityType, string> = { inquiry: 'обращение', serviceInquiry: 'сервисное обращение', worksheet: 'рабочий лист', nothing: 'ничего не создавать' };
const OPS: Record<Condition['op'], string> = { eq: '=', neq: '≠', in: 'одно из', notIn: 'ни одно из', contains: 'содержит', isTrue: 'да', isFalse: 'нет', empty: 'пусто', notEmpty: 'не пусто' };

function describeCondition(condition: Condition, fields: ConditionField[], nameOf: NameOf): string {
  const field = fields.find((f) => f.field === condition.field);
  const label = field?.ru ?? condition.field;
  if (condition.op === 'isTrue' || condition.op === 'isFalse' || condition.op === 'empty' || condition.op === 'notEmpty') return `${label}: ${OPS[condition.op]}`;
  const values = (Array.isArray(condition.value) ? condition.value : [condition.value]).map((v) =>
    typeof field?.choices === 'string' ? nameOf(field.choices, v as number) : Array.isArray(field?.choices) ? (field.choices.find((c) => c.id === v)?.name ?? String(v)) : `«${String(v)}»`,
  );
  return `${label} ${OPS[condition.op]} ${values.join(', ')}`;
}

function describeGroup(group: ConditionGroup, fields: ConditionField[], nameOf: NameOf): string {
  if (group.items.length === 0) return 'всегда';
  const glue = group.op === 'and' ? ' и ' : ' или ';
  return group.items.map((item) => ('items' in item ? `(${describeGroup(item, fields, nameOf)})` : describeCondition(item, fields, nameOf))).join(glue);
}

function describeFields(f: RuleFields, nameOf: NameOf, clarifying: boolean): string {
  const parts: string[] = [];
  if (f.entity) parts.push(ENTITY[f.entity]);
  if (f.repeatEntity && f.repeatEntity !== f.entity) parts.push(`для повторных — ${ENTITY[f.repeatEntity]}`);
  if (f.salonId !== undefined) parts.push(`автосалон ${nameOf('autosalons', f.salonId)}`);
  if (f.requestTypeId !== undefined) parts.push(`цель ${nameOf('requestTypes', f.requestTypeId)}`);
  if (f.responsibleId) parts.push(`ответственный ${nameOf('users', f.responsibleId)}`);
  else if (clarifying || f.responsibleId === null) parts.push('ответственный — кто принял');
  if (f.inquiryStatuses?.length || f.worksheetStates?.length) parts.push('не создавать при открытых обращениях/РЛ в выбранных статусах');
  if (f.missedTask?.enabled) parts.push(`задача по пропущенному через ${f.missedTask.hours ?? 2} ч`);
  return parts.join(', ');
}

/** "If … then …": what a clarifying rule does, in words, under the rule in the editor. */
export function describeClarifying(kind: RuleKind, rule: ClarifyingRule, nameOf: NameOf): string {
  const then = describeFields(rule.fields, nameOf, true) || 'как в базовом правиле';
  return `Если ${describeGroup(rule.when, CONDITION_FIELDS[kind], nameOf)} → ${then}.`;
}

export function describeBase(base: RuleFields, nameOf: NameOf): string {
  return `Иначе → ${describeFields(base, nameOf, false) || 'ничего не задано'}.`;
}
