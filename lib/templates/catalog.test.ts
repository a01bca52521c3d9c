import { describe, expect, test } from 'vitest';
import { catalogFor, descriptionKey } from './catalog';
import { sampleContext, sampleValue } from './sample-values';
import { catalogLookup } from '../locale-catalog';
import type { CommKind } from '../domain/communication';
import { toCommunication } from '../domain/communication';
import { templateContext } from './context';

// The product description's variable lists (CallGear's notification variables; docs/decisions.md, "Template variables"),
// per kind: the common block and the kind's own list.
const PRODUCT_VARIABLES: Record<'common' | CommKind, string[]> = {
  common: [
    'notification_name', 'notification_mnemonic', 'notification_time', 'notification_timestamp', 'app_id', 'communication_id', 'communication_type',
    'communication_number', 'communication_page_url', 'site_id', 'site_domain_name', 'campaign_id', 'campaign_name', 'visit_other_campaign',
    'visitor_id', 'person_id', 'visitor_session_id', 'visitor_type', 'visits_count', 'visitor_first_campaign_id', 'visitor_first_campaign_name',
    'visitor_city', 'visitor_region', 'visitor_country', 'visitor_device', 'visitor_custom_properties', 'utm_source', 'utm_medium', 'utm_term',
    'utm_content', 'utm_campaign', 'utm_referrer', 'utm_expid', 'eq_utm_source', 'eq_utm_medium', 'eq_utm_term', 'eq_utm_content', 'eq_utm_campaign',
    'eq_utm_referrer', 'eq_utm_expid', 'openstat_ad', 'openstat_campaign', 'openstat_service', 'openstat_source', 'gclid', 'yclid', 'ymclid', 'ef_id',
    'ua_client_id', 'ym_client_id', 'search_query', 'search_engine', 'referrer', 'referrer_domain', 'entrance_page', 'channel', 'channel_new',
    'channel_code', 'source_id', 'source_name', 'source_new', 'attributes', 'tags', 'tag_ids', 'tag_names', 'segments', 'sale_date', 'sale_cost',
    'ext_id', 'employee_id', 'employee_full_name',
  ],
  call: [
    'call_session_id', 'start_time', 'finish_time', 'direction', 'is_internal', 'is_lost', 'finish_reason', 'source', 'call_source', 'contact_phone_number',
    'virtual_phone_number', 'calling_phone_number', 'called_phone_number', 'operator_phone_number', 'employee_phone_number', 'extension_phone_number',
    'contact_id', 'contact_full_name', 'contact_group_ids', 'cpn_region_id', 'cpn_region_name', 'cpn_country_id', 'cpn_country_name', 'scenario_id',
    'scenario_name', 'scenario_operations', 'wait_duration', 'total_wait_duration', 'talk_duration', 'clean_talk_duration', 'total_duration',
    'postprocess_duration', 'lost_call_processing_duration', 'wait_time_duration', 'talk_time_duration', 'total_time_duration',
    'first_answered_employee_id', 'last_answered_employee_id', 'first_talked_employee_id', 'last_talked_employee_id', 'employees',
    'last_answered_employee_rating', 'employee_rating', 'call_records', 'wav_call_records', 'full_record_file_link', 'voice_mail_records', 'file_link',
    'file_duration', 'leg_id', 'leg_ids', 'is_transfer', 'call_api_external_id', 'external_id', 'call_api_request_id', 'call_status', 'employee_ids',
  ],
  chat: [
    'id', 'chat_id', 'status', 'initiator', 'release_cause', 'chat_channel_id', 'chat_channel_type', 'chat_channel_name', 'chat_user_id', 'chat_username',
    'chat_ad_url', 'is_group_chat', 'duration', 'answer_time', 'messages_count', 'employee_messages_count', 'employee_raiting', 'visitor_phone_number',
    'visitor_name', 'messages',
  ],
  lead: [
    'id', 'date_time', 'text', 'visitor_name', 'visitor_phone_number', 'visitor_email', 'form_type', 'form_name', 'properties', 'status', 'process_time',
    'employee_comment', 'employee_answer_message', 'group_id', 'group_name', 'is_agree_to_process_personal_data', 'is_agree_to_mailing', 'taxi_address',
    'src_latitude', 'src_longitude',
  ],
};

describe('variable catalog', () => {
  test.each<CommKind>(['call', 'chat', 'lead'])('%s: every variable of the product description, with a description key, a sample value and a source', (kind) => {
    const catalog = catalogFor(kind);
    const names = catalog.map((v) => v.name);
    const missing = [...PRODUCT_VARIABLES.common, ...PRODUCT_VARIABLES[kind]].filter((name) => !names.includes(name));
    expect(missing).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    for (const v of catalog) {
      expect(v.key, v.name).toMatch(/^var_[A-Za-z0-9_]+$/);
      const fromNothing = v.availability === 'notification-only' || (v.availability === 'computed' && v.reportFields.length === 0 && v.name !== 'app_id');
      expect(v.source === null, v.name).toBe(fromNothing);
      expect(sampleValue(kind, v.name), v.name).not.toBeUndefined();
    }
  });

  test('marketing, computed and kind-specific fields are in the catalog', () => {
    const call = catalogFor('call').map((v) => v.name);
    expect(call).toEqual(expect.arrayContaining(['utm_campaign', 'eq_utm_source', 'campaign_name', 'search_query', 'openstat_ad', 'scenario_name', 'client_phone', 'start_time_local', 'talk_duration_mmss']));
    expect(catalogFor('chat').map((v) => v.name)).toEqual(expect.arrayContaining(['chat_channel_name', 'visitor_name', 'messages_count', 'employee_full_name']));
    expect(catalogFor('lead').map((v) => v.name)).toEqual(expect.arrayContaining(['form_name', 'text', 'visitor_email']));
  });

  test('a real call row gives every report variable of the catalog a value, aliases included', () => {
    const row = { id: 7, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false, contact_phone_number: '79123456789', virtual_phone_number: '74952290000', source: 'sitephone', talk_duration: 65, full_record_file_link: 'https://x/rec', last_answered_employee_id: 9001, tags: [{ tag_id: 601, tag_name: 'Целевой' }, { tag_id: 602, tag_name: 'Сервис' }], employees: [{ employee_id: 9001 }] };
    const context = templateContext(toCommunication('call', row, 'Europe/Moscow'), 'Asia/Yekaterinburg', { appId: 41077 });
    expect(context).toMatchObject({
      call_session_id: 7, call_source: 'sitephone', file_link: 'https://x/rec', employee_id: 9001, employee_ids: [9001], tag_ids: [601, 602], tag_names: 'Целевой, Сервис',
      calling_phone_number: '79123456789', called_phone_number: '74952290000', talk_time_duration: 65, client_phone: '+7 (912) 345-67-89',
      start_time_local: '24.11.2026 12:00', talk_duration_mmss: '01:05', app_id: 41077, communication_kind: 'call',
    });
  });

  test('each variable names the report fields that fill it for the kind, or is marked unavailable', () => {
    const field = (kind: CommKind, name: string) => catalogFor(kind).find((v) => v.name === name);
    expect(field('call', 'employee_id')).toMatchObject({ availability: 'report', reportFields: ['last_answered_employee_id'] });
    expect(field('chat', 'employee_id')).toMatchObject({ availability: 'report', reportFields: ['employee_id'] });
    expect(field('call', 'tag_names')).toMatchObject({ reportFields: ['tags'] });
    expect(field('chat', 'client_phone')).toMatchObject({ availability: 'computed', reportFields: ['visitor_phone_number'] });
    expect(field('lead', 'start_time_local')).toMatchObject({ availability: 'computed', reportFields: ['date_time'] });
    expect(field('chat', 'visitor_name')).toMatchObject({ availability: 'unavailable' });
    expect(field('lead', 'visitor_name')).toMatchObject({ availability: 'report', reportFields: ['visitor_name'] });
    expect(field('call', 'communication_kind')).toMatchObject({ availability: 'computed', reportFields: [] });
    expect(field('call', 'leg_id')).toMatchObject({ availability: 'notification-only', reportFields: [] });
  });

  test('a variable’s source is a technical path, the same in every language', () => {
    const field = (kind: CommKind, name: string) => catalogFor(kind).find((v) => v.name === name)!;
    expect(field('call', 'employee_id').source).toBe('get.calls_report.last_answered_employee_id');
    expect(field('chat', 'employee_id').source).toBe('get.chats_report.employee_id');
    expect(field('call', 'calling_phone_number').source).toBe('get.calls_report.contact_phone_number / virtual_phone_number');
    expect(field('lead', 'client_phone').source).toBe('get.offline_messages_report.visitor_phone_number');
    expect(field('chat', 'visitor_name')).toMatchObject({ availability: 'unavailable', source: 'get.chats_report.visitor_name' });
    expect(field('call', 'leg_id').source).toBeNull();
    // Paths joined by ' / ', never words: no other space.
    const prose = (['call', 'chat', 'lead'] as const).flatMap(catalogFor).filter((v) => v.source !== null && /\s/.test(v.source.replaceAll(' / ', '')));
    expect(prose.map((v) => `${v.name}: ${v.source}`)).toEqual([]);
  });

  test('the sample context has every variable', () => {
    expect(Object.keys(sampleContext('lead'))).toHaveLength(catalogFor('lead').length);
    expect(sampleContext('chat')).toMatchObject({ id: 2000001, chat_channel_type: 'whatsapp', utm_medium: 'cpc' });
    expect(sampleContext('lead')).toMatchObject({ id: 3000001, status: 'not_processed' });
  });
});

describe('variable descriptions live in _locales', () => {
  const [ru, en] = [catalogLookup('ru'), catalogLookup('en')];
  const all = (['call', 'chat', 'lead'] as const).flatMap((kind) => catalogFor(kind).map((v) => ({ kind, ...v })));

  test('every variable’s key has a text in both locales, and the English one has no Cyrillic', () => {
    expect(all.filter((v) => !ru(v.key).trim() || !en(v.key).trim()).map((v) => `${v.kind}.${v.name}: ${v.key}`)).toEqual([]);
    expect(all.filter((v) => /[\u0400-\u04FF]/.test(en(v.key))).map((v) => `${v.key}: ${en(v.key)}`)).toEqual([]);
  });

  test('a name that means different things per kind has a text per kind', () => {
    const id = (kind: CommKind) => catalogFor(kind).find((v) => v.name === 'id')!;
    expect(new Set((['call', 'chat', 'lead'] as const).map((kind) => id(kind).key)).size).toBe(3);
    expect(en(id('chat').key)).toBe('Chat id');
    expect(ru(id('lead').key)).toBe('ID заявки');
    expect(catalogFor('call').find((v) => v.name === 'utm_source')!.key).toBe(catalogFor('lead').find((v) => v.name === 'utm_source')!.key);
  });

  test('keys are valid chrome.i18n message names', () => {
    expect(descriptionKey('call', 'tags[].tag_id')).toBe('var_call_tags___tag_id');
    expect(all.every((v) => /^[A-Za-z0-9_]+$/.test(v.key))).toBe(true);
  });
});
