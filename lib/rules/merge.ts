import type { TemplateContext } from '../templates/render-protocol';
import { groupHolds } from './conditions';
import type { ClarifyingRule, RuleFields, RuleSet, TemplateFields } from './schema';

/** A value counts as filled when an admin entered something: not unset, null, blank text or an empty list. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function overlay<T extends object>(base: T, over: Partial<T>): T {
  const result = { ...base };
  for (const [key, value] of Object.entries(over) as [keyof T, T[keyof T]][]) if (isFilled(value)) result[key] = value;
  return result;
}

export interface MergedRule {
  /** The clarifying rule that matched, or null for the base rule alone. */
  matched: Pick<ClarifyingRule, 'id' | 'name'> | null;
  fields: RuleFields;
  /**
   * The responsible the rule names. With a clarifying match it is the clarifying rule's own value, even
   * empty (the base rule's responsible is then NOT used); null means "the employee who took it".
   */
  responsibleId: number | null;
}

/** The first enabled clarifying rule whose conditions hold, merged onto the base rule (docs/decisions.md, "Rules: base and clarifying"). */
export function mergeRules(ruleSet: RuleSet, variables: TemplateContext): MergedRule {
  const match = ruleSet.clarifying.find((rule) => rule.enabled && groupHolds(rule.when, variables));
  if (!match) {
    return { matched: null, fields: ruleSet.base, responsibleId: ruleSet.base.responsibleId ?? null };
  }
  const templates: TemplateFields = overlay(ruleSet.base.templates ?? {}, match.fields.templates ?? {});
  const fields: RuleFields = { ...overlay(ruleSet.base, match.fields), templates };
  return { matched: { id: match.id, name: match.name }, fields, responsibleId: match.fields.responsibleId ?? null };
}
