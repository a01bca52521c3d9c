import { z } from 'zod';

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
  field: z.string().min(1),
  op: z.enum(CONDITION_OPS),
  value: z.union([scalar, z.array(scalar)]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export type ConditionGroup = { op: 'and' | 'or'; items: (Condition | ConditionGroup)[] };
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.object({ op: z.enum(['and', 'or']), items: z.array(z.union([conditionSchema, conditionGroupSchema])) }),
);

export const templateFieldsSchema = z.object({
  comment: z.string().optional(),
  source: z.string().optional(),
  subSource: z.string().optional(),
  title: z.string().optional(),
});
export type TemplateFields = z.infer<typeof templateFieldsSchema>;
export type TemplateField = keyof TemplateFields;

export const taskSettingsSchema = z.object({
  enabled: z.boolean(),
  authorId: z.number().int().optional(),
  executorId: z.number().int().optional(),
  hours: z.number().min(0).max(24 * 30).optional(),
  title: z.string().optional(),
});
export type TaskSettings = z.infer<typeof taskSettingsSchema>;

export const ruleFieldsSchema = z.object({
  /** What to create for a primary contact (the client is not in AutoCRM yet). */
  entity: z.enum(ENTITY_TYPES).optional(),
  /** What to create for a repeat contact (the client is found); unset means the same as primary. */
  repeatEntity: z.enum(ENTITY_TYPES).optional(),
  salonId: z.number().int().optional(),
  /** AutoCRM contact type: 5 call, 7 visit, 11 internet, 12 cold call. */
  contactType: z.number().int().optional(),
  /** Purpose (`request_type_id`). */
  requestTypeId: z.number().int().optional(),
  clientType: z.enum(['individual', 'business']).optional(),
  /** Worksheets: which case family, and the brand and model AutoCRM requires for one. */
  caseKind: z.enum(['retail', 'saleUsed', 'corporate']).optional(),
  brandId: z.number().int().optional(),
  modelId: z.number().int().optional(),
  /** AutoCRM user id; empty means "the employee who took it". */
  responsibleId: z.number().int().nullable().optional(),
  /** Skip when the client has an inquiry / worksheet in one of these statuses. Empty: always create. */
  inquiryStatuses: z.array(z.number().int()).optional(),
  worksheetStates: z.array(z.number().int()).optional(),
  templates: templateFieldsSchema.optional(),
  /** Missed calls and missed chats get a task. */
  missedTask: taskSettingsSchema.optional(),
});
export type RuleFields = z.infer<typeof ruleFieldsSchema>;

export const clarifyingRuleSchema = z.object({
  id: z.string().min(1),
  name: z.string().max(200),
  enabled: z.boolean().default(true),
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
