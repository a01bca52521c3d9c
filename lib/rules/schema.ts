import { z } from 'zod/mini';

/**
 * Rules as admins write them (docs/decisions.md, "Rules: base and clarifying"). One rule set per kind: a base rule and ordered clarifying
 * rules. Every field of a rule is optional, so a clarifying rule can fill only what it changes.
 */
export const ENTITY_TYPES = ['inquiry', 'serviceInquiry', 'worksheet', 'nothing'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const CONDITION_OPS = ['eq', 'neq', 'in', 'notIn', 'contains', 'isTrue', 'isFalse', 'empty', 'notEmpty'] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema = z.object({
  /** A communication variable: scenario_id, source, virtual_phone_number, site_id, campaign_id, chat_channel_id, tag_id, form_name, utm_source, is_lost… */
  field: z.string().check(z.minLength(1)),
  op: z.enum(CONDITION_OPS),
  value: z.optional(z.union([scalar, z.array(scalar)])),
});
export type Condition = z.infer<typeof conditionSchema>;

export type ConditionGroup = { op: 'and' | 'or'; items: (Condition | ConditionGroup)[] };
export const conditionGroupSchema: z.ZodMiniType<ConditionGroup> = z.lazy(() =>
  z.object({ op: z.enum(['and', 'or']), items: z.array(z.union([conditionSchema, conditionGroupSchema])) }),
);

export const templateFieldsSchema = z.object({
  comment: z.optional(z.string()),
  source: z.optional(z.string()),
  subSource: z.optional(z.string()),
  title: z.optional(z.string()),
});
export type TemplateFields = z.infer<typeof templateFieldsSchema>;
export type TemplateField = keyof TemplateFields;

export const taskSettingsSchema = z.object({
  enabled: z.boolean(),
  authorId: z.optional(z.int()),
  executorId: z.optional(z.int()),
  hours: z.optional(z.number().check(z.gte(0), z.lte(24 * 30))),
  title: z.optional(z.string()),
});
export type TaskSettings = z.infer<typeof taskSettingsSchema>;

export const ruleFieldsSchema = z.object({
  /** What to create for a primary contact (the client is not in AutoCRM yet). */
  entity: z.optional(z.enum(ENTITY_TYPES)),
  /** What to create for a repeat contact (the client is found); unset means the same as primary. */
  repeatEntity: z.optional(z.enum(ENTITY_TYPES)),
  salonId: z.optional(z.int()),
  /** AutoCRM contact type: 5 call, 7 visit, 11 internet, 12 cold call. */
  contactType: z.optional(z.int()),
  /** Purpose (`request_type_id`). */
  requestTypeId: z.optional(z.int()),
  clientType: z.optional(z.enum(['individual', 'business'])),
  /** Worksheets: which case family, and the brand and model AutoCRM requires for one. */
  caseKind: z.optional(z.enum(['retail', 'saleUsed', 'corporate'])),
  brandId: z.optional(z.int()),
  modelId: z.optional(z.int()),
  /** AutoCRM user id; empty means "the employee who took it". */
  responsibleId: z.optional(z.nullable(z.int())),
  /** Skip when the client has an inquiry / worksheet in one of these statuses. Empty: always create. */
  inquiryStatuses: z.optional(z.array(z.int())),
  worksheetStates: z.optional(z.array(z.int())),
  templates: z.optional(templateFieldsSchema),
  /** Missed calls and missed chats get a task. */
  missedTask: z.optional(taskSettingsSchema),
});
export type RuleFields = z.infer<typeof ruleFieldsSchema>;

export const clarifyingRuleSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.maxLength(200)),
  enabled: z._default(z.boolean(), true),
  when: conditionGroupSchema,
  fields: ruleFieldsSchema,
});
export type ClarifyingRule = z.infer<typeof clarifyingRuleSchema>;

export const ruleSetSchema = z.object({
  base: ruleFieldsSchema,
  clarifying: z.array(clarifyingRuleSchema),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

export const rulesSchema = z.object({
  incomingCalls: ruleSetSchema,
  outgoingCalls: ruleSetSchema,
  chats: ruleSetSchema,
  leads: ruleSetSchema,
});
export type Rules = z.infer<typeof rulesSchema>;
