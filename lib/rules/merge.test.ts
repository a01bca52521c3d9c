import { describe, expect, test } from 'vitest';
import { mergeRules } from './merge';
import type { RuleSet } from './schema';

const ruleSet: RuleSet = {
  base: {
    entity: 'inquiry',
    salonId: 1,
    contactType: 5,
    requestTypeId: 1,
    responsibleId: 42,
    inquiryStatuses: [1, 2],
    templates: { comment: 'Звонок {{ contact_phone_number }}', source: '{{ campaign_name or "Телефония" }}', subSource: '{{ utm_campaign }}' },
  },
  clarifying: [
    {
      id: 'service',
      name: 'Сервисный IVR',
      enabled: true,
      when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 302 }] },
      fields: { entity: 'serviceInquiry', salonId: 3, responsibleId: 45, templates: { source: 'Сервис' } },
    },
    {
      id: 'widget-or-direct',
      name: 'Виджет или Директ, ответственный не задан',
      enabled: true,
      when: { op: 'or', items: [{ field: 'source', op: 'eq', value: 'sitephone' }, { field: 'utm_source', op: 'eq', value: 'yandex' }] },
      fields: { requestTypeId: 4, inquiryStatuses: [], templates: { comment: '' } },
    },
    { id: 'off', name: 'Выключено', enabled: false, when: { op: 'and', items: [] }, fields: { entity: 'nothing' } },
  ],
};

describe('mergeRules', () => {
  test('no clarifying match: the base rule, with its responsible', () => {
    const merged = mergeRules(ruleSet, { scenario_id: 301, source: 'call_tracking', utm_source: null });
    expect(merged).toEqual({ matched: null, fields: ruleSet.base, responsibleId: 42 });
  });

  test('filled clarifying fields override; the rest comes from the base; templates merge field by field', () => {
    const merged = mergeRules(ruleSet, { scenario_id: 302 });
    expect(merged.matched).toEqual({ id: 'service', name: 'Сервисный IVR' });
    expect(merged.fields).toMatchObject({ entity: 'serviceInquiry', salonId: 3, contactType: 5, requestTypeId: 1, inquiryStatuses: [1, 2] });
    expect(merged.fields.templates).toEqual({ comment: 'Звонок {{ contact_phone_number }}', source: 'Сервис', subSource: '{{ utm_campaign }}' });
    expect(merged.responsibleId).toBe(45);
  });

  test('the responsible exception: a matching clarifying rule without one means "who took it", not the base responsible', () => {
    const merged = mergeRules(ruleSet, { scenario_id: 301, source: 'sitephone' });
    expect(merged.matched?.id).toBe('widget-or-direct');
    expect(merged.responsibleId).toBeNull();
  });

  test('empty values in a clarifying rule do not erase the base (blank template, empty status list)', () => {
    const merged = mergeRules(ruleSet, { utm_source: 'Yandex' });
    expect(merged.fields.requestTypeId).toBe(4);
    expect(merged.fields.inquiryStatuses).toEqual([1, 2]);
    expect(merged.fields.templates?.comment).toBe('Звонок {{ contact_phone_number }}');
  });

  test('the first match wins, in order; disabled rules are ignored', () => {
    expect(mergeRules(ruleSet, { scenario_id: 302, source: 'sitephone' }).matched?.id).toBe('service');
    expect(mergeRules(ruleSet, { scenario_id: 1 }).matched).toBeNull();
  });
});
