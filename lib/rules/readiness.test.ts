import { describe, expect, test } from 'vitest';
import { defaultRules } from './defaults';
import { missingFor, ruleSetReadiness } from './readiness';
import type { RuleKind } from '../domain/communication';
import type { RuleSet } from './schema';

describe('what a rule still lacks to create anything', () => {
  test('the default rules name no dealership and no purpose: each of the four says so', () => {
    for (const [kind, set] of Object.entries(defaultRules()) as [RuleKind, RuleSet][]) {
      expect(ruleSetReadiness(set, kind)).toEqual([{ rule: null, missing: ['dealership', 'purpose'], undeliverable: [] }]);
    }
  });

  test('an inquiry needs a dealership, a purpose and a contact type; a service inquiry only a dealership', () => {
    expect(missingFor('inquiry', {})).toEqual(['dealership', 'purpose', 'contactType']);
    expect(missingFor('inquiry', { salonId: 1, requestTypeId: 2, contactType: 5 })).toEqual([]);
    expect(missingFor('serviceInquiry', {})).toEqual(['dealership']);
    expect(missingFor('nothing', {})).toEqual([]);
  });

  test('a worksheet needs brand and model, and a responsible when nobody can be named', () => {
    expect(missingFor('worksheet', { salonId: 1 })).toEqual(['brand', 'model']);
    expect(missingFor('worksheet', { salonId: 1, brandId: 3, modelId: 4 }, false)).toEqual(['responsible']);
  });

  test('a clarifying rule is read over the base rule; a disabled one is not read; "nothing" needs nothing', () => {
    const set: RuleSet = {
      base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 7 },
      clarifying: [
        { id: 'a', name: 'Сервис', enabled: true, when: { op: 'and', items: [] }, fields: { entity: 'worksheet' } },
        { id: 'b', name: 'Спам', enabled: true, when: { op: 'and', items: [] }, fields: { entity: 'nothing' } },
        { id: 'c', name: 'Выключено', enabled: false, when: { op: 'and', items: [] }, fields: { entity: 'worksheet' } },
      ],
    };
    expect(ruleSetReadiness(set, 'incomingCalls')).toEqual([{ rule: 'Сервис', missing: ['brand', 'model'], undeliverable: [] }]);
  });

  test('a repeat client\'s entity counts too', () => {
    const set: RuleSet = { base: { entity: 'nothing', repeatEntity: 'inquiry' }, clarifying: [] };
    expect(ruleSetReadiness(set, 'leads')).toEqual([{ rule: null, missing: ['dealership', 'purpose', 'contactType'], undeliverable: [] }]);
  });

  test('a rule testing a field its report never delivers says so, even when it lacks nothing', () => {
    const when = { op: 'and' as const, items: [{ field: 'scenario_id', op: 'eq' as const, value: 5 }, { op: 'or' as const, items: [{ field: 'chat_channel_type', op: 'eq' as const, value: 'whatsapp' }] }] };
    const set: RuleSet = { base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 7 }, clarifying: [{ id: 'a', name: 'IVR', enabled: true, when, fields: {} }] };
    // get_chats_report has chat_channel_type and no scenario_id; get_calls_report the other way round.
    expect(ruleSetReadiness(set, 'chats')).toEqual([{ rule: 'IVR', missing: [], undeliverable: ['scenario_id'] }]);
    expect(ruleSetReadiness(set, 'incomingCalls')).toEqual([{ rule: 'IVR', missing: [], undeliverable: ['chat_channel_type'] }]);
  });
});
