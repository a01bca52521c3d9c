import { z } from 'zod/mini';
import '../schema-messages';

/**
 * AutoCRM entities as the clients read them: only the fields this product uses are typed, everything
 * else passes through. Ids may arrive as numeric strings and flags as "0"/"1" (Yii serialises them so; docs/decisions.md).
 */
const id = z.coerce.number().check(z.int());
const optionalId = z.optional(z.pipe(z.transform((v: unknown): unknown => (v === '' || v === undefined ? null : v)), z.nullable(z.coerce.number().check(z.int()))));
const text = z.optional(z.nullable(z.string()));
const flag = z.pipe(z.transform((v: unknown): unknown => (v === '1' || v === 1 || v === true ? 1 : 0)), z.number());

export const phoneSchema = z.looseObject({ id: optionalId, type: optionalId, number: z.coerce.string() });

export const personSchema = z.looseObject({
  id: optionalId,
  firstName: text,
  lastName: text,
  middleName: text,
  email: text,
  phones: z.optional(z.nullable(z.array(phoneSchema))),
});

export const userSchema = z.looseObject({
  id,
  person: text,
  first_name: text,
  last_name: text,
  middle_name: text,
  login: text,
  email: text,
  phone: text,
  work_phone: text,
  salon: optionalId,
  user_autosalons: z.optional(z.nullable(z.coerce.string())),
  status: optionalId,
  blocked: z.optional(flag),
  fired_date: text,
});

export const autosalonSchema = z.looseObject({ id, name: z.string(), address: text, phone: text });

export const clientSchema = z.looseObject({
  id,
  type: text,
  createdAt: text,
  primaryPersonId: optionalId,
  primaryPerson: z.optional(z.nullable(personSchema)),
  company: z.optional(z.nullable(z.looseObject({ id: optionalId, name: text, phones: z.optional(z.nullable(z.array(phoneSchema))) }))),
  persons: z.optional(z.nullable(z.array(personSchema))),
});

export const requestSchema = z.looseObject({
  id,
  salon_id: optionalId,
  type: optionalId,
  request_type_id: optionalId,
  source_id: optionalId,
  source2_id: optionalId,
  status: optionalId,
  phone: text,
  first_name: text,
  last_name: text,
  comment: text,
  external_id: text,
  assignee_id: optionalId,
  clientId: optionalId,
  call2_id: optionalId,
  created_at: text,
});

export const preparedServiceCaseSchema = z.looseObject({
  id,
  state: optionalId,
  salonId: optionalId,
  managerId: optionalId,
  clientId: optionalId,
  phoneNumber: text,
  external_id: text,
  comment: text,
});

export const caseSchema = z.looseObject({
  id,
  state: optionalId,
  type: optionalId,
  category: optionalId,
  clientId: optionalId,
  salonId: optionalId,
  assigneeId: optionalId,
  external_id: text,
  createdAt: text,
  assignee: z.optional(z.nullable(z.looseObject({ id: optionalId, person: text }))),
});

export const sourceSchema = z.looseObject({ id, name: z.string(), salon_ids: z.optional(z.nullable(z.array(id))) });
export const source2Schema = z.looseObject({ id, parent_id: optionalId, name: z.string() });
export const dictionarySchema = z.looseObject({ id, name: z.string(), is_active: z.optional(flag) });
export const dictionaryListSchema = z.array(dictionarySchema);

/**
 * A dictionary answer as a list of `{id, name}`. `GET /case/states` declares `result: $ref Array`, and
 * `definitions.Array` is one object `{id, name}` (swagger.json, mikopbx/ModuleAutoCRM): a list, that single
 * object, and an `{id: name}` map are all read as entries (docs/decisions.md, AutoCRM port, U16).
 */
export function dictionaryEntries(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  if (typeof result !== 'object' || result === null) return [];
  if ('id' in result && 'name' in result) return [result];
  return Object.entries(result).map(([key, name]) => ({ id: key, name }));
}

export const callSchema = z.looseObject({
  id,
  call_id: text,
  from: text,
  to: text,
  datetime: text,
  status: text,
  direction: text,
  record: text,
  client_id: optionalId,
  case_id: optionalId,
});

export const taskSchema = z.looseObject({ id, title: text, text, workerId: optionalId, authorId: optionalId, endAt: text, status: optionalId });
export const eventSchema = z.looseObject({ id, caseId: optionalId, type: optionalId, comment: text });

export type AutocrmUser = z.infer<typeof userSchema>;
export type Autosalon = z.infer<typeof autosalonSchema>;
export type AutocrmClient = z.infer<typeof clientSchema>;
export type AutocrmPerson = z.infer<typeof personSchema>;
export type LeadRequest = z.infer<typeof requestSchema>;
export type PreparedServiceCase = z.infer<typeof preparedServiceCaseSchema>;
export type AutocrmCase = z.infer<typeof caseSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Source2 = z.infer<typeof source2Schema>;
export type Dictionary = z.infer<typeof dictionarySchema>;
export type AutocrmCall = z.infer<typeof callSchema>;
export type AutocrmTask = z.infer<typeof taskSchema>;
export type AutocrmEvent = z.infer<typeof eventSchema>;

/**
 * How AutoCRM names lead statuses (a fixed enum with no dictionary endpoint: swagger.json `definitions.RequestResponse.status`) and case
 * states (the live list is `GET /case/states`) in its UI: shown in reasons, cards and dropdowns.
 */
export const REQUEST_STATUS_NAMES: Record<number, string> = { 1: 'Новое', 2: 'В работе', 3: 'Завершено', 4: 'В предварительном отказе', 5: 'Дубль' };
export const CASE_STATE_NAMES: Record<number, string> = { 0: 'Не взят в работу', 5: 'Взят в работу', 1: 'В работе', 4: 'В предварительном отказе', 3: 'В отказе', 2: 'Завершён', [-1]: 'Удален' };
