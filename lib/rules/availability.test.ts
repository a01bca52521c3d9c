import { describe, expect, test } from 'vitest';
import type { RuleKind } from '../domain/communication';
import { isDeliverable, offeredFields, reportOfRule, undeliverableFields } from './availability';
import { CONDITION_FIELDS } from './fields';

const KINDS: RuleKind[] = ['incomingCalls', 'outgoingCalls', 'chats', 'leads'];

/**
 * Condition fields each report has and lacks, read off the response tables of the CallGear pages
 * (callgear.github.io data_api/report/get_calls_report/, get_chats_report/, get_offline_messages_report/).
 * Written out here, apart from lib/callgear/fields.ts, so a slip in either shows.
 */
const DOCUMENTED: Record<'calls' | 'chats' | 'offline_messages', { has: string[]; lacks: string[] }> = {
  calls: {
    has: ['scenario_id', 'source', 'virtual_phone_number', 'is_lost', 'site_id', 'campaign_id', 'tags', 'utm_source', 'utm_medium', 'utm_campaign', 'channel'],
    lacks: ['chat_channel_type', 'chat_channel_name', 'status', 'form_name', 'form_type'],
  },
  chats: {
    has: ['chat_channel_type', 'chat_channel_name', 'status', 'site_id', 'campaign_id', 'tags', 'utm_source', 'utm_medium', 'utm_campaign', 'channel'],
    lacks: ['scenario_id', 'source', 'virtual_phone_number', 'is_lost', 'form_name', 'form_type'],
  },
  offline_messages: {
    has: ['form_name', 'form_type', 'status', 'site_id', 'campaign_id', 'tags', 'utm_source', 'utm_medium', 'utm_campaign', 'channel'],
    lacks: ['scenario_id', 'source', 'virtual_phone_number', 'is_lost', 'chat_channel_type', 'chat_channel_name'],
  },
};

describe('which condition fields a rule set can test', () => {
  test('calls rules read the calls report, chats the chats report, leads the offline messages report', () => {
    expect(KINDS.map(reportOfRule)).toEqual(['calls', 'calls', 'chats', 'offline_messages']);
  });

  test('deliverable means documented in the kind\'s report, as the vendor pages list the fields', () => {
    for (const kind of KINDS) {
      const { has, lacks } = DOCUMENTED[reportOfRule(kind) as keyof typeof DOCUMENTED];
      for (const field of has) expect(isDeliverable(kind, field), `${kind}.${field}`).toBe(true);
      for (const field of lacks) expect(isDeliverable(kind, field), `${kind}.${field}`).toBe(false);
    }
  });

  test('tag conditions are read from the tags array, which all three reports return', () => {
    for (const kind of KINDS) expect(isDeliverable(kind, 'tag_id'), kind).toBe(true);
  });

  test('the editor offers every listed field its report delivers, and only those', () => {
    for (const kind of KINDS) {
      const offered = offeredFields(kind).map((f) => f.field);
      expect(offered.length, kind).toBeGreaterThan(0);
      for (const field of offered) expect(isDeliverable(kind, field), `${kind}.${field}`).toBe(true);
      expect(offered, kind).toEqual(CONDITION_FIELDS[kind].filter((f) => isDeliverable(kind, f.field)).map((f) => f.field));
    }
    // Today's list holds no undeliverable field: a slip in it would be hidden by the filter, so it is checked too.
    for (const kind of KINDS) expect(CONDITION_FIELDS[kind].filter((f) => !isDeliverable(kind, f.field)).map((f) => f.field), kind).toEqual([]);
  });

  test('a stored condition on a field the report lacks is found, nested groups included, once each', () => {
    const group = {
      op: 'or' as const,
      items: [
        { field: 'is_lost', op: 'isTrue' as const },
        { op: 'and' as const, items: [{ field: 'form_name', op: 'contains' as const, value: 'Тест-драйв' }, { field: 'is_lost', op: 'isFalse' as const }] },
        { field: 'utm_source', op: 'eq' as const, value: 'yandex' },
      ],
    };
    expect(undeliverableFields('leads', group)).toEqual(['is_lost']);
    expect(undeliverableFields('incomingCalls', group)).toEqual(['form_name']);
    expect(undeliverableFields('chats', group)).toEqual(['is_lost', 'form_name']);
  });
});
