import { describe, expect, test } from 'vitest';
import { describeBase, describeClarifying } from './describe';
import { en, ru } from '../../tests/tools/locale-words';

const names: Record<string, Record<string, string>> = { autosalons: { 3: '«Восток»' }, users: { 45: 'Орлов Д.' }, scenarios: { 302: '«Сервис (IVR 2)»' }, requestTypes: { 1: '«Покупка»' } };
const nameOf = (dictionary: string, id: unknown) => names[dictionary]?.[String(id)] ?? `#${String(id)}`;

describe('a sentence under each rule', () => {
  test('conditions with AND/OR and names from the live dictionaries', () => {
    const said = describeClarifying('incomingCalls', {
      id: 'r1', name: 'Сервис', enabled: true,
      when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 302 }, { op: 'or', items: [{ field: 'source', op: 'eq', value: 'sitephone' }, { field: 'utm_source', op: 'eq', value: 'vk' }] }] },
      fields: { entity: 'serviceInquiry', salonId: 3, responsibleId: 45 },
    }, nameOf);
    expect(en(said)).toBe('If Scenario (IVR) = «Сервис (IVR 2)» and (Call source / widget = “Sitephone” widget (call-back) or UTM source = "vk") → service inquiry, dealership «Восток», responsible Орлов Д..');
    expect(ru(said)).toBe('Если Сценарий (IVR) = «Сервис (IVR 2)» и (Источник звонка / виджет = Виджет «Сайтфон» (обратный звонок) или UTM Source = «vk») → сервисное обращение, автосалон «Восток», ответственный Орлов Д..');
  });

  test('a clarifying rule without a responsible says who takes it', () => {
    expect(ru(describeClarifying('leads', { id: 'r', name: 'x', enabled: true, when: { op: 'and', items: [] }, fields: {} }, nameOf))).toBe('Если всегда → ответственный — кто принял.');
  });

  test('the base rule', () => {
    expect(ru(describeBase({ entity: 'inquiry', salonId: 3, requestTypeId: 1, missedTask: { enabled: true, hours: 4 } }, nameOf))).toBe('Иначе → обращение, автосалон «Восток», цель «Покупка», задача по пропущенному через 4 ч.');
  });
});
