import { describe, expect, test } from 'vitest';
import { conditionHolds, groupHolds } from './conditions';
import type { Condition } from './schema';

const call = {
  scenario_id: 302,
  source: 'sitephone',
  virtual_phone_number: '74953330000',
  site_id: 502,
  campaign_id: -1,
  utm_source: 'Yandex',
  utm_campaign: null,
  is_lost: true,
  form_name: 'Запись на тест-драйв',
  tags: [{ tag_id: 601, tag_name: 'Целевой' }, { tag_id: 602, tag_name: 'Сервис' }],
};

describe('conditionHolds', () => {
  test.each<[Condition, boolean]>([
    [{ field: 'scenario_id', op: 'eq', value: 302 }, true],
    [{ field: 'scenario_id', op: 'eq', value: '302' }, true],
    [{ field: 'scenario_id', op: 'neq', value: 302 }, false],
    [{ field: 'virtual_phone_number', op: 'in', value: ['74952290000', '74953330000'] }, true],
    [{ field: 'site_id', op: 'notIn', value: [501] }, true],
    [{ field: 'utm_source', op: 'eq', value: 'yandex' }, true],
    [{ field: 'form_name', op: 'contains', value: 'тест-драйв' }, true],
    [{ field: 'is_lost', op: 'isTrue' }, true],
    [{ field: 'is_lost', op: 'isFalse' }, false],
    [{ field: 'utm_campaign', op: 'empty' }, true],
    [{ field: 'utm_campaign', op: 'notEmpty' }, false],
    [{ field: 'missing_field', op: 'eq', value: 'x' }, false],
    [{ field: 'tag_id', op: 'eq', value: 602 }, true],
    [{ field: 'tag_id', op: 'eq', value: 603 }, false],
    [{ field: 'tag_name', op: 'eq', value: 'целевой' }, true],
  ])('%j → %s', (condition, expected) => {
    expect(conditionHolds(condition, call)).toBe(expected);
  });
});

describe('groupHolds', () => {
  test('AND, OR and nesting', () => {
    const widget = { field: 'source', op: 'eq' as const, value: 'sitephone' };
    const direct = { field: 'utm_source', op: 'eq' as const, value: 'google' };
    expect(groupHolds({ op: 'and', items: [widget, direct] }, call)).toBe(false);
    expect(groupHolds({ op: 'or', items: [widget, direct] }, call)).toBe(true);
    expect(groupHolds({ op: 'and', items: [{ field: 'is_lost', op: 'isTrue' }, { op: 'or', items: [direct, widget] }] }, call)).toBe(true);
  });

  test('an empty AND holds, an empty OR does not', () => {
    expect(groupHolds({ op: 'and', items: [] }, call)).toBe(true);
    expect(groupHolds({ op: 'or', items: [] }, call)).toBe(false);
  });
});
