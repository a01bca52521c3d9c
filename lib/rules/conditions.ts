import type { TemplateContext, TemplateValue } from '../templates/render-protocol';
import type { Condition, ConditionGroup } from './schema';

/** Values of a variable as a list: scalars become one item; `tag_id` reads the ids out of `tags`. */
function valuesOf(variables: TemplateContext, field: string): TemplateValue[] {
  if (field === 'tag_id' || field === 'tag_name') {
    const tags = Array.isArray(variables.tags) ? variables.tags : [];
    return tags.map((tag) => (tag && typeof tag === 'object' && !Array.isArray(tag) ? (tag[field] ?? null) : null)).filter((v) => v !== null);
  }
  const value = variables[field];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const same = (a: TemplateValue, b: unknown) => String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
const list = (value: Condition['value']) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function conditionHolds(condition: Condition, variables: TemplateContext): boolean {
  const values = valuesOf(variables, condition.field);
  const targets = list(condition.value);
  switch (condition.op) {
    case 'eq':
      return values.some((v) => targets.some((t) => same(v, t)));
    case 'neq':
      return !values.some((v) => targets.some((t) => same(v, t)));
    case 'in':
      return values.some((v) => targets.some((t) => same(v, t)));
    case 'notIn':
      return !values.some((v) => targets.some((t) => same(v, t)));
    case 'contains':
      return values.some((v) => targets.some((t) => String(v).toLowerCase().includes(String(t).toLowerCase())));
    case 'isTrue':
      return values.some((v) => v === true || v === 'true' || v === 1);
    case 'isFalse':
      return !values.some((v) => v === true || v === 'true' || v === 1);
    case 'empty':
      return values.every((v) => v === '' || v === null);
    case 'notEmpty':
      return values.some((v) => v !== '' && v !== null);
  }
}

const isGroup = (item: Condition | ConditionGroup): item is ConditionGroup => 'items' in item;

/** AND/OR groups, nested. An empty AND group holds (a rule with no conditions applies to everything). */
export function groupHolds(group: ConditionGroup, variables: TemplateContext): boolean {
  const results = group.items.map((item) => (isGroup(item) ? groupHolds(item, variables) : conditionHolds(item, variables)));
  return group.op === 'or' ? results.some(Boolean) : results.every(Boolean);
}
