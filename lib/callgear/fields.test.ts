import { describe, expect, test } from 'vitest';
import type { CommKind } from '../domain/communication';
import { REPORT_FIELDS, REPORT_OF_KIND, TIME_SORT, isDocumented, type ReportName } from './fields';
import { COMMUNICATIONS_FIELDS, fieldsReadFor, requestedFields, unavailableFor } from './requested-fields';

const KINDS: CommKind[] = ['call', 'chat', 'lead'];

describe('documented report fields', () => {
  test('flags as the CallGear report pages mark them', () => {
    expect(REPORT_FIELDS.calls.get('start_time')).toMatchObject({ type: 'iso8601', sortable: true, default: true });
    expect(REPORT_FIELDS.calls.get('last_answered_employee_id')).toMatchObject({ filterable: true, default: false });
    expect(REPORT_FIELDS.calls.get('cpn_country_id')?.type).toBe('string');
    expect(REPORT_FIELDS.chats.get('date_time')).toMatchObject({ sortable: true, default: true });
    expect(REPORT_FIELDS.chats.get('visitor_phone_number')).toMatchObject({ type: 'number', default: true });
    expect(REPORT_FIELDS.offline_messages.get('date_time')).toMatchObject({ sortable: false, default: false });
    expect(REPORT_FIELDS.offline_messages.get('visitor_phone_number')?.type).toBe('number');
    expect(REPORT_FIELDS.communications.get('communication_type')).toMatchObject({ filterable: true, default: true });
  });

  test('nested rows of array fields are not top-level names', () => {
    expect(isDocumented('calls', 'tags')).toBe(true);
    for (const nested of ['tag_id', 'tag_name', 'employee_id', 'employee_full_name', 'is_answered', 'segment_id', 'property_name']) {
      expect(isDocumented('calls', nested), nested).toBe(false);
    }
    expect(isDocumented('chats', 'employee_id')).toBe(true); // a top-level field there
  });

  test('id is filterable in all four reports (the quarantine re-read filters by it)', () => {
    for (const report of Object.keys(REPORT_FIELDS) as ReportName[]) expect(REPORT_FIELDS[report].get('id')?.filterable, report).toBe(true);
  });

  test('the time sort asks only for documented sortable fields', () => {
    for (const [report, sort] of Object.entries(TIME_SORT) as [ReportName, { field: string }[]][]) {
      for (const { field } of sort) expect(REPORT_FIELDS[report].get(field)?.sortable, `${report}.${field}`).toBe(true);
    }
    expect(TIME_SORT.offline_messages).toBeUndefined();
  });
});

describe('requested fields', () => {
  test.each(KINDS)('%s: every requested name is documented for its report, once', (kind) => {
    const fields = requestedFields(kind);
    expect(fields.filter((name) => !isDocumented(REPORT_OF_KIND[kind], name))).toEqual([]);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields[0]).toBe('id');
  });

  test.each(KINDS)('%s: everything the catalog, the conditions and the pipeline read is requested or undocumented for the kind', (kind) => {
    const requested = new Set(requestedFields(kind));
    const unavailable = new Set(unavailableFor(kind));
    expect(fieldsReadFor(kind).filter((name) => !requested.has(name) && !unavailable.has(name))).toEqual([]);
    for (const name of unavailable) expect(isDocumented(REPORT_OF_KIND[kind], name), name).toBe(false);
  });

  test('calls name who answered, the contact, scenario, site, campaign, UTM, tags and the page', () => {
    expect(requestedFields('call')).toEqual(expect.arrayContaining([
      'last_answered_employee_id', 'employees', 'contact_id', 'contact_full_name', 'scenario_id', 'scenario_name', 'site_id', 'site_domain_name',
      'campaign_id', 'campaign_name', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term', 'tags', 'communication_page_url',
      'channel', 'source', 'virtual_phone_number', 'total_duration', 'full_record_file_link',
    ]));
  });

  test('chats name their channel and employee, never visitor_name or visitor_email', () => {
    const chat = requestedFields('chat');
    expect(chat).toEqual(expect.arrayContaining(['date_time', 'status', 'chat_channel_id', 'chat_channel_type', 'chat_channel_name', 'messages_count', 'employee_full_name', 'visitor_phone_number', 'tags', 'utm_campaign']));
    expect(chat).not.toContain('visitor_name');
    expect(chat).not.toContain('visitor_email');
    expect(unavailableFor('chat')).toEqual(expect.arrayContaining(['visitor_name', 'visitor_email', 'contact_id', 'contact_full_name']));
  });

  test('leads name date_time (not a default field) and the form', () => {
    expect(requestedFields('lead')).toEqual(expect.arrayContaining(['date_time', 'form_name', 'form_type', 'text', 'visitor_name', 'visitor_email', 'visitor_phone_number', 'site_domain_name', 'campaign_name', 'tags']));
  });

  test('the communications probe asks for three documented default fields', () => {
    for (const name of COMMUNICATIONS_FIELDS) expect(REPORT_FIELDS.communications.get(name)?.default, name).toBe(true);
  });
});
