import { DateTime } from 'luxon';
import type { Communication } from '../domain/communication';
import { formatPhone } from '../phone';
import type { TemplateContext, TemplateValue } from './render-protocol';
import { durationFilter } from './filters';

type Values = Record<string, TemplateValue>;

const list = (value: TemplateValue | undefined): Values[] => (Array.isArray(value) ? value.filter((v): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v)) : []);

/**
 * The names CallGear's HTTP notifications use for the same facts, so templates admins already know
 * from CallGear work here too (catalog: "as in notifications").
 */
function aliases(comm: Communication, v: Values): Values {
  const tags = list(v.tags);
  const common: Values = { tag_ids: tags.map((t) => t.tag_id ?? null), tag_names: tags.map((t) => t.tag_name).filter(Boolean).join(', ') };
  if (comm.kind === 'chat') return { ...common, chat_id: v.id ?? null };
  if (comm.kind === 'lead') return common;
  const outgoing = comm.direction === 'out';
  return {
    ...common,
    call_session_id: v.id ?? null,
    call_source: v.source ?? null,
    employee_id: v.last_answered_employee_id ?? null,
    employee_full_name: v.last_answered_employee_full_name ?? null,
    employee_phone_number: v.operator_phone_number ?? null,
    employee_rating: v.last_answered_employee_rating ?? null,
    employee_ids: list(v.employees).map((e) => e.employee_id ?? null),
    calling_phone_number: (outgoing ? v.virtual_phone_number : v.contact_phone_number) ?? null,
    called_phone_number: (outgoing ? v.contact_phone_number : v.virtual_phone_number) ?? null,
    wait_time_duration: v.wait_duration ?? null,
    talk_time_duration: v.talk_duration ?? null,
    total_time_duration: v.total_duration ?? null,
    file_link: v.full_record_file_link ?? null,
    external_id: v.call_api_external_id ?? null,
  };
}

/**
 * What a template sees: every report value of the communication, the notification-style aliases, and
 * a few computed values (phone in `+7 (XXX) XXX-XX-XX`, the start in the dealership's zone, talk time as
 * mm:ss). Plain data only.
 */
export function templateContext(comm: Communication, dealershipZone: string, account: { appId?: number } = {}): TemplateContext {
  const v = comm.variables as Values;
  const start = DateTime.fromISO(comm.at, { setZone: true }).setZone(dealershipZone);
  const phone = comm.contactPhone ?? (v.contact_phone_number as string | null) ?? (v.visitor_phone_number as string | null) ?? null;
  return {
    ...aliases(comm, v),
    ...v,
    communication_kind: comm.kind,
    app_id: account.appId ?? null,
    client_phone: phone ? formatPhone(phone) : null,
    start_time_local: start.isValid ? start.toFormat('dd.MM.yyyy HH:mm') : null,
    talk_duration_mmss: v.talk_duration === undefined || v.talk_duration === null ? null : durationFilter(v.talk_duration),
  };
}
