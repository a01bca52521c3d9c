import type { CommKind } from '../domain/communication';
import type { TemplateValue } from './render-protocol';
import { REPORT_OF_KIND, isDocumented } from '../callgear/fields';

/**
 * The template variables per communication kind (callgear.github.io data_api/report/get_*_report response tables, and CallGear's notification variables): name, type,
 * description in Russian and English, an example, and where the value comes from. The same catalog
 * feeds the render context (aliases), the editor's picker and the lint.
 */
export type VariableType = 'string' | 'number' | 'boolean' | 'datetime' | 'list';
/**
 * Where a variable's value comes from for one kind: a field of the kind's report (`report`), worked out
 * here (`computed`), only CallGear's HTTP notifications (`notification-only`), or nothing: the kind's
 * report does not document the field (`unavailable`, e.g. `visitor_name` for chats), so it is always empty.
 */
export type Availability = 'report' | 'computed' | 'notification-only' | 'unavailable';

export interface VariableDef {
  name: string;
  type: VariableType;
  ru: string;
  en: string;
  example: TemplateValue;
  /** The report field it comes from (`get.calls_report.talk_duration`), or how it is computed. */
  source: string;
  group: 'common' | 'marketing' | 'visitor' | 'call' | 'chat' | 'lead' | 'computed';
  availability: Availability;
  /** The fields of the kind's report that fill it; for an `unavailable` one, the names it would need (which that report lacks). */
  reportFields: string[];
}

/** Report fields a variable is filled from, when not the field of its own name: one list, or per kind. */
type From = string[] | Partial<Record<CommKind, string[]>>;
type Row = [name: string, type: VariableType, ru: string, en: string, example: TemplateValue, source?: string, from?: From];

const REPORT: Record<CommKind, string> = { call: 'get.calls_report', chat: 'get.chats_report', lead: 'get.offline_messages_report' };

const fromOf = (from: From | undefined, kind: CommKind): string[] | undefined => (Array.isArray(from) ? from : from?.[kind]);

function defs(group: VariableDef['group'], rows: Row[], availability: Availability = 'report') {
  return (kind: CommKind): VariableDef[] =>
    rows.map(([name, type, ru, en, example, source, from]) => {
      const base = { name, type, ru, en, example, group, source: source ?? `${REPORT[kind]}.${name}` };
      if (availability === 'notification-only') return { ...base, availability, reportFields: [] };
      const wanted = fromOf(from, kind) ?? (availability === 'computed' ? [] : [name]);
      const reportFields = wanted.filter((field) => isDocumented(REPORT_OF_KIND[kind], field));
      if (wanted.length > 0 && reportFields.length === 0) {
        return { ...base, availability: 'unavailable' as const, reportFields: wanted, source: `${REPORT[kind]} has no ${wanted.join(' / ')}` };
      }
      return { ...base, availability, reportFields };
    });
}

const common = defs('common', [
  ['communication_id', 'number', 'ID обращения (общий для всех отчётов)', 'Communication id (join key across reports)', 5000001],
  ['communication_type', 'string', 'Тип обращения: call, chat, offline_message', 'Communication type: call, chat, offline_message', 'call'],
  ['communication_number', 'number', 'Порядковый номер обращения этого посетителя', 'Ordinal number of this contact’s communication', 2],
  ['communication_page_url', 'string', 'Страница сайта, с которой пришло обращение', 'Page URL at the time of the communication', 'https://sever-auto.ru/haval/jolion'],
  ['ext_id', 'string', 'ID во внешней системе', 'Your external id', null],
  ['employee_id', 'number', 'ID сотрудника CallGear, принявшего обращение', 'Id of the CallGear employee who took it', 9001, 'employee_id (calls: last_answered_employee_id)', { call: ['last_answered_employee_id'] }],
  ['employee_full_name', 'string', 'ФИО сотрудника, принявшего обращение', 'Full name of the employee who took it', 'Петрова Анна Викторовна', 'employee_full_name (calls: last_answered_employee_full_name)', { call: ['last_answered_employee_full_name'] }],
  ['tags', 'list', 'Теги обращения (список: tag_id, tag_name, tag_type…)', 'Tags of the communication (list: tag_id, tag_name, tag_type…)', [{ tag_id: 601, tag_name: 'Целевой' }]],
  ['tag_ids', 'list', 'ID тегов', 'Tag ids', [601], 'tags[].tag_id', ['tags']],
  ['tag_names', 'string', 'Названия тегов через запятую', 'Tag names, comma-separated', 'Целевой', 'tags[].tag_name', ['tags']],
  ['segments', 'list', 'Сегменты посетителя', 'Visitor segments', []],
  ['attributes', 'list', 'Атрибуты обращения: первичное, целевое, потерянное…', 'Attributes: primary, target, lost…', ['primary', 'target']],
  ['sale_date', 'datetime', 'Дата сделки', 'Deal date', null],
  ['sale_cost', 'number', 'Сумма сделки', 'Deal amount', null],
]);

const marketing = defs('marketing', [
  ['site_id', 'number', 'ID сайта', 'Site id', 501],
  ['site_domain_name', 'string', 'Домен сайта', 'Site domain', 'sever-auto.ru'],
  ['campaign_id', 'number', 'ID рекламной кампании (−1, если нет)', 'Ad campaign id (−1 when none)', 701],
  ['campaign_name', 'string', 'Рекламная кампания', 'Ad campaign', 'Яндекс.Директ — Haval Jolion'],
  ['visit_other_campaign', 'boolean', 'Посетитель заходил и по другим кампаниям', 'The visitor also came through other campaigns', false],
  ['channel', 'string', 'Канал трафика: paid, organic, referral, direct…', 'Traffic channel: paid, organic, referral, direct…', 'paid'],
  ['channel_new', 'string', 'Канал трафика (новая классификация)', 'Traffic channel (new classification)', 'paid'],
  ['channel_code', 'string', 'Код канала', 'Channel code', null],
  ['source_id', 'number', 'ID источника трафика', 'Traffic source id', 11],
  ['source_name', 'string', 'Источник трафика', 'Traffic source', 'Яндекс.Директ'],
  ['source_new', 'string', 'Источник трафика (новая классификация)', 'Traffic source (new classification)', null],
  ['search_query', 'string', 'Поисковый запрос', 'Search query', 'haval jolion купить москва'],
  ['search_engine', 'string', 'Поисковая система', 'Search engine', 'yandex'],
  ['referrer', 'string', 'Реферер', 'Referrer', 'https://yandex.ru/'],
  ['referrer_domain', 'string', 'Домен реферера', 'Referrer domain', 'yandex.ru'],
  ['entrance_page', 'string', 'Страница входа', 'Entrance page', 'https://sever-auto.ru/haval/jolion'],
  ['utm_source', 'string', 'UTM Source', 'UTM source', 'yandex'],
  ['utm_medium', 'string', 'UTM Medium', 'UTM medium', 'cpc'],
  ['utm_campaign', 'string', 'UTM Campaign', 'UTM campaign', 'haval_jolion_2026'],
  ['utm_content', 'string', 'UTM Content', 'UTM content', 'banner_1'],
  ['utm_term', 'string', 'UTM Term', 'UTM term', 'haval jolion'],
  ['utm_referrer', 'string', 'UTM Referrer', 'UTM referrer', null],
  ['utm_expid', 'string', 'UTM Expid (эксперимент)', 'UTM expid (experiment)', null],
  ['eq_utm_source', 'string', 'Расширенная UTM-метка: Source', 'Extended UTM: source', 'yandex'],
  ['eq_utm_medium', 'string', 'Расширенная UTM-метка: Medium', 'Extended UTM: medium', 'cpc'],
  ['eq_utm_campaign', 'string', 'Расширенная UTM-метка: Campaign', 'Extended UTM: campaign', 'haval_jolion_2026'],
  ['eq_utm_content', 'string', 'Расширенная UTM-метка: Content', 'Extended UTM: content', null],
  ['eq_utm_term', 'string', 'Расширенная UTM-метка: Term', 'Extended UTM: term', null],
  ['eq_utm_referrer', 'string', 'Расширенная UTM-метка: Referrer', 'Extended UTM: referrer', null],
  ['eq_utm_expid', 'string', 'Расширенная UTM-метка: Expid', 'Extended UTM: expid', null],
  ['openstat_ad', 'string', 'Openstat: объявление', 'Openstat: ad', null],
  ['openstat_campaign', 'string', 'Openstat: кампания', 'Openstat: campaign', null],
  ['openstat_service', 'string', 'Openstat: рекламная площадка', 'Openstat: ad service (placement)', null],
  ['openstat_source', 'string', 'Openstat: источник', 'Openstat: source', null],
  ['gclid', 'string', 'Google Ads click id (gclid)', 'Google Ads click id (gclid)', null],
  ['yclid', 'string', 'Яндекс.Директ click id (yclid)', 'Yandex Direct click id (yclid)', '7319204812'],
  ['ymclid', 'string', 'Яндекс.Маркет click id (ymclid)', 'Yandex Market click id (ymclid)', null],
  ['ef_id', 'string', 'Adobe/EF click id (ef_id)', 'Adobe/EF click id (ef_id)', null],
  ['ua_client_id', 'string', 'Google Analytics client id', 'Google Analytics client id', null],
  ['ym_client_id', 'string', 'Яндекс.Метрика client id', 'Yandex Metrica client id', '1700000000123456789'],
]);

const visitor = defs('visitor', [
  ['visitor_id', 'number', 'ID посетителя', 'Visitor id', 4000701],
  ['person_id', 'number', 'ID персоны', 'Person id', 3000701],
  ['visitor_session_id', 'number', 'ID сессии посетителя', 'Visitor session id', 5000701],
  ['visitor_type', 'string', 'Тип посетителя: new или returning', 'Visitor type: new or returning', 'new'],
  ['visits_count', 'number', 'Число визитов', 'Visit count', 3],
  ['visitor_first_campaign_id', 'number', 'ID первой рекламной кампании посетителя', 'Visitor’s first campaign id', 701],
  ['visitor_first_campaign_name', 'string', 'Первая рекламная кампания посетителя', 'Visitor’s first campaign', 'Яндекс.Директ — Haval Jolion'],
  ['visitor_city', 'string', 'Город посетителя', 'Visitor city', 'Москва'],
  ['visitor_region', 'string', 'Регион посетителя', 'Visitor region', 'Москва'],
  ['visitor_country', 'string', 'Страна посетителя', 'Visitor country', 'Россия'],
  ['visitor_device', 'string', 'Устройство: desktop, mobile, tablet', 'Device: desktop, mobile, tablet', 'mobile'],
  ['visitor_custom_properties', 'list', 'Свойства посетителя (property_name, property_value)', 'Visitor custom properties (property_name, property_value)', []],
]);

const call = defs('call', [
  ['id', 'number', 'ID сессии звонка', 'Call session id', 5000001],
  ['call_session_id', 'number', 'ID сессии звонка (как в уведомлениях)', 'Call session id (as in notifications)', 5000001, 'get.calls_report.id', ['id']],
  ['start_time', 'datetime', 'Начало звонка (время аккаунта)', 'Call start (account time)', '2026-11-24 10:00:00'],
  ['finish_time', 'datetime', 'Окончание звонка', 'Call end', '2026-11-24 10:03:16'],
  ['direction', 'string', 'Направление: in (входящий), out (исходящий)', 'Direction: in or out', 'in'],
  ['is_lost', 'boolean', 'Потерянный (пропущенный) звонок', 'Lost (missed) call', false],
  ['finish_reason', 'string', 'Причина завершения', 'Why the call ended', 'success_finish'],
  ['source', 'string', 'Источник звонка: va (АТС), call_tracking, sitephone (виджет), callapi…', 'How the call originated: va (PBX), call_tracking, sitephone (widget), callapi…', 'call_tracking'],
  ['call_source', 'string', 'Источник звонка (как в уведомлениях)', 'Call source (as in notifications)', 'call_tracking', 'get.calls_report.source', ['source']],
  ['contact_phone_number', 'string', 'Номер абонента', 'Customer number', '79123456789'],
  ['virtual_phone_number', 'string', 'Виртуальный номер', 'Virtual (tracking) number', '74952290000'],
  ['operator_phone_number', 'string', 'Номер сотрудника', 'Employee’s number', '79120000042'],
  ['employee_phone_number', 'string', 'Номер сотрудника (как в уведомлениях)', 'Employee’s number (as in notifications)', '79120000042', 'get.calls_report.operator_phone_number', ['operator_phone_number']],
  ['calling_phone_number', 'string', 'Номер звонящего', 'Calling number', '79123456789', 'contact (in) or virtual number (out)', ['contact_phone_number', 'virtual_phone_number']],
  ['called_phone_number', 'string', 'Вызываемый номер', 'Called number', '74952290000', 'virtual number (in) or contact (out)', ['contact_phone_number', 'virtual_phone_number']],
  ['contact_id', 'number', 'ID контакта в адресной книге', 'Address-book contact id', null],
  ['contact_full_name', 'string', 'Имя контакта в адресной книге', 'Address-book contact name', null],
  ['cpn_region_id', 'number', 'ID региона номера абонента', 'Caller number region id', 77],
  ['cpn_region_name', 'string', 'Регион номера абонента', 'Caller number region', 'Москва'],
  ['cpn_country_id', 'number', 'ID страны номера', 'Caller number country id', 1],
  ['cpn_country_name', 'string', 'Страна номера', 'Caller number country', 'Россия'],
  ['properties', 'string', 'Комментарий из формы обратного звонка', 'Comment from a call-back form', null],
  ['scenario_id', 'number', 'ID сценария ВАТС', 'Scenario id', 301],
  ['scenario_name', 'string', 'Сценарий ВАТС (IVR)', 'Scenario (IVR)', 'Входящие: отдел продаж'],
  ['scenario_operations', 'list', 'Операции сценария', 'Scenario operations', [{ id: 1, name: 'Приветствие' }]],
  ['wait_duration', 'number', 'Ожидание ответа, с', 'Wait, seconds', 9],
  ['total_wait_duration', 'number', 'Общее ожидание, с', 'Total wait, seconds', 9],
  ['talk_duration', 'number', 'Длительность разговора, с', 'Talk time, seconds', 187],
  ['clean_talk_duration', 'number', 'Чистый разговор, с', 'Clean talk time, seconds', 183],
  ['total_duration', 'number', 'Общая длительность, с', 'Total length, seconds', 196],
  ['postprocess_duration', 'number', 'Постобработка, с', 'Post-processing, seconds', 0],
  ['lost_call_processing_duration', 'number', 'Время обработки потерянного звонка, с', 'Lost-call handling time, seconds', null],
  ['wait_time_duration', 'number', 'Ожидание, с (как в уведомлениях)', 'Wait, seconds (as in notifications)', 9, 'get.calls_report.wait_duration', ['wait_duration']],
  ['talk_time_duration', 'number', 'Разговор, с (как в уведомлениях)', 'Talk, seconds (as in notifications)', 187, 'get.calls_report.talk_duration', ['talk_duration']],
  ['total_time_duration', 'number', 'Общая длительность, с (как в уведомлениях)', 'Total, seconds (as in notifications)', 196, 'get.calls_report.total_duration', ['total_duration']],
  ['call_records', 'list', 'ID записей разговора', 'Recording ids', ['004c4b41a1b2c3d4e5f60718293a4b5c']],
  ['wav_call_records', 'list', 'ID записей в WAV', 'WAV recording ids', []],
  ['full_record_file_link', 'string', 'Ссылка на полную запись разговора', 'Link to the full recording', 'https://app.callgear.com/system/media/talk/5000001/004c…/'],
  ['file_link', 'string', 'Ссылка на запись (как в уведомлениях)', 'Recording link (as in notifications)', 'https://app.callgear.com/system/media/talk/5000001/004c…/', 'get.calls_report.full_record_file_link', ['full_record_file_link']],
  ['voice_mail_records', 'list', 'Записи голосовой почты', 'Voicemail recordings', []],
  ['employees', 'list', 'Сотрудники, участвовавшие в звонке', 'Employees on the call', [{ employee_id: 9001, employee_full_name: 'Петрова Анна' }]],
  ['employee_ids', 'list', 'ID всех сотрудников, кому звонили', 'Ids of all employees tried', [9001], 'employees[].employee_id', ['employees']],
  ['first_answered_employee_id', 'number', 'Первый ответивший сотрудник: ID', 'First answering employee: id', 9001],
  ['first_answered_employee_full_name', 'string', 'Первый ответивший сотрудник', 'First answering employee', 'Петрова Анна Викторовна'],
  ['last_answered_employee_id', 'number', 'Последний ответивший сотрудник: ID', 'Last answering employee: id', 9001],
  ['last_answered_employee_full_name', 'string', 'Последний ответивший сотрудник', 'Last answering employee', 'Петрова Анна Викторовна'],
  ['last_answered_employee_rating', 'number', 'Оценка последнего ответившего', 'Rating of the last answering employee', null],
  ['employee_rating', 'number', 'Оценка сотрудника (как в уведомлениях)', 'Employee rating (as in notifications)', null, 'get.calls_report.last_answered_employee_rating', ['last_answered_employee_rating']],
  ['first_talked_employee_id', 'number', 'Первый разговаривавший сотрудник: ID', 'First talking employee: id', 9001],
  ['first_talked_employee_full_name', 'string', 'Первый разговаривавший сотрудник', 'First talking employee', 'Петрова Анна Викторовна'],
  ['last_talked_employee_id', 'number', 'Последний разговаривавший сотрудник: ID', 'Last talking employee: id', 9001],
  ['last_talked_employee_full_name', 'string', 'Последний разговаривавший сотрудник', 'Last talking employee', 'Петрова Анна Викторовна'],
  ['is_transfer', 'boolean', 'Был перевод звонка', 'The call was transferred', false],
  ['auto_call_campaign_name', 'string', 'Кампания автообзвона', 'Auto-dialling campaign', null],
  ['call_api_request_id', 'string', 'ID запроса Call API', 'Call API request id', null],
  ['call_api_external_id', 'string', 'Внешний ID, переданный в Call API', 'External id passed to the Call API', null],
  ['external_id', 'string', 'Внешний ID Call API (как в уведомлениях)', 'Call API external id (as in notifications)', null, 'get.calls_report.call_api_external_id', ['call_api_external_id']],
]);

const callNotificationOnly = defs('call', [
  ['is_internal', 'boolean', 'Внутренний звонок (только в уведомлениях)', 'Internal call (notifications only)', null, 'notification'],
  ['extension_phone_number', 'string', 'Добавочный номер (только в уведомлениях)', 'Extension (notifications only)', null, 'notification'],
  ['contact_group_ids', 'list', 'Группы контакта (только в уведомлениях)', 'Contact groups (notifications only)', null, 'notification'],
  ['leg_id', 'number', 'ID плеча звонка (только в уведомлениях)', 'Call leg id (notifications only)', null, 'notification'],
  ['leg_ids', 'list', 'ID плеч звонка (только в уведомлениях)', 'Call leg ids (notifications only)', null, 'notification'],
  ['file_duration', 'number', 'Длительность записи, с (только в уведомлениях)', 'Recording length, s (notifications only)', null, 'notification'],
  ['call_status', 'string', 'Статус звонка (только в уведомлениях Novofon)', 'Call status (Novofon notifications only)', null, 'notification'],
], 'notification-only');

const notificationCommon = defs('common', [
  ['notification_name', 'string', 'Название уведомления (только в уведомлениях)', 'Notification name (notifications only)', null, 'notification'],
  ['notification_mnemonic', 'string', 'Мнемоника события (только в уведомлениях)', 'Event mnemonic (notifications only)', null, 'notification'],
  ['notification_time', 'datetime', 'Время события (только в уведомлениях)', 'Event time (notifications only)', null, 'notification'],
  ['notification_timestamp', 'number', 'Метка времени события (только в уведомлениях)', 'Event timestamp (notifications only)', null, 'notification'],
], 'notification-only');

const chat = defs('chat', [
  ['id', 'number', 'ID чата', 'Chat id', 2000001],
  ['chat_id', 'number', 'ID чата (как в уведомлениях)', 'Chat id (as in notifications)', 2000001, 'get.chats_report.id', ['id']],
  ['status', 'string', 'Статус чата: succeed, lost, refused…', 'Chat status: succeed, lost, refused…', 'succeed'],
  ['initiator', 'string', 'Кто начал чат: visitor, operator, chatbot…', 'Who started it: visitor, operator, chatbot…', 'visitor'],
  ['release_cause', 'string', 'Причина завершения чата', 'Why the chat ended', 'closed_by_operator'],
  ['date_time', 'datetime', 'Начало чата (время аккаунта)', 'Chat start (account time)', '2026-11-24 10:00:00'],
  ['duration', 'number', 'Длительность чата, с', 'Chat length, seconds', 540],
  ['answer_time', 'number', 'Время ответа, с', 'Time to answer, seconds', 25],
  ['chat_channel_id', 'number', 'ID канала чата', 'Chat channel id', 901],
  ['chat_channel_type', 'string', 'Тип канала: whatsapp, telegram, vkontakte_groups, avito…', 'Channel type: whatsapp, telegram, vkontakte_groups, avito…', 'whatsapp'],
  ['chat_channel_name', 'string', 'Канал чата', 'Chat channel', 'WhatsApp продажи'],
  ['chat_user_id', 'string', 'ID пользователя мессенджера', 'Messenger user id', 'u2000001'],
  ['chat_username', 'string', 'Ник пользователя мессенджера', 'Messenger user name', 'ivan_auto'],
  ['chat_ad_url', 'string', 'Объявление, из которого пришёл чат', 'Ad the chat came from', null],
  ['is_group_chat', 'boolean', 'Групповой чат', 'Group chat', false],
  ['is_transfer', 'boolean', 'Чат передавался другому сотруднику', 'The chat was transferred', false],
  ['messages_count', 'number', 'Число сообщений', 'Message count', 14],
  ['employee_messages_count', 'number', 'Сообщений от сотрудника', 'Messages by the employee', 7],
  ['employee_raiting', 'number', 'Оценка сотрудника (так в API)', 'Employee rating (spelt so in the API)', null],
  ['visitor_name', 'string', 'Имя посетителя', 'Visitor name', 'Иван'],
  ['visitor_phone_number', 'string', 'Телефон посетителя', 'Visitor phone', '79035554433'],
  ['visitor_email', 'string', 'E-mail посетителя', 'Visitor e-mail', null],
  ['visitor_ids', 'list', 'ID посетителей чата', 'Visitor ids in the chat', [4100001]],
]);

const chatNotificationOnly = defs('chat', [
  ['messages', 'list', 'Сообщения чата: text, source, date_time (только в уведомлениях)', 'Chat messages: text, source, date_time (notifications only)', null, 'notification'],
], 'notification-only');

const lead = defs('lead', [
  ['id', 'number', 'ID заявки', 'Lead id', 3000001],
  ['date_time', 'datetime', 'Время заявки (время аккаунта)', 'Lead time (account time)', '2026-11-24 10:00:00'],
  ['text', 'string', 'Текст заявки', 'Lead text', 'Хочу записаться на тест-драйв'],
  ['form_type', 'string', 'Тип формы: custom, standard, DataAPI', 'Form type: custom, standard, DataAPI', 'custom'],
  ['form_name', 'string', 'Название формы', 'Form name', 'Запись на тест-драйв'],
  ['properties', 'string', 'Комментарий из формы', 'Comment field of the form', null],
  ['status', 'string', 'Статус обработки: processing, processed, not_processed', 'Processing status: processing, processed, not_processed', 'not_processed'],
  ['process_time', 'datetime', 'Когда заявка обработана', 'When the lead was processed', null],
  ['employee_comment', 'string', 'Комментарий сотрудника', 'Employee comment', null],
  ['employee_answer_message', 'string', 'Ответ сотрудника посетителю', 'Employee’s answer to the visitor', null],
  ['group_id', 'number', 'ID группы, выбранной в форме', 'Group chosen in the form: id', null],
  ['group_name', 'string', 'Группа, выбранная в форме', 'Group chosen in the form', null],
  ['is_agree_to_process_personal_data', 'boolean', 'Согласие на обработку ПДн', 'Consent to process personal data', true],
  ['is_agree_to_mailing', 'boolean', 'Согласие на рассылку', 'Consent to mailing', false],
  ['visitor_name', 'string', 'Имя из формы', 'Name from the form', 'Мария'],
  ['visitor_phone_number', 'string', 'Телефон из формы', 'Phone from the form', '79267778899'],
  ['visitor_email', 'string', 'E-mail из формы', 'E-mail from the form', 'maria@example.ru'],
]);

const leadNotificationOnly = defs('lead', [
  ['taxi_address', 'string', 'Адрес (заявки такси, только в уведомлениях)', 'Address (taxi leads, notifications only)', null, 'notification'],
  ['src_latitude', 'number', 'Широта (заявки такси, только в уведомлениях)', 'Latitude (taxi leads, notifications only)', null, 'notification'],
  ['src_longitude', 'number', 'Долгота (заявки такси, только в уведомлениях)', 'Longitude (taxi leads, notifications only)', null, 'notification'],
], 'notification-only');

const computed = defs('computed', [
  ['client_phone', 'string', 'Телефон клиента в виде +7 (XXX) XXX-XX-XX', 'Client phone as +7 (XXX) XXX-XX-XX', '+7 (912) 345-67-89', 'computed from the contact or visitor phone', { call: ['contact_phone_number'], chat: ['visitor_phone_number'], lead: ['visitor_phone_number'] }],
  ['start_time_local', 'string', 'Начало в часовом поясе автосалона (ДД.ММ.ГГГГ ЧЧ:ММ)', 'Start in the dealership’s time zone (DD.MM.YYYY HH:MM)', '24.11.2026 10:00', 'computed from the start time', { call: ['start_time'], chat: ['date_time'], lead: ['date_time'] }],
  ['talk_duration_mmss', 'string', 'Длительность разговора как мм:сс', 'Talk time as mm:ss', '03:07', 'computed from talk_duration', ['talk_duration']],
  ['communication_kind', 'string', 'Вид коммуникации: call, chat, lead', 'Kind: call, chat, lead', 'call', 'computed'],
  ['app_id', 'number', 'ID аккаунта CallGear', 'CallGear account id', 41077, 'get.account.app_id'],
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

/** A realistic context for previews: every variable of the kind with its example value. */
export function sampleContext(kind: CommKind): Record<string, TemplateValue> {
  return Object.fromEntries(catalogFor(kind).map((v) => [v.name, v.example]));
}
