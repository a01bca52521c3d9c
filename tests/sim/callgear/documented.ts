/**
 * What the CallGear Data API documents for each method the simulator serves: the report fields with their
 * filter / sort / default flags (callgear/callgear.github.io, pages data_api/report/get_<name>_report/,
 * "Response parameters" tables, columns Filtering, Sorting, Default response), the top-level request
 * parameters of each method, and the filter operators per brand (data_api/index.html "Filter operators";
 * comagic/comagic.github.io data_api/index.html for UIS/CoMagic). Only top-level names: the parts of
 * array fields (tags → tag_id …) are not selectable on their own.
 */
export interface FieldTable {
  all: readonly string[];
  default: readonly string[];
  filterable: readonly string[];
  sortable: readonly string[];
}

export type ReportName = 'calls' | 'chats' | 'offline_messages' | 'communications';

export const REPORT_FIELDS: Record<ReportName, FieldTable> = {
  calls: {
    all: [
      'id', 'start_time', 'finish_time', 'finish_reason', 'direction', 'cpn_region_id', 'cpn_region_name', 'cpn_country_name',
      'cpn_country_id', 'properties', 'scenario_operations', 'source', 'is_lost', 'communication_number',
      'communication_page_url', 'contact_phone_number', 'communication_id', 'communication_type', 'wait_duration',
      'total_wait_duration', 'lost_call_processing_duration', 'talk_duration', 'clean_talk_duration', 'total_duration',
      'postprocess_duration', 'call_records', 'wav_call_records', 'full_record_file_link', 'voice_mail_records',
      'virtual_phone_number', 'ua_client_id', 'ym_client_id', 'sale_date', 'sale_cost', 'is_transfer', 'search_query',
      'search_engine', 'referrer_domain', 'referrer', 'entrance_page', 'gclid', 'yclid', 'ymclid', 'ef_id', 'channel', 'tags',
      'employees', 'last_answered_employee_id', 'last_answered_employee_full_name', 'last_answered_employee_rating',
      'first_answered_employee_id', 'first_answered_employee_full_name', 'last_talked_employee_id',
      'last_talked_employee_full_name', 'first_talked_employee_id', 'first_talked_employee_full_name',
      'operator_phone_number', 'scenario_name', 'scenario_id', 'site_domain_name', 'site_id', 'campaign_name', 'campaign_id',
      'visit_other_campaign', 'auto_call_campaign_name', 'visitor_id', 'person_id', 'visitor_type', 'visitor_session_id',
      'visits_count', 'visitor_first_campaign_id', 'visitor_first_campaign_name', 'visitor_city', 'visitor_region',
      'visitor_country', 'visitor_device', 'visitor_custom_properties', 'segments', 'call_api_request_id',
      'call_api_external_id', 'contact_id', 'contact_full_name', 'utm_source', 'utm_medium', 'utm_term', 'utm_content',
      'utm_campaign', 'openstat_ad', 'openstat_campaign', 'openstat_service', 'openstat_source', 'attributes',
      'eq_utm_source', 'eq_utm_medium', 'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid',
      'source_id', 'source_name', 'source_new', 'channel_new', 'channel_code', 'ext_id',
    ],
    default: [
      'id', 'start_time', 'finish_time', 'finish_reason', 'direction', 'cpn_region_id', 'cpn_region_name', 'cpn_country_name',
      'cpn_country_id', 'source', 'is_lost', 'contact_phone_number', 'communication_id', 'communication_type',
      'wait_duration', 'total_wait_duration', 'talk_duration', 'clean_talk_duration', 'total_duration', 'call_records',
      'wav_call_records', 'full_record_file_link', 'virtual_phone_number',
    ],
    filterable: [
      'id', 'finish_reason', 'direction', 'cpn_region_id', 'cpn_region_name', 'cpn_country_name', 'cpn_country_id',
      'scenario_operations', 'source', 'is_lost', 'communication_number', 'contact_phone_number', 'communication_id',
      'wait_duration', 'total_wait_duration', 'lost_call_processing_duration', 'talk_duration', 'clean_talk_duration',
      'total_duration', 'postprocess_duration', 'virtual_phone_number', 'sale_date', 'sale_cost', 'is_transfer',
      'search_query', 'search_engine', 'referrer_domain', 'referrer', 'entrance_page', 'gclid', 'yclid', 'ef_id', 'channel',
      'tags', 'employees', 'last_answered_employee_id', 'last_answered_employee_full_name', 'last_answered_employee_rating',
      'first_answered_employee_id', 'first_answered_employee_full_name', 'last_talked_employee_id',
      'last_talked_employee_full_name', 'first_talked_employee_id', 'first_talked_employee_full_name',
      'operator_phone_number', 'scenario_name', 'scenario_id', 'site_domain_name', 'site_id', 'campaign_name', 'campaign_id',
      'auto_call_campaign_name', 'visitor_id', 'person_id', 'visitor_type', 'visitor_session_id', 'visits_count',
      'visitor_first_campaign_id', 'visitor_first_campaign_name', 'visitor_city', 'visitor_region', 'visitor_country',
      'visitor_device', 'visitor_custom_properties', 'segments', 'call_api_request_id', 'call_api_external_id', 'contact_id',
      'contact_full_name', 'utm_source', 'utm_medium', 'utm_term', 'utm_content', 'utm_campaign', 'openstat_ad',
      'openstat_campaign', 'openstat_service', 'openstat_source', 'attributes', 'eq_utm_source', 'eq_utm_medium',
      'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid', 'source_id', 'source_name',
      'source_new', 'channel_new', 'channel_code', 'ext_id',
    ],
    sortable: [
      'start_time', 'finish_reason', 'direction', 'cpn_region_id', 'cpn_region_name', 'cpn_country_name', 'cpn_country_id',
      'source', 'is_lost', 'communication_number', 'lost_call_processing_duration', 'virtual_phone_number', 'sale_date',
      'sale_cost', 'is_transfer', 'scenario_id', 'site_id', 'campaign_id', 'auto_call_campaign_name', 'visitor_id',
      'visitor_type', 'visitor_device', 'source_id', 'source_name', 'source_new', 'channel_new', 'channel_code', 'ext_id',
    ],
  },
  chats: {
    all: [
      'id', 'status', 'initiator', 'date_time', 'duration', 'answer_time', 'communication_number', 'communication_page_url',
      'communication_id', 'communication_type', 'chat_ad_url', 'chat_channel_id', 'chat_channel_type', 'chat_channel_name',
      'chat_user_id', 'chat_username', 'messages_count', 'ua_client_id', 'ym_client_id', 'sale_date', 'sale_cost',
      'is_group_chat', 'is_transfer', 'release_cause', 'search_query', 'search_engine', 'referrer_domain', 'referrer',
      'entrance_page', 'gclid', 'yclid', 'ymclid', 'ef_id', 'channel', 'employee_id', 'employee_full_name',
      'employee_raiting', 'employee_messages_count', 'tags', 'site_id', 'site_domain_name', 'campaign_id', 'campaign_name',
      'visit_other_campaign', 'visitor_phone_number', 'visitor_id', 'visitor_ids', 'person_id', 'visitor_type',
      'visitor_session_id', 'visits_count', 'visitor_first_campaign_id', 'visitor_first_campaign_name', 'visitor_city',
      'visitor_region', 'visitor_country', 'visitor_device', 'visitor_profile_url', 'visitor_custom_properties', 'segments',
      'utm_source', 'utm_medium', 'utm_term', 'utm_content', 'utm_campaign', 'openstat_ad', 'openstat_campaign',
      'openstat_service', 'openstat_source', 'attributes', 'eq_utm_source', 'eq_utm_medium', 'eq_utm_term', 'eq_utm_content',
      'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid', 'source_id', 'source_name', 'source_new', 'channel_new',
      'channel_code', 'ext_id',
    ],
    default: [
      'id', 'status', 'initiator', 'date_time', 'duration', 'answer_time', 'communication_id', 'chat_ad_url', 'is_group_chat',
      'is_transfer', 'release_cause', 'employee_id', 'employee_raiting', 'site_id', 'campaign_id', 'visitor_phone_number',
      'visitor_id', 'visitor_ids',
    ],
    filterable: [
      'id', 'status', 'initiator', 'duration', 'answer_time', 'communication_number', 'communication_id', 'chat_channel_id',
      'chat_channel_type', 'chat_user_id', 'chat_username', 'sale_date', 'sale_cost', 'release_cause', 'search_query',
      'search_engine', 'referrer_domain', 'referrer', 'entrance_page', 'gclid', 'yclid', 'ef_id', 'channel', 'employee_id',
      'employee_full_name', 'tags', 'site_id', 'site_domain_name', 'campaign_id', 'campaign_name', 'visitor_phone_number',
      'visitor_id', 'person_id', 'visitor_type', 'visitor_session_id', 'visits_count', 'visitor_first_campaign_id',
      'visitor_first_campaign_name', 'visitor_city', 'visitor_region', 'visitor_country', 'visitor_profile_url',
      'visitor_custom_properties', 'segments', 'utm_source', 'utm_medium', 'utm_term', 'utm_content', 'utm_campaign',
      'openstat_ad', 'openstat_campaign', 'openstat_service', 'openstat_source', 'attributes', 'eq_utm_source',
      'eq_utm_medium', 'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid', 'source_id',
      'source_name', 'source_new', 'channel_new', 'channel_code', 'ext_id',
    ],
    sortable: [
      'status', 'initiator', 'date_time', 'duration', 'answer_time', 'communication_number', 'chat_channel_type',
      'chat_user_id', 'chat_username', 'sale_date', 'sale_cost', 'employee_id', 'site_id', 'campaign_id', 'visitor_id',
      'person_id', 'visitor_type', 'visitor_session_id', 'source_id', 'source_name', 'source_new', 'channel_new',
      'channel_code', 'ext_id',
    ],
  },
  offline_messages: {
    all: [
      'id', 'date_time', 'text', 'communication_number', 'communication_page_url', 'communication_type', 'communication_id',
      'is_agree_to_process_personal_data', 'is_agree_to_mailing', 'ua_client_id', 'ym_client_id', 'sale_date', 'sale_cost',
      'status', 'process_time', 'form_type', 'form_name', 'search_query', 'search_engine', 'referrer_domain', 'referrer',
      'entrance_page', 'gclid', 'yclid', 'ymclid', 'ef_id', 'channel', 'properties', 'group_id', 'group_name', 'employee_id',
      'employee_full_name', 'employee_answer_message', 'employee_comment', 'tags', 'site_id', 'site_domain_name',
      'campaign_id', 'campaign_name', 'visit_other_campaign', 'visitor_phone_number', 'visitor_email', 'visitor_name',
      'visitor_id', 'person_id', 'visitor_type', 'visitor_session_id', 'visits_count', 'visitor_first_campaign_id',
      'visitor_first_campaign_name', 'visitor_city', 'visitor_country', 'visitor_region', 'visitor_device',
      'visitor_custom_properties', 'segments', 'utm_source', 'utm_medium', 'utm_term', 'utm_content', 'utm_campaign',
      'openstat_ad', 'openstat_campaign', 'openstat_service', 'openstat_source', 'attributes', 'eq_utm_source',
      'eq_utm_medium', 'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid', 'source_id',
      'source_name', 'source_new', 'channel_new', 'channel_code', 'ext_id',
    ],
    default: [
      'id', 'text', 'communication_id', 'is_agree_to_process_personal_data', 'is_agree_to_mailing', 'status', 'form_type',
      'properties', 'employee_id', 'site_id', 'campaign_id', 'visitor_phone_number', 'visitor_email', 'visitor_name',
      'visitor_id', 'visitor_session_id',
    ],
    filterable: [
      'id', 'communication_number', 'communication_id', 'sale_date', 'sale_cost', 'status', 'form_type', 'form_name',
      'search_query', 'search_engine', 'referrer_domain', 'referrer', 'entrance_page', 'gclid', 'yclid', 'ymclid', 'ef_id',
      'channel', 'group_id', 'group_name', 'employee_id', 'employee_full_name', 'tags', 'site_id', 'site_domain_name',
      'campaign_id', 'campaign_name', 'visitor_phone_number', 'visitor_email', 'visitor_name', 'visitor_id', 'person_id',
      'visitor_type', 'visitor_session_id', 'visits_count', 'visitor_first_campaign_id', 'visitor_first_campaign_name',
      'visitor_city', 'visitor_country', 'visitor_region', 'visitor_device', 'visitor_custom_properties', 'segments',
      'utm_source', 'utm_medium', 'utm_term', 'utm_content', 'utm_campaign', 'openstat_ad', 'openstat_campaign',
      'openstat_service', 'openstat_source', 'attributes', 'eq_utm_source', 'eq_utm_medium', 'eq_utm_term', 'eq_utm_content',
      'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid', 'source_id', 'source_name', 'source_new', 'channel_new',
      'channel_code', 'ext_id',
    ],
    sortable: [
      'communication_number', 'sale_date', 'sale_cost', 'status', 'form_type', 'form_name', 'group_id', 'group_name',
      'employee_id', 'employee_full_name', 'site_id', 'campaign_id', 'visitor_id', 'person_id', 'visitor_type',
      'visitor_device', 'source_id', 'source_name', 'source_new', 'channel_new', 'channel_code', 'ext_id',
    ],
  },
  communications: {
    all: [
      'id', 'communication_type', 'communication_number', 'communication_page_url', 'date_time', 'ua_client_id',
      'ym_client_id', 'sale_date', 'sale_cost', 'search_query', 'search_engine', 'referrer_domain', 'referrer',
      'entrance_page', 'gclid', 'yclid', 'ymclid', 'ef_id', 'channel', 'tags', 'visitor_id', 'person_id', 'visitor_type',
      'visitor_session_id', 'visits_count', 'visitor_first_campaign_id', 'visitor_first_campaign_name', 'visitor_city',
      'visitor_region', 'visitor_country', 'visitor_device', 'visitor_custom_properties', 'site_id', 'site_domain_name',
      'campaign_id', 'campaign_name', 'visit_other_campaign', 'segments', 'utm_source', 'utm_medium', 'utm_term',
      'utm_content', 'utm_campaign', 'utm_referrer', 'utm_expid', 'openstat_ad', 'openstat_campaign', 'openstat_service',
      'openstat_source', 'attributes', 'eq_utm_source', 'eq_utm_medium', 'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign',
      'eq_utm_referrer', 'eq_utm_expid', 'source_id', 'source_name', 'source_new', 'channel_new', 'channel_code',
    ],
    default: [
      'id', 'communication_type', 'date_time', 'visitor_id', 'person_id', 'visitor_session_id', 'site_id', 'campaign_id',
    ],
    filterable: [
      'id', 'communication_type', 'communication_number', 'date_time', 'sale_date', 'sale_cost', 'search_query',
      'search_engine', 'referrer_domain', 'referrer', 'entrance_page', 'gclid', 'yclid', 'ef_id', 'channel', 'tags',
      'visitor_id', 'person_id', 'visitor_type', 'visitor_session_id', 'visits_count', 'visitor_first_campaign_id',
      'visitor_first_campaign_name', 'visitor_city', 'visitor_region', 'visitor_country', 'visitor_device',
      'visitor_custom_properties', 'site_id', 'site_domain_name', 'campaign_id', 'campaign_name', 'visit_other_campaign',
      'segments', 'utm_source', 'utm_medium', 'utm_term', 'utm_content', 'utm_campaign', 'utm_referrer', 'utm_expid',
      'openstat_ad', 'openstat_campaign', 'openstat_service', 'openstat_source', 'attributes', 'eq_utm_source',
      'eq_utm_medium', 'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign', 'eq_utm_referrer', 'eq_utm_expid', 'source_id',
      'source_name', 'source_new', 'channel_new', 'channel_code',
    ],
    sortable: [
      'communication_type', 'communication_number', 'date_time', 'sale_date', 'sale_cost', 'visitor_id', 'visitor_type',
      'visitor_device', 'site_id', 'campaign_id', 'source_id', 'source_name', 'source_new', 'channel_new', 'channel_code',
    ],
  },

};

/** data_api/employee/get_employees "Response parameters" (top-level rows). */
export const EMPLOYEE_FIELDS: FieldTable = {
  all: [
    'id', 'login', 'first_name', 'last_name', 'patronymic', 'full_name', 'status', 'status_id', 'calls_available', 'allowed_in_call_types',
    'in_external_allowed_call_directions', 'in_internal_allowed_call_directions', 'allowed_out_call_types',
    'out_external_allowed_call_directions', 'out_internal_allowed_call_directions', 'email', 'call_recording', 'schedule_id',
    'schedule_name', 'coach', 'groups', 'phone_numbers', 'extension', 'operator', 'operator_sites',
  ],
  default: [],
  filterable: [
    'id', 'login', 'first_name', 'last_name', 'full_name', 'status', 'status_id', 'calls_available', 'allowed_in_call_types',
    'in_external_allowed_call_directions', 'in_internal_allowed_call_directions', 'allowed_out_call_types',
    'out_external_allowed_call_directions', 'out_internal_allowed_call_directions', 'email', 'call_recording', 'schedule_id',
    'schedule_name', 'coach', 'groups', 'phone_numbers', 'extension',
  ],
  sortable: ['login', 'first_name', 'last_name', 'patronymic', 'full_name', 'calls_available'],
};

/** data_api/contact/get_contacts "Response parameters" (top-level rows). */
export const CONTACT_FIELDS: FieldTable = {
  all: [
    'id', 'first_name', 'last_name', 'patronymic', 'full_name', 'emails', 'phone_numbers', 'personal_manager_id',
    'personal_manager_full_name', 'organization_id', 'organization_name', 'groups',
  ],
  default: [],
  filterable: [
    'id', 'first_name', 'last_name', 'full_name', 'emails', 'phone_numbers', 'personal_manager_id', 'personal_manager_full_name',
    'organization_id', 'organization_name', 'groups',
  ],
  sortable: ['first_name', 'last_name', 'full_name'],
};

/** Request parameters every get method takes (data_api/index.html; each get_* page's "Request parameters"). */
export const LIST_PARAMS = ['access_token', 'user_id', 'limit', 'offset', 'filter', 'fields', 'sort'] as const;
export const REPORT_PARAMS = [...LIST_PARAMS, 'date_from', 'date_till'] as const;

export type Brand = 'callgear' | 'uis';

/** data_api/index.html "Filter operators": CallGear's table, and the UIS/CoMagic table which lists more. */
export const OPERATORS: Record<Brand, readonly string[]> = {
  callgear: ['=', '!=', '<', '>', '<=', '>=', 'like', 'regexp', 'jsquery', 'in'],
  uis: ['=', '!=', '<', '>', '<=', '>=', 'like', 'ilike', 'regexp', 'jsquery', 'in', 'not_in', 'overlap', 'not_overlap', 'is_null', 'is_not_null',
    'not_like', 'not_ilike'],
};

/** data_api/report/get_chat_messages_report (request and response tables). */
export const CHAT_MESSAGE_FIELDS: FieldTable = {
  all: ['id', 'chat_id', 'channel_id', 'channel_type', 'date_time', 'is_group_chat', 'visitor_id', 'text', 'source', 'resource', 'employee_id', 'employee_full_name'],
  default: [],
  filterable: ['id', 'chat_id', 'channel_id', 'channel_type', 'employee_id'],
  sortable: ['channel_type', 'date_time', 'employee_id'],
};
export const CHAT_MESSAGE_PARAMS = ['access_token', 'user_id', 'limit', 'offset', 'fields', 'sort', 'chat_id', 'chat_ids', 'date_from', 'date_till'] as const;

/** data_api/employee/get_statuses "Response parameters". */
export const STATUS_FIELDS: FieldTable = {
  all: [
    'id', 'name', 'mnemonic', 'description', 'color', 'is_deleted', 'in_external_allowed_call_directions', 'in_internal_allowed_call_directions',
    'out_external_allowed_call_directions', 'out_internal_allowed_call_directions', 'allowed_phone_protocols', 'is_select_allowed', 'is_worktime',
    'is_auto_out_calls_ready',
  ],
  default: [],
  filterable: ['id', 'name', 'mnemonic'],
  sortable: ['name', 'description', 'is_deleted', 'is_select_allowed', 'is_worktime', 'is_auto_out_calls_ready'],
};

/** Top-level request parameters of the create/update methods (their pages' "Request parameters"). */
const EMPLOYEE_WRITE = [
  'access_token', 'user_id', 'first_name', 'last_name', 'patronymic', 'status', 'calls_available', 'allowed_in_call_types',
  'in_external_allowed_call_directions', 'in_internal_allowed_call_directions', 'allowed_out_call_types', 'out_external_allowed_call_directions',
  'out_internal_allowed_call_directions', 'email', 'call_recording', 'schedule_id', 'coach', 'groups', 'phone_numbers', 'extension', 'operator',
] as const;
export const WRITE_PARAMS: Record<string, readonly string[]> = {
  'create.employees': EMPLOYEE_WRITE,
  'update.employees': [...EMPLOYEE_WRITE, 'id', 'status_id'],
  'create.contacts': ['access_token', 'user_id', 'first_name', 'last_name', 'patronymic', 'emails', 'phone_numbers', 'personal_manager_id', 'organization_id', 'groups'],
  'update.contacts': ['access_token', 'id', 'user_id', 'first_name', 'last_name', 'patronymic', 'emails', 'phone_numbers', 'personal_manager_id', 'organization_id', 'groups'],
};
/** Parts of one `phone_numbers` item of update.employees (create.employees has no phone_id). */
export const EMPLOYEE_PHONE_PARAMS = ['phone_id', 'phone_number', 'channels_count', 'dial_time', 'status'] as const;
