import { z } from 'zod/mini';
import '../schema-messages';

/**
 * CallGear report rows and dictionaries as the client reads them. The fields the product relies on are
 * typed as the report pages document them (lib/callgear/fields.ts has every field's documented type);
 * every other field (UTM, extended UTM, visitor data…) passes through for templates. The chats report
 * has no `visitor_name` / `visitor_email` (get_chats_report response table), so its schema has none.
 */
const id = z.int();
const nullableText = z.optional(z.nullable(z.string()));
const nullableId = z.optional(z.nullable(z.int()));
/**
 * `visitor_phone_number` is typed `number` on the chats and offline-messages report pages
 * (callgear.github.io data_api/report/get_chats_report, get_offline_messages_report); clients in the
 * wild decode it as a string. Both are accepted and read as the digit string.
 */
const phoneNumberOrText = z.pipe(
  z.optional(z.nullable(z.union([z.string(), z.number()]))),
  z.transform((value: string | number | null | undefined) => (typeof value === 'number' ? String(Math.trunc(value)) : value)),
);

export const callRowSchema = z.looseObject({
  id,
  start_time: z.string(),
  finish_time: nullableText,
  direction: z.enum(['in', 'out']),
  is_lost: z.boolean(),
  source: nullableText,
  communication_id: nullableId,
  contact_phone_number: nullableText,
  virtual_phone_number: nullableText,
  scenario_id: nullableId,
  scenario_name: nullableText,
  talk_duration: z.optional(z.nullable(z.number())),
  full_record_file_link: nullableText,
  call_records: z.optional(z.nullable(z.array(z.string()))),
  employees: z.optional(z.nullable(z.array(z.looseObject({ employee_id: id, employee_full_name: nullableText, is_answered: z.optional(z.boolean()) })))),
  last_answered_employee_id: nullableId,
  last_answered_employee_full_name: nullableText,
  site_id: nullableId,
  campaign_id: nullableId,
  campaign_name: nullableText,
  tags: z.optional(z.nullable(z.array(z.looseObject({ tag_id: id, tag_name: nullableText })))),
});

export const chatRowSchema = z.looseObject({
  id,
  status: z.string(),
  date_time: z.string(),
  communication_id: nullableId,
  chat_channel_id: nullableId,
  chat_channel_type: nullableText,
  chat_channel_name: nullableText,
  employee_id: nullableId,
  employee_full_name: nullableText,
  visitor_phone_number: phoneNumberOrText,
  messages_count: z.optional(z.nullable(z.number())),
  site_id: nullableId,
  campaign_id: nullableId,
});

export const leadRowSchema = z.looseObject({
  id,
  date_time: z.string(),
  text: nullableText,
  communication_id: nullableId,
  form_name: nullableText,
  form_type: nullableText,
  employee_id: nullableId,
  visitor_phone_number: phoneNumberOrText,
  visitor_name: nullableText,
  visitor_email: nullableText,
  site_id: nullableId,
  campaign_id: nullableId,
});

export const communicationRowSchema = z.looseObject({
  id,
  communication_type: z.string(),
  date_time: z.string(),
});

export const chatMessageSchema = z.looseObject({ id, chat_id: id, date_time: z.string(), text: nullableText, source: nullableText });

export const employeePhoneSchema = z.looseObject({
  phone_id: nullableId,
  phone_number: z.string(),
  channels_count: z.optional(z.nullable(z.number())),
  dial_time: z.optional(z.nullable(z.number())),
  status: nullableText,
});

export const employeeSchema = z.looseObject({
  id,
  first_name: nullableText,
  last_name: nullableText,
  patronymic: nullableText,
  full_name: nullableText,
  email: nullableText,
  status: nullableText,
  status_id: nullableId,
  /** With each number's settings, as update.employees must send them back (data_api/employee/get_employees). */
  phone_numbers: z.optional(z.nullable(z.array(employeePhoneSchema))),
  extension: z.optional(z.nullable(z.looseObject({ extension_phone_number: nullableText }))),
});

export const contactSchema = z.looseObject({
  id,
  last_name: nullableText,
  first_name: nullableText,
  full_name: nullableText,
  phone_numbers: z.optional(z.nullable(z.array(z.string()))),
  personal_manager_id: nullableId,
});
/** get.statuses (data_api/employee/get_statuses): `mnemonic` only for the standard statuses. */
export const statusSchema = z.looseObject({ id, name: nullableText, mnemonic: nullableText, is_deleted: z.optional(z.nullable(z.boolean())) });
export const accountSchema = z.looseObject({ app_id: z.number(), name: nullableText, timezone: z.string() });
export const namedSchema = z.looseObject({ id, name: nullableText });
export const siteSchema = z.looseObject({ id, domain_name: nullableText });
export const virtualNumberSchema = z.looseObject({ id, virtual_phone_number: z.string() });

export const limitsSchema = z.looseObject({
  day_limit: z.number(),
  day_remaining: z.number(),
  day_reset: z.optional(z.number()),
  minute_limit: z.number(),
  minute_remaining: z.number(),
  minute_reset: z.optional(z.number()),
});

export type CallRow = z.infer<typeof callRowSchema>;
export type ChatRow = z.infer<typeof chatRowSchema>;
export type LeadRow = z.infer<typeof leadRowSchema>;
export type CommunicationRow = z.infer<typeof communicationRowSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type Employee = z.infer<typeof employeeSchema>;
export type EmployeePhone = z.infer<typeof employeePhoneSchema>;
export type EmployeeStatus = z.infer<typeof statusSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Account = z.infer<typeof accountSchema>;
export type Limits = z.infer<typeof limitsSchema>;

/** A Data API filter: simple, or a tree of and/or (callgear.github.io data_api/index.html "Filtering"). */
export type ReportFilter =
  | { field: string; operator: string; value: unknown }
  | { filters: ReportFilter[]; condition: 'and' | 'or' };

export interface ReportParams {
  /** `YYYY-MM-DD hh:mm:ss` in the account's time zone. */
  date_from: string;
  date_till: string;
  limit?: number;
  offset?: number;
  filter?: ReportFilter;
  fields?: string[];
  sort?: { field: string; order: 'asc' | 'desc' }[];
}

/** The largest page the Data API serves. */
export const MAX_REPORT_LIMIT = 10_000;
