import type { CommKind } from '../domain/communication';

/**
 * The documented top-level response fields of the four CallGear Data API v2.0 reports, with their flags
 * as the official pages mark them (callgear/callgear.github.io, data_api/report/get_<name>_report/, the
 * response table: "Filtering", "Sorting", "Default response"; nested rows of array fields left out).
 * A field that is not default comes back only when the request names it in `fields`; a name the report
 * does not have is answered with `unexpected_parameters` (data_api/index.html, "Viewing returned data"
 * and the error table). Each line: name, documented type, then F (filterable) S (sortable) D (default).
 */
export type ReportName = 'calls' | 'chats' | 'offline_messages' | 'communications';
export type FieldType = 'number' | 'string' | 'boolean' | 'iso8601' | 'enum' | 'array';

export interface ReportField {
  name: string;
  type: FieldType;
  filterable: boolean;
  sortable: boolean;
  default: boolean;
}

/** callgear.github.io data_api/report/get_calls_report/, response table. */
const CALLS = `
id number FD
start_time iso8601 SD
finish_time iso8601 D
finish_reason enum FSD
direction enum FSD
cpn_region_id number FSD
cpn_region_name string FSD
cpn_country_name string FSD
cpn_country_id string FSD
properties string
scenario_operations array F
source enum FSD
is_lost boolean FSD
communication_number number FS
communication_page_url string
contact_phone_number string FD
communication_id number FD
communication_type enum D
wait_duration number FD
total_wait_duration number FD
lost_call_processing_duration number FS
talk_duration number FD
clean_talk_duration number FD
total_duration number FD
postprocess_duration number F
call_records array D
wav_call_records array D
full_record_file_link string D
voice_mail_records array
virtual_phone_number string FSD
ua_client_id string
ym_client_id string
sale_date iso8601 FS
sale_cost number FS
is_transfer boolean FS
search_query string F
search_engine string F
referrer_domain string F
referrer string F
entrance_page string F
gclid string F
yclid string F
ymclid string
ef_id string F
channel enum F
tags array F
employees array F
last_answered_employee_id number F
last_answered_employee_full_name string F
last_answered_employee_rating number F
first_answered_employee_id number F
first_answered_employee_full_name string F
last_talked_employee_id number F
last_talked_employee_full_name string F
first_talked_employee_id number F
first_talked_employee_full_name string F
operator_phone_number string F
scenario_name string F
scenario_id number FS
site_domain_name string F
site_id number FS
campaign_name string F
campaign_id number FS
visit_other_campaign boolean
auto_call_campaign_name string FS
visitor_id number FS
person_id number F
visitor_type enum FS
visitor_session_id number F
visits_count number F
visitor_first_campaign_id number F
visitor_first_campaign_name string F
visitor_city string F
visitor_region string F
visitor_country string F
visitor_device enum FS
visitor_custom_properties array F
segments array F
call_api_request_id number F
call_api_external_id string F
contact_id number F
contact_full_name string F
utm_source string F
utm_medium string F
utm_term string F
utm_content string F
utm_campaign string F
openstat_ad string F
openstat_campaign string F
openstat_service string F
openstat_source string F
attributes array F
eq_utm_source string F
eq_utm_medium string F
eq_utm_term string F
eq_utm_content string F
eq_utm_campaign string F
eq_utm_referrer string F
eq_utm_expid string F
source_id number FS
source_name string FS
source_new string FS
channel_new string FS
channel_code string FS
ext_id string F
`;

/** callgear.github.io data_api/report/get_chats_report/, response table. */
const CHATS = `
id number FD
status enum FSD
initiator enum FSD
date_time iso8601 SD
duration string FSD
answer_time number FSD
communication_number number FS
communication_page_url string
communication_id number FD
communication_type enum
chat_ad_url string D
chat_channel_id number F
chat_channel_type enum FS
chat_channel_name string
chat_user_id string FS
chat_username string FS
messages_count number
ua_client_id string
ym_client_id string
sale_date iso8601 FS
sale_cost number FS
is_group_chat boolean D
is_transfer boolean D
release_cause enum FD
search_query string F
search_engine string F
referrer_domain string F
referrer string F
entrance_page string F
gclid string F
yclid string F
ymclid string
ef_id string F
channel enum F
employee_id number FSD
employee_full_name string F
employee_raiting number D
employee_messages_count number
tags array F
site_id number FSD
site_domain_name string F
campaign_id number FSD
campaign_name string F
visit_other_campaign boolean
visitor_phone_number number FD
visitor_id number FSD
visitor_ids array D
person_id number FS
visitor_type enum FS
visitor_session_id number FS
visits_count number F
visitor_first_campaign_id number F
visitor_first_campaign_name string F
visitor_city string F
visitor_region string F
visitor_country string F
visitor_device enum
visitor_profile_url string F
visitor_custom_properties array F
segments array F
utm_source string F
utm_medium string F
utm_term string F
utm_content string F
utm_campaign string F
openstat_ad string F
openstat_campaign string F
openstat_service string F
openstat_source string F
attributes array F
eq_utm_source string F
eq_utm_medium string F
eq_utm_term string F
eq_utm_content string F
eq_utm_campaign string F
eq_utm_referrer string F
eq_utm_expid string F
source_id number FS
source_name string FS
source_new string FS
channel_new string FS
channel_code string FS
ext_id string F
`;

/** callgear.github.io data_api/report/get_offline_messages_report/, response table. */
const OFFLINE_MESSAGES = `
id number FD
date_time iso8601
text string D
communication_number number FS
communication_page_url string
communication_type enum
communication_id number FD
is_agree_to_process_personal_data boolean D
is_agree_to_mailing boolean D
ua_client_id string
ym_client_id string
sale_date iso8601 FS
sale_cost number FS
status enum FSD
process_time iso8601
form_type enum FSD
form_name string FS
search_query string F
search_engine string F
referrer_domain string F
referrer string F
entrance_page string F
gclid string F
yclid string F
ymclid string F
ef_id string F
channel enum F
properties string D
group_id number FS
group_name string FS
employee_id number FSD
employee_full_name string FS
employee_answer_message string
employee_comment string
tags array F
site_id number FSD
site_domain_name string F
campaign_id number FSD
campaign_name string F
visit_other_campaign boolean
visitor_phone_number number FD
visitor_email string FD
visitor_name string FD
visitor_id number FSD
person_id number FS
visitor_type enum FS
visitor_session_id number FD
visits_count number F
visitor_first_campaign_id number F
visitor_first_campaign_name string F
visitor_city string F
visitor_country string F
visitor_region string F
visitor_device enum FS
visitor_custom_properties array F
segments array F
utm_source string F
utm_medium string F
utm_term string F
utm_content string F
utm_campaign string F
openstat_ad string F
openstat_campaign string F
openstat_service string F
openstat_source string F
attributes array F
eq_utm_source string F
eq_utm_medium string F
eq_utm_term string F
eq_utm_content string F
eq_utm_campaign string F
eq_utm_referrer string F
eq_utm_expid string F
source_id number FS
source_name string FS
source_new string FS
channel_new string FS
channel_code string FS
ext_id string F
`;

/** callgear.github.io data_api/report/get_communications_report/, response table. */
const COMMUNICATIONS = `
id number FD
communication_type enum FSD
communication_number number FS
communication_page_url string
date_time iso8601 FSD
ua_client_id string
ym_client_id string
sale_date iso8601 FS
sale_cost number FS
search_query string F
search_engine string F
referrer_domain string F
referrer string F
entrance_page string F
gclid string F
yclid string F
ymclid string
ef_id string F
channel enum F
tags array F
visitor_id number FSD
person_id number FD
visitor_type enum FS
visitor_session_id number FD
visits_count number F
visitor_first_campaign_id number F
visitor_first_campaign_name string F
visitor_city string F
visitor_region string F
visitor_country string F
visitor_device enum FS
visitor_custom_properties array F
site_id number FSD
site_domain_name string F
campaign_id number FSD
campaign_name string F
visit_other_campaign boolean F
segments array F
utm_source string F
utm_medium string F
utm_term string F
utm_content string F
utm_campaign string F
utm_referrer string F
utm_expid string F
openstat_ad string F
openstat_campaign string F
openstat_service string F
openstat_source string F
attributes array F
eq_utm_source string F
eq_utm_medium string F
eq_utm_term string F
eq_utm_content string F
eq_utm_campaign string F
eq_utm_referrer string F
eq_utm_expid string F
source_id number FS
source_name string FS
source_new string FS
channel_new string FS
channel_code string F
`;

function parse(table: string): ReadonlyMap<string, ReportField> {
  const fields = table.trim().split('\n').map((line): ReportField => {
    const [name, type, flags = ''] = line.trim().split(' ');
    return { name: name!, type: type as FieldType, filterable: flags.includes('F'), sortable: flags.includes('S'), default: flags.includes('D') };
  });
  return new Map(fields.map((f) => [f.name, f]));
}

export const REPORT_FIELDS: Record<ReportName, ReadonlyMap<string, ReportField>> = {
  calls: parse(CALLS),
  chats: parse(CHATS),
  offline_messages: parse(OFFLINE_MESSAGES),
  communications: parse(COMMUNICATIONS),
};

/** The JSON-RPC method of each report. */
export const REPORT_METHOD: Record<ReportName, string> = {
  calls: 'get.calls_report',
  chats: 'get.chats_report',
  offline_messages: 'get.offline_messages_report',
  communications: 'get.communications_report',
};

export const isDocumented = (report: ReportName, name: string): boolean => REPORT_FIELDS[report].has(name);

/**
 * The order intake asks for, where the report documents the time field as sortable: calls by
 * `start_time`, chats by `date_time`. The offline-messages report marks no sorting on `date_time`, so
 * leads keep the API's own order (paging there relies on the overlap re-read and on `total_items`).
 */
export const TIME_SORT: Partial<Record<ReportName, { field: string; order: 'asc' }[]>> = {
  calls: [{ field: 'start_time', order: 'asc' }],
  chats: [{ field: 'date_time', order: 'asc' }],
};

/** The report each communication kind is read from. */
export const REPORT_OF_KIND: Record<CommKind, ReportName> = { call: 'calls', chat: 'chats', lead: 'offline_messages' };
