import type { RuleKind } from '../domain/communication';
import { undeliverableFields } from './availability';
import { isFilled } from './merge';
import type { EntityType, RuleFields, RuleSet } from './schema';

/** What AutoCRM needs to create an entity and a rule can leave empty (the names the admin sees in the rule editor). */
export type MissingField = 'dealership' | 'purpose' | 'contactType' | 'brand' | 'model' | 'responsible';

/**
 * The fields an entity still lacks. The pipeline's decision stops a communication as "needs a fix" for
 * exactly these, and the rules page says so before any communication arrives. `responsibleKnown` is
 * false when neither the rule nor the employee who took it names an AutoCRM user.
 */
export function missingFor(entity: EntityType, fields: RuleFields, responsibleKnown = true): MissingField[] {
  if (entity === 'nothing') return [];
  const missing: MissingField[] = [];
  if (fields.salonId === undefined) missing.push('dealership');
  if (entity === 'inquiry') {
    if (fields.requestTypeId === undefined) missing.push('purpose');
    if (fields.contactType === undefined) missing.push('contactType');
  }
  if (entity === 'worksheet') {
    if (fields.brandId === undefined) missing.push('brand');
    if (fields.modelId === undefined) missing.push('model');
    if (!responsibleKnown) missing.push('responsible');
  }
  return missing;
}

/** The entities a rule can create: for a new client and for a repeat one. */
function entitiesOf(fields: RuleFields): EntityType[] {
  const primary = fields.entity ?? 'nothing';
  return [...new Set([primary, fields.repeatEntity ?? primary])];
}

function overlay(base: RuleFields, over: RuleFields): RuleFields {
  const result = { ...base };
  for (const [key, value] of Object.entries(over)) if (isFilled(value)) Object.assign(result, { [key]: value });
  return result;
}

export interface RuleReadiness {
  /** The clarifying rule's name; null for the base rule. */
  rule: string | null;
  missing: MissingField[];
  /** Condition fields the rule tests that its communications' report never delivers (lib/rules/availability.ts). */
  undeliverable: string[];
}

/**
 * Every rule of a set that cannot create what it says yet, with what it lacks, or that tests a field its
 * report does not deliver (such a condition is decided on an empty value, whatever the communication).
 * A clarifying rule is read merged onto the base rule, as the pipeline reads it. A worksheet's
 * responsible is not counted: "the employee who took it" is known only when a communication arrives.
 * Without `kind` the conditions are not looked at.
 */
export function ruleSetReadiness(set: RuleSet, kind?: RuleKind): RuleReadiness[] {
  const base = { rule: null, fields: set.base, undeliverable: [] };
  const clarifying = set.clarifying.filter((r) => r.enabled).map((r) => ({ rule: r.name, fields: overlay(set.base, r.fields), undeliverable: kind ? undeliverableFields(kind, r.when) : [] }));
  return [base, ...clarifying]
    .map(({ rule, fields, undeliverable }) => ({ rule, missing: [...new Set(entitiesOf(fields).flatMap((e) => missingFor(e, fields)))], undeliverable }))
    .filter((r) => r.missing.length > 0 || r.undeliverable.length > 0);
}
