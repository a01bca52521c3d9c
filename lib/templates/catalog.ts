import type { CommKind } from '../domain/communication';
import { REPORT_OF_KIND, isDocumented } from '../callgear/fields';

/**
 * The template variables per communication kind (callgear.github.io data_api/report/get_*_report response tables, and CallGear's notification variables): name, type,
 * the _locales key of its description, and where the value comes from. The same catalog feeds the render
 * context (aliases), the editor's picker and the lint. The descriptions' texts live only in
 * public/_locales (docs/decisions.md, "Variable descriptions live in _locales"); the preview's example values in ./sample-values.
 */
export type VariableType = 'string' | 'number' | 'boolean' | 'datetime' | 'list';
/**
 * Where a variable's value comes from for one kind: a field of the kind's report (`report`), worked out
 * here (`computed`), only CallGear's HTTP notifications (`notification-only`), or nothing: the kind's
 * report does not document the field (`unavailable`, e.g. `visitor_name` for chats), so it is always empty.
 */
export type Availability = 'report' | 'computed' | 'notification-only' | 'unavailable';

type Group = 'common' | 'marketing' | 'visitor' | 'call' | 'chat' | 'lead' | 'computed';

export interface VariableDef {
  name: string;
  type: VariableType;
  /** The _locales message that describes it: `var_<group>_<name>` (a name may mean different things per kind, e.g. `id`). */
  key: string;
  /**
   * The report fields it comes from (`get.calls_report.talk_duration`, `get.calls_report.contact_phone_number / virtual_phone_number`),
   * or, for an `unavailable` one, those it would need; null when no report field fills it (notification-only, or worked out from nothing).
   * A technical path, shown as is in every language.
   */
  source: string | null;
  group: Group;
  availability: Availability;
  /** The fields of the kind's report that fill it; for an `unavailable` one, the names it would need (which that report lacks). */
  reportFields: string[];
}

/** Report fields a variable is filled from, when not the field of its own name: one list, or per kind. */
type From = string[] | Partial<Record<CommKind, string[]>>;
type Row = [name: string, type: VariableType, from?: From, source?: string];

const REPORT: Record<CommKind, string> = { call: 'get.calls_report', chat: 'get.chats_report', lead: 'get.offline_messages_report' };

const fromOf = (from: From | undefined, kind: CommKind): string[] | undefined => (Array.isArray(from) ? from : from?.[kind]);

/** The _locales message name of a variable's description (chrome.i18n names allow only [A-Za-z0-9_@]). */
export const descriptionKey = (group: Group, name: string): string => `var_${group}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');

function defs(group: Group, rows: Row[], availability: Availability = 'report') {
  return (kind: CommKind): VariableDef[] =>
    rows.map(([name, type, from, given]) => {
      const base = { name, type, key: descriptionKey(group, name), group };
      if (availability === 'notification-only') return { ...base, source: given ?? null, availability, reportFields: [] };
      const wanted = fromOf(from, kind) ?? (availability === 'computed' ? [] : [name]);
      const source = given ?? (wanted.length > 0 ? `${REPORT[kind]}.${wanted.join(' / ')}` : null);
      const reportFields = wanted.filter((field) => isDocumented(REPORT_OF_KIND[kind], field));
      if (wanted.length > 0 && reportFields.length === 0) return { ...base, source, availability: 'unavailable' as const, reportFields: wanted };
      return { ...base, source, availability, reportFields };
    });
}

const common = defs('common', [
  ['communication_id', 'number'],
  ['communication_type', 'string'],
  ['communication_number', 'number'],
  ['communication_page_url', 'string'],
  ['ext_id', 'string'],
  ['employee_id', 'number', { call: ['last_answered_employee_id'] }],
  ['employee_full_name', 'string', { call: ['last_answered_employee_full_name'] }],
  ['tags', 'list'],
  ['tag_ids', 'list', ['tags'], 'tags[].tag_id'],
  ['tag_names', 'string', ['tags'], 'tags[].tag_name'],
  ['segments', 'list'],
  ['attributes', 'list'],
  ['sale_date', 'datetime'],
  ['sale_cost', 'number'],
]);

const marketing = defs('marketing', [
  ['site_id', 'number'],
  ['site_domain_name', 'string'],
  ['campaign_id', 'number'],
  ['campaign_name', 'string'],
  ['visit_other_campaign', 'boolean'],
  ['channel', 'string'],
  ['channel_new', 'string'],
  ['channel_code', 'string'],
  ['source_id', 'number'],
  ['source_name', 'string'],
  ['source_new', 'string'],
  ['search_query', 'string'],
  ['search_engine', 'string'],
  ['referrer', 'string'],
  ['referrer_domain', 'string'],
  ['entrance_page', 'string'],
  ['utm_source', 'string'],
  ['utm_medium', 'string'],
  ['utm_campaign', 'string'],
  ['utm_content', 'string'],
  ['utm_term', 'string'],
  ['utm_referrer', 'string'],
  ['utm_expid', 'string'],
  ['eq_utm_source', 'string'],
  ['eq_utm_medium', 'string'],
  ['eq_utm_campaign', 'string'],
  ['eq_utm_content', 'string'],
  ['eq_utm_term', 'string'],
  ['eq_utm_referrer', 'string'],
  ['eq_utm_expid', 'string'],
  ['openstat_ad', 'string'],
  ['openstat_campaign', 'string'],
  ['openstat_service', 'string'],
  ['openstat_source', 'string'],
  ['gclid', 'string'],
  ['yclid', 'string'],
  ['ymclid', 'string'],
  ['ef_id', 'string'],
  ['ua_client_id', 'string'],
  ['ym_client_id', 'string'],
]);

const visitor = defs('visitor', [
  ['visitor_id', 'number'],
  ['person_id', 'number'],
  ['visitor_session_id', 'number'],
  ['visitor_type', 'string'],
  ['visits_count', 'number'],
  ['visitor_first_campaign_id', 'number'],
  ['visitor_first_campaign_name', 'string'],
  ['visitor_city', 'string'],
  ['visitor_region', 'string'],
  ['visitor_country', 'string'],
  ['visitor_device', 'string'],
  ['visitor_custom_properties', 'list'],
]);

const call = defs('call', [
  ['id', 'number'],
  ['call_session_id', 'number', ['id']],
  ['start_time', 'datetime'],
  ['finish_time', 'datetime'],
  ['direction', 'string'],
  ['is_lost', 'boolean'],
  ['finish_reason', 'string'],
  ['source', 'string'],
  ['call_source', 'string', ['source']],
  ['contact_phone_number', 'string'],
  ['virtual_phone_number', 'string'],
  ['operator_phone_number', 'string'],
  ['employee_phone_number', 'string', ['operator_phone_number']],
  ['calling_phone_number', 'string', ['contact_phone_number', 'virtual_phone_number']],
  ['called_phone_number', 'string', ['contact_phone_number', 'virtual_phone_number']],
  ['contact_id', 'number'],
  ['contact_full_name', 'string'],
  ['cpn_region_id', 'number'],
  ['cpn_region_name', 'string'],
  ['cpn_country_id', 'number'],
  ['cpn_country_name', 'string'],
  ['properties', 'string'],
  ['scenario_id', 'number'],
  ['scenario_name', 'string'],
  ['scenario_operations', 'list'],
  ['wait_duration', 'number'],
  ['total_wait_duration', 'number'],
  ['talk_duration', 'number'],
  ['clean_talk_duration', 'number'],
  ['total_duration', 'number'],
  ['postprocess_duration', 'number'],
  ['lost_call_processing_duration', 'number'],
  ['wait_time_duration', 'number', ['wait_duration']],
  ['talk_time_duration', 'number', ['talk_duration']],
  ['total_time_duration', 'number', ['total_duration']],
  ['call_records', 'list'],
  ['wav_call_records', 'list'],
  ['full_record_file_link', 'string'],
  ['file_link', 'string', ['full_record_file_link']],
  ['voice_mail_records', 'list'],
  ['employees', 'list'],
  ['employee_ids', 'list', ['employees'], 'employees[].employee_id'],
  ['first_answered_employee_id', 'number'],
  ['first_answered_employee_full_name', 'string'],
  ['last_answered_employee_id', 'number'],
  ['last_answered_employee_full_name', 'string'],
  ['last_answered_employee_rating', 'number'],
  ['employee_rating', 'number', ['last_answered_employee_rating']],
  ['first_talked_employee_id', 'number'],
  ['first_talked_employee_full_name', 'string'],
  ['last_talked_employee_id', 'number'],
  ['last_talked_employee_full_name', 'string'],
  ['is_transfer', 'boolean'],
  ['auto_call_campaign_name', 'string'],
  ['call_api_request_id', 'string'],
  ['call_api_external_id', 'string'],
  ['external_id', 'string', ['call_api_external_id']],
]);

const callNotificationOnly = defs('call', [
  ['is_internal', 'boolean'],
  ['extension_phone_number', 'string'],
  ['contact_group_ids', 'list'],
  ['leg_id', 'number'],
  ['leg_ids', 'list'],
  ['file_duration', 'number'],
  ['call_status', 'string'],
], 'notification-only');

const notificationCommon = defs('common', [
  ['notification_name', 'string'],
  ['notification_mnemonic', 'string'],
  ['notification_time', 'datetime'],
  ['notification_timestamp', 'number'],
], 'notification-only');

const chat = defs('chat', [
  ['id', 'number'],
  ['chat_id', 'number', ['id']],
  ['status', 'string'],
  ['initiator', 'string'],
  ['release_cause', 'string'],
  ['date_time', 'datetime'],
  ['duration', 'number'],
  ['answer_time', 'number'],
  ['chat_channel_id', 'number'],
  ['chat_channel_type', 'string'],
  ['chat_channel_name', 'string'],
  ['chat_user_id', 'string'],
  ['chat_username', 'string'],
  ['chat_ad_url', 'string'],
  ['is_group_chat', 'boolean'],
  ['is_transfer', 'boolean'],
  ['messages_count', 'number'],
  ['employee_messages_count', 'number'],
  ['employee_raiting', 'number'],
  ['visitor_name', 'string'],
  ['visitor_phone_number', 'string'],
  ['visitor_email', 'string'],
  ['visitor_ids', 'list'],
]);

const chatNotificationOnly = defs('chat', [
  ['messages', 'list'],
], 'notification-only');

const lead = defs('lead', [
  ['id', 'number'],
  ['date_time', 'datetime'],
  ['text', 'string'],
  ['form_type', 'string'],
  ['form_name', 'string'],
  ['properties', 'string'],
  ['status', 'string'],
  ['process_time', 'datetime'],
  ['employee_comment', 'string'],
  ['employee_answer_message', 'string'],
  ['group_id', 'number'],
  ['group_name', 'string'],
  ['is_agree_to_process_personal_data', 'boolean'],
  ['is_agree_to_mailing', 'boolean'],
  ['visitor_name', 'string'],
  ['visitor_phone_number', 'string'],
  ['visitor_email', 'string'],
]);

const leadNotificationOnly = defs('lead', [
  ['taxi_address', 'string'],
  ['src_latitude', 'number'],
  ['src_longitude', 'number'],
], 'notification-only');

const computed = defs('computed', [
  ['client_phone', 'string', { call: ['contact_phone_number'], chat: ['visitor_phone_number'], lead: ['visitor_phone_number'] }],
  ['start_time_local', 'string', { call: ['start_time'], chat: ['date_time'], lead: ['date_time'] }],
  ['talk_duration_mmss', 'string', ['talk_duration']],
  ['communication_kind', 'string'],
  ['app_id', 'number', undefined, 'get.account.app_id'],
], 'computed');

const KIND_GROUPS: Record<CommKind, ((kind: CommKind) => VariableDef[])[]> = {
  call: [computed, call, common, marketing, visitor, callNotificationOnly, notificationCommon],
  chat: [computed, chat, common, marketing, visitor, chatNotificationOnly, notificationCommon],
  lead: [computed, lead, common, marketing, visitor, leadNotificationOnly, notificationCommon],
};

const cache = new Map<CommKind, VariableDef[]>();

/** The catalog of one kind: each variable once, in picker order (computed, kind-specific, shared). */
export function catalogFor(kind: CommKind): VariableDef[] {
  const cached = cache.get(kind);
  if (cached) return cached;
  const seen = new Set<string>();
  const list = KIND_GROUPS[kind].flatMap((group) => group(kind)).filter((v) => (seen.has(v.name) ? false : (seen.add(v.name), true)));
  cache.set(kind, list);
  return list;
}
