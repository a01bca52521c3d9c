import { describe, expect, test } from 'vitest';
import { matches, parseJsquery, validateFilter } from './callgear/filters';
import { REPORT_FIELDS } from './callgear/documented';
import { PointBudget } from './callgear/points';
import { callRow, chatRow, leadRow } from './callgear/fixtures';
import { phoneMatches } from './autocrm/quirks';
import { REQUEST, SALE_USED_CASE, safeAttributes } from './autocrm/models';
import { startAutocrmSim } from './autocrm/server';
import { duplicateMarkers, NO_DUPLICATES } from './duplicates';

const mnemonicOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { mnemonic?: string }).mnemonic;
  }
  return null;
};

describe('CallGear fixtures hold exactly the documented fields', () => {
  test.each([
    ['calls', () => callRow({ id: 1 })],
    ['chats', () => chatRow({ id: 2 })],
    ['offline_messages', () => leadRow({ id: 3 })],
  ] as const)('%s', (report, make) => {
    expect(Object.keys(make()).sort()).toEqual([...REPORT_FIELDS[report].all].sort());
  });

  test('visitor_phone_number is a number, as documented', () => {
    expect(chatRow({ id: 2, visitorPhone: '79035554433' }).visitor_phone_number).toBe(79035554433);
    expect(leadRow({ id: 3, visitorPhone: null }).visitor_phone_number).toBeNull();
  });
});

describe('CallGear filters', () => {
  const calls = REPORT_FIELDS.calls;

  test('documented errors: unknown field, prohibited field, operator outside the brand', () => {
    expect(mnemonicOf(() => validateFilter({ field: 'nope', operator: '=', value: 1 }, calls, 'callgear'))).toBe('unexpected_parameters');
    expect(mnemonicOf(() => validateFilter({ field: 'start_time', operator: '=', value: 'x' }, calls, 'callgear'))).toBe('filter_prohibited');
    expect(mnemonicOf(() => validateFilter({ field: 'tags', operator: 'overlap', value: [1] }, calls, 'callgear'))).toBe('invalid_parameter_value');
    expect(mnemonicOf(() => validateFilter({ field: 'tags', operator: 'overlap', value: [1] }, calls, 'uis'))).toBeNull();
    expect(mnemonicOf(() => validateFilter({ filters: [{ field: 'is_lost', operator: '=', value: true }, { field: 'start_time', operator: '>', value: 'x' }], condition: 'or' }, calls, 'callgear'))).toBe('filter_prohibited');
  });

  test('jsquery array forms', () => {
    const numbers = ['74951112233', '79035554433'];
    expect(parseJsquery('# = "79035554433"')(numbers)).toBe(true);
    expect(parseJsquery('# = "70000000000"')(numbers)).toBe(false);
    expect(parseJsquery('$ @> ["74951112233", "79035554433"]')(numbers)).toBe(true);
    expect(parseJsquery('$ && ["70000000000", "79035554433"]')(numbers)).toBe(true);
    expect(parseJsquery('$ = ["74951112233"]')(numbers)).toBe(false);
    expect(mnemonicOf(() => parseJsquery('phone_numbers contains 7'))).toBe('invalid_parameter_value');
  });

  test('like, regexp and trees', () => {
    const row = { source: 'sitephone', is_lost: false, contact_phone_number: '79161234567' };
    expect(matches(row, { field: 'contact_phone_number', operator: 'like', value: '7916%' })).toBe(true);
    expect(matches(row, { field: 'contact_phone_number', operator: 'regexp', value: '^7903' })).toBe(false);
    expect(matches(row, { condition: 'or', filters: [{ field: 'is_lost', operator: '=', value: true }, { field: 'source', operator: 'in', value: ['sitephone'] }] })).toBe(true);
  });
});

describe('CallGear point budget', () => {
  test('charges until the day limit, then limit_exceeded per day with the limits', () => {
    const budget = new PointBudget('Europe/Moscow', () => ({ day: 3, minute: 100 }));
    for (let i = 0; i < 3; i++) budget.charge();
    expect(budget.limits()).toMatchObject({ day_limit: 3, day_remaining: 0 });
    let error: { mnemonic?: string; extra?: Record<string, unknown> } = {};
    try {
      budget.charge();
    } catch (e) {
      error = e as typeof error;
    }
    expect(error).toMatchObject({ mnemonic: 'limit_exceeded', extra: { params: { limit_type: 'day', limit_max_value: 3 }, metadata: { limits: { day_remaining: 0 } } } });
  });
});

describe('AutoCRM', () => {
  test.each([
    ['exact', '8 (912) 345-67-89', '8 (912) 345-67-89', true],
    ['exact', '8 (912) 345-67-89', '89123456789', false],
    ['digits', '8 (912) 345-67-89', '89123456789', true],
    ['digits', '8 (912) 345-67-89', '+79123456789', false],
    ['contains', '+79123456789', '9123456789', true],
    ['contains', '8 (912) 345-67-89', '9123456789', false],
  ] as const)('phone matching %s: stored %s, query %s → %s', (mode, stored, query, hit) => {
    expect(phoneMatches(stored, query, mode)).toBe(hit);
  });

  test('massive assignment keeps only the model attributes', () => {
    expect(safeAttributes(REQUEST, { salon_id: 1, call2_id: 5, external_id: 'm' })).toEqual({ salon_id: 1, external_id: 'm' });
    expect(safeAttributes(SALE_USED_CASE, { externalId: 'm', external_id: 'n', call2Id: 5 })).toEqual({ external_id: 'n' });
  });
});

describe('the duplicates check', () => {
  const createClient = (url: string, type: 'individual' | 'business', body: Record<string, unknown>) =>
    fetch(`${url}/yii/api/client?type=${type}`, { method: 'POST', headers: { authorization: 'Bearer sim-key-integration', 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('a created client with a seeded client’s number is a duplicate, whatever its format; a new number is not', async () => {
    const { sim, server } = await startAutocrmSim();
    try {
      // Seeded client 1 is stored as "8 (912) 345-67-89"; seeded company 3 has "74957770011".
      await createClient(server.url(), 'individual', { firstName: 'Новый', phones: [{ type: 2, number: '+79000000001' }] });
      expect(duplicateMarkers(sim)).toEqual(NO_DUPLICATES);
      await createClient(server.url(), 'individual', { firstName: 'Сергей', phones: [{ type: 2, number: '+79123456789' }] });
      await createClient(server.url(), 'business', { name: 'Логистик', phones: [{ type: 2, number: '+74957770011' }], personPhones: [{ type: 2, number: '+74957770011' }] });
      expect(duplicateMarkers(sim).client).toEqual([expect.stringContaining('twins existing client #1'), expect.stringContaining('twins existing client #3')]);
    } finally {
      await server.close();
    }
  });
});
