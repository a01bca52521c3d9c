import { DateTime } from 'luxon';
import { REPORT_FIELDS, type FieldTable } from './documented';

/**
 * Realistic CallGear report rows and account dictionaries, used by the simulator, the tests and the demo.
 * Every row holds exactly the fields its report documents (callgear/callgear.github.io,
 * data_api/report/get_<name>_report/ "Response parameters"): a documented field the fixture has no value
 * for is null, a name the report does not document is not there. Times are account-local strings.
 */
export const ACCOUNT = { app_id: 41077, name: 'Автохолдинг «Север»', timezone: 'Europe/Moscow' };

export const EMPLOYEES = [
  { id: 9001, first_name: 'Анна', last_name: 'Петрова', patronymic: 'Викторовна', email: 'a.petrova@sever-auto.ru', phone: '79120000042', extension: '101' },
  { id: 9002, first_name: 'Игорь', last_name: 'Смирнов', patronymic: 'Олегович', email: 'i.smirnov@sever-auto.ru', phone: '79120000043', extension: '102' },
  { id: 9003, first_name: 'Елена', last_name: 'Козлова', patronymic: null, email: 'e.kozlova@yug-auto.ru', phone: '79120000044', extension: '201' },
  { id: 9004, first_name: 'Оператор', last_name: 'Без телефона', patronymic: null, email: 'nophone@sever-auto.ru', phone: null, extension: '199' },
];

/** Address-book contacts: a regular caller who already has a manager, and a client with two numbers. */
export const CONTACTS = [
  { id: 7001, last_name: 'Кузнецов', first_name: 'Павел', phone_numbers: ['79165550101'], emails: [], personal_manager_id: 9002 },
  { id: 7002, last_name: 'Иванова', first_name: 'Мария', phone_numbers: ['74951112233', '79035554433'], emails: [], personal_manager_id: null },
];

/** get.statuses: the standard statuses (data_api/employee/get_statuses; mnemonics as the deprecated `status` enum). */
export const STATUSES = [
  ['available', 'Доступен', true],
  ['break', 'Перерыв', true],
  ['do_not_disturb', 'Не беспокоить', true],
  ['not_at_workplace', 'Нет на месте', false],
  ['not_at_work', 'Нет на работе', false],
  ['auto_out_call', 'Исходящий обзвон', true],
].map(([mnemonic, name, worktime], i) => ({
  id: i + 1,
  name: name as string,
  mnemonic: mnemonic as string,
  description: null,
  color: null,
  is_deleted: false,
  in_external_allowed_call_directions: worktime ? ['in', 'out'] : [],
  in_internal_allowed_call_directions: worktime ? ['in', 'out'] : [],
  out_external_allowed_call_directions: ['in', 'out'],
  out_internal_allowed_call_directions: ['in', 'out'],
  allowed_phone_protocols: ['PSTN', 'SIP'],
  is_select_allowed: true,
  is_worktime: worktime as boolean,
  is_auto_out_calls_ready: mnemonic === 'auto_out_call',
}));

export const SCENARIOS = [
  { id: 301, name: 'Входящие: отдел продаж' },
  { id: 302, name: 'Входящие: сервис (IVR 2)' },
  { id: 303, name: 'Обратный звонок с сайта' },
];

export const SITES = [
  { id: 501, domain_name: 'sever-auto.ru' },
  { id: 502, domain_name: 'service.sever-auto.ru' },
];

export const CAMPAIGNS = [
  { id: 701, name: 'Яндекс.Директ — Haval Jolion', site_id: 501 },
  { id: 702, name: 'VK Реклама — сервис', site_id: 502 },
  { id: 703, name: 'Органический поиск', site_id: 501 },
];

export const VIRTUAL_NUMBERS = [
  { id: 801, virtual_phone_number: '74952290000', site_id: 501, campaign_id: 701 },
  { id: 802, virtual_phone_number: '74953330000', site_id: 502, campaign_id: 702 },
  { id: 803, virtual_phone_number: '74954440000', site_id: null, campaign_id: null },
];

export const TAGS = [
  { id: 601, name: 'Целевой' },
  { id: 602, name: 'Сервис' },
  { id: 603, name: 'Спам' },
];

export const CHAT_CHANNELS = [
  { id: 901, type: 'whatsapp', name: 'WhatsApp продажи' },
  { id: 902, type: 'telegram', name: 'Telegram сервис' },
  { id: 903, type: 'comagic', name: 'Онлайн-чат на сайте' },
];

const fmt = (dt: DateTime) => dt.toFormat('yyyy-MM-dd HH:mm:ss');
export const accountNow = () => DateTime.now().setZone(ACCOUNT.timezone);
export const formatAccountTime = (dt: DateTime) => fmt(dt.setZone(ACCOUNT.timezone));

const fullName = (e: (typeof EMPLOYEES)[number]) => [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(' ');

const marketing = (campaignId: number | null, siteId: number | null, utm: Partial<Record<string, string | null>> = {}) => {
  const campaign = CAMPAIGNS.find((c) => c.id === campaignId);
  const site = SITES.find((s) => s.id === siteId);
  const paid = campaignId === 701 || campaignId === 702;
  return {
    site_id: site?.id ?? null,
    site_domain_name: site?.domain_name ?? null,
    campaign_id: campaign?.id ?? -1,
    campaign_name: campaign?.name ?? null,
    visit_other_campaign: false,
    channel: paid ? 'paid' : campaignId === 703 ? 'organic' : 'direct',
    source_id: paid ? 11 : null,
    source_name: campaignId === 701 ? 'Яндекс.Директ' : campaignId === 702 ? 'VK Реклама' : null,
    search_query: campaignId === 701 ? 'haval jolion купить москва' : null,
    search_engine: campaignId === 701 ? 'yandex' : null,
    referrer: campaignId === 701 ? 'https://yandex.ru/' : null,
    referrer_domain: campaignId === 701 ? 'yandex.ru' : null,
    entrance_page: site ? `https://${site.domain_name}/${campaignId === 702 ? 'to' : 'haval/jolion'}` : null,
    utm_source: campaignId === 701 ? 'yandex' : campaignId === 702 ? 'vk' : null,
    utm_medium: paid ? 'cpc' : null,
    utm_campaign: campaignId === 701 ? 'haval_jolion_2026' : campaignId === 702 ? 'service_winter' : null,
    utm_content: campaignId === 701 ? 'banner_1' : null,
    utm_term: campaignId === 701 ? 'haval jolion' : null,
    eq_utm_source: campaignId === 701 ? 'yandex' : null,
    eq_utm_medium: paid ? 'cpc' : null,
    eq_utm_campaign: campaignId === 701 ? 'haval_jolion_2026' : null,
    eq_utm_content: null,
    eq_utm_term: null,
    eq_utm_referrer: null,
    eq_utm_expid: null,
    openstat_ad: null,
    openstat_campaign: null,
    openstat_service: null,
    openstat_source: null,
    gclid: null,
    yclid: campaignId === 701 ? '7319204812' : null,
    ymclid: null,
    ef_id: null,
    ua_client_id: null,
    ym_client_id: '1700000000123456789',
    visitor_id: site ? 4_000_000 + (campaignId ?? 0) : null,
    person_id: site ? 3_000_000 + (campaignId ?? 0) : null,
    visitor_session_id: site ? 5_000_000 + (campaignId ?? 0) : null,
    visitor_type: 'new',
    visits_count: site ? 3 : null,
    visitor_first_campaign_id: campaign?.id ?? null,
    visitor_first_campaign_name: campaign?.name ?? null,
    visitor_city: 'Москва',
    visitor_region: 'Москва',
    visitor_country: 'Россия',
    visitor_device: 'mobile',
    visitor_custom_properties: [],
    attributes: ['primary', 'target'],
    segments: [],
    sale_date: null,
    sale_cost: null,
    ext_id: null,
    ...utm,
  };
};

export type Row = Record<string, unknown> & { id: number };

/** The row with exactly the documented top-level fields of `table`: missing ones null, others dropped. */
export function documentedRow(table: FieldTable, row: Row): Row {
  return Object.fromEntries(table.all.map((name) => [name, row[name] ?? null])) as Row;
}

/** `visitor_phone_number` is documented as a number in the chats and leads reports. */
const phoneNumber = (digits: string | null): number | null => (digits ? Number(digits.replace(/\D/g, '')) : null);

export interface CallOptions {
  id: number;
  direction?: 'in' | 'out';
  lost?: boolean;
  contact?: string;
  employeeId?: number | null;
  scenarioId?: number | null;
  virtualNumber?: string;
  /** `source` of the call: va (PBX), sitephone (widget), callapi, call_tracking… */
  source?: string;
  campaignId?: number | null;
  siteId?: number | null;
  tags?: number[];
  talkSeconds?: number;
  start?: DateTime;
  mediaHost?: string;
  utm?: Partial<Record<string, string | null>>;
}

/** A `get.calls_report` row. Communication id equals the call id (a simulator choice). */
export function callRow(o: CallOptions): Row {
  const direction = o.direction ?? 'in';
  const lost = o.lost ?? false;
  const employee = EMPLOYEES.find((e) => e.id === o.employeeId) ?? null;
  const talk = lost ? 0 : (o.talkSeconds ?? 187);
  const wait = lost ? 34 : 9;
  const start = o.start ?? accountNow().minus({ seconds: talk + wait + 5 });
  const number = VIRTUAL_NUMBERS.find((v) => v.virtual_phone_number === o.virtualNumber) ?? VIRTUAL_NUMBERS[0]!;
  const scenario = SCENARIOS.find((s) => s.id === (o.scenarioId === undefined ? 301 : o.scenarioId)) ?? null;
  const hash = `${o.id.toString(16).padStart(8, '0')}${'a1b2c3d4e5f60718293a4b5c'.slice(0, 24)}`;
  const mediaHost = o.mediaHost ?? 'https://app.callgear.com';
  const employees = employee ? [{ employee_id: employee.id, employee_full_name: fullName(employee), is_answered: !lost, is_talked: !lost }] : [];
  const campaignId = o.campaignId === undefined ? number.campaign_id : o.campaignId;
  const siteId = o.siteId === undefined ? number.site_id : o.siteId;
  return documentedRow(REPORT_FIELDS.calls, {
    id: o.id,
    start_time: fmt(start),
    finish_time: fmt(start.plus({ seconds: talk + wait })),
    finish_reason: lost ? 'subscriber_disconnects' : 'success_finish',
    direction,
    source: o.source ?? (direction === 'out' ? 'va' : 'call_tracking'),
    is_lost: lost,
    is_transfer: false,
    communication_id: o.id,
    communication_type: 'call',
    communication_number: 1,
    communication_page_url: null,
    contact_phone_number: o.contact ?? '79123456789',
    virtual_phone_number: number.virtual_phone_number,
    operator_phone_number: employee?.phone ?? null,
    contact_id: null,
    contact_full_name: null,
    cpn_region_id: 77,
    cpn_region_name: 'Москва',
    cpn_country_id: 1,
    cpn_country_name: 'Россия',
    properties: null,
    wait_duration: wait,
    total_wait_duration: wait,
    talk_duration: talk,
    clean_talk_duration: Math.max(0, talk - 4),
    total_duration: talk + wait,
    postprocess_duration: 0,
    lost_call_processing_duration: lost ? null : 0,
    call_records: lost ? [] : [hash],
    wav_call_records: lost ? [] : [hash],
    full_record_file_link: lost ? null : `${mediaHost}/system/media/talk/${o.id}/${hash}/`,
    voice_mail_records: [],
    employees,
    first_answered_employee_id: lost ? null : (employee?.id ?? null),
    first_answered_employee_full_name: lost || !employee ? null : fullName(employee),
    last_answered_employee_id: lost ? null : (employee?.id ?? null),
    last_answered_employee_full_name: lost || !employee ? null : fullName(employee),
    last_answered_employee_rating: null,
    first_talked_employee_id: lost ? null : (employee?.id ?? null),
    first_talked_employee_full_name: lost || !employee ? null : fullName(employee),
    last_talked_employee_id: lost ? null : (employee?.id ?? null),
    last_talked_employee_full_name: lost || !employee ? null : fullName(employee),
    scenario_id: scenario?.id ?? null,
    scenario_name: scenario?.name ?? null,
    scenario_operations: scenario ? [{ id: 1, name: 'Приветствие' }] : [],
    auto_call_campaign_name: null,
    call_api_request_id: null,
    call_api_external_id: null,
    tags: (o.tags ?? []).map((id) => ({ tag_id: id, tag_name: TAGS.find((t) => t.id === id)?.name ?? '', tag_type: 'manual', tag_change_time: fmt(start), tag_user_id: null, tag_user_login: null, tag_employee_id: employee?.id ?? null, tag_employee_full_name: employee ? fullName(employee) : null })),
    ...marketing(campaignId, siteId, o.utm),
  });
}

export interface ChatOptions {
  id: number;
  channelId?: number;
  employeeId?: number | null;
  status?: 'succeed' | 'lost' | 'refused';
  /** Not a field of the chats report (only the softphone's chat event carries a name): accepted, not returned. */
  visitorName?: string | null;
  visitorPhone?: string | null;
  /** Not a field of the chats report: accepted, not returned. */
  visitorEmail?: string | null;
  campaignId?: number | null;
  siteId?: number | null;
  start?: DateTime;
  tags?: number[];
}

/** A `get.chats_report` row (only finished chats are processed: status succeed, lost or refused). */
export function chatRow(o: ChatOptions): Row {
  const channel = CHAT_CHANNELS.find((c) => c.id === (o.channelId ?? 901))!;
  const employee = EMPLOYEES.find((e) => e.id === o.employeeId) ?? null;
  const start = o.start ?? accountNow().minus({ minutes: 12 });
  const status = o.status ?? 'succeed';
  return documentedRow(REPORT_FIELDS.chats, {
    id: o.id,
    status,
    initiator: 'visitor',
    date_time: fmt(start),
    duration: 540,
    answer_time: status === 'lost' ? null : 25,
    communication_id: o.id,
    communication_number: 1,
    communication_type: 'chat',
    communication_page_url: channel.type === 'comagic' ? 'https://sever-auto.ru/haval/jolion' : null,
    chat_ad_url: null,
    chat_channel_id: channel.id,
    chat_channel_type: channel.type,
    chat_channel_name: channel.name,
    chat_user_id: channel.type === 'comagic' ? null : `u${o.id}`,
    chat_username: channel.type === 'telegram' ? 'ivan_auto' : null,
    messages_count: 14,
    is_group_chat: false,
    is_transfer: false,
    release_cause: 'closed_by_operator',
    employee_id: status === 'lost' ? null : (employee?.id ?? null),
    employee_full_name: status === 'lost' || !employee ? null : fullName(employee),
    employee_raiting: null,
    employee_messages_count: status === 'lost' ? 0 : 7,
    visitor_phone_number: phoneNumber(o.visitorPhone === undefined ? '79035554433' : o.visitorPhone),
    visitor_ids: [4_100_000 + o.id],
    tags: (o.tags ?? []).map((id) => ({ tag_id: id, tag_name: TAGS.find((t) => t.id === id)?.name ?? '', tag_type: 'manual' })),
    ...marketing(o.campaignId === undefined ? 703 : o.campaignId, o.siteId === undefined ? 501 : o.siteId),
  });
}

export interface LeadOptions {
  id: number;
  formName?: string;
  text?: string;
  visitorName?: string | null;
  visitorPhone?: string | null;
  visitorEmail?: string | null;
  campaignId?: number | null;
  siteId?: number | null;
  employeeId?: number | null;
  start?: DateTime;
}

/** A `get.offline_messages_report` row: a web-form lead. */
export function leadRow(o: LeadOptions): Row {
  const start = o.start ?? accountNow().minus({ minutes: 3 });
  const employee = EMPLOYEES.find((e) => e.id === o.employeeId) ?? null;
  return documentedRow(REPORT_FIELDS.offline_messages, {
    id: o.id,
    date_time: fmt(start),
    text: o.text ?? 'Хочу записаться на тест-драйв Haval Jolion в субботу',
    communication_id: o.id,
    communication_number: 1,
    communication_type: 'offline_message',
    communication_page_url: 'https://sever-auto.ru/haval/jolion',
    is_agree_to_process_personal_data: true,
    is_agree_to_mailing: false,
    status: 'not_processed',
    process_time: null,
    form_type: 'custom',
    form_name: o.formName ?? 'Запись на тест-драйв',
    properties: null,
    group_id: null,
    group_name: null,
    employee_id: employee?.id ?? null,
    employee_full_name: employee ? fullName(employee) : null,
    employee_answer_message: null,
    employee_comment: null,
    visitor_phone_number: phoneNumber(o.visitorPhone === undefined ? '79267778899' : o.visitorPhone),
    visitor_email: o.visitorEmail === undefined ? 'maria@example.ru' : o.visitorEmail,
    visitor_name: o.visitorName === undefined ? 'Мария' : o.visitorName,
    tags: [],
    ...marketing(o.campaignId === undefined ? 701 : o.campaignId, o.siteId === undefined ? 501 : o.siteId),
  });
}

/** Named examples for tests and the demo. */
export const SAMPLES = {
  answeredDirectCall: () => callRow({ id: 1_000_001, employeeId: 9001, campaignId: 701 }),
  lostCall: () => callRow({ id: 1_000_002, lost: true, employeeId: 9001, contact: '79035550101' }),
  outgoingCall: () => callRow({ id: 1_000_003, direction: 'out', employeeId: 9002, scenarioId: null, contact: '79161112233' }),
  serviceIvrCall: () => callRow({ id: 1_000_004, scenarioId: 302, virtualNumber: '74953330000', employeeId: 9003, contact: '79031234567' }),
  widgetCallback: () => callRow({ id: 1_000_005, source: 'sitephone', scenarioId: 303, employeeId: 9001, contact: '79857000001' }),
  whatsappChat: () => chatRow({ id: 2_000_001, channelId: 901, employeeId: 9001 }),
  lostTelegramChat: () => chatRow({ id: 2_000_002, channelId: 902, status: 'lost', employeeId: null, visitorPhone: null, visitorName: '<img src=x onerror=alert(1)>' }),
  testDriveLead: () => leadRow({ id: 3_000_001 }),
};
