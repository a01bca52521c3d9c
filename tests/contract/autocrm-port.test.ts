import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AutocrmClient } from '@/lib/autocrm/client';
import { AutocrmCrm } from '@/lib/autocrm/crm';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import type { RunningServer } from '../sim/serve';

/**
 * The CRM port over real HTTP against the AutoCRM simulator: what reaches the wire is each vendor
 * model's properties only, and what the port reads back is what was stored.
 */
let sim: AutocrmSim;
let server: RunningServer;
let crm: AutocrmCrm;

beforeAll(async () => {
  ({ sim, server } = await startAutocrmSim());
});
afterAll(() => server.close());
beforeEach(() => {
  sim.reset();
  crm = new AutocrmCrm(new AutocrmClient({ url: server.url(), auth: { kind: 'bearer', token: 'sim-key-integration' } }));
});

const posted = (path: string) => sim.log.filter((r) => r.method === 'POST' && r.path === `/yii/api/${path}`).map((r) => r.body as Record<string, unknown>);

describe('worksheets', () => {
  test('a used-car worksheet is found again by its marker (external_id, snake case)', async () => {
    const created = await crm.createWorksheet('saleUsed', { marker: 'callgear:call:70', salonId: 2, contactType: 5, brandId: 152, modelId: 1, clientId: 1, callId: 12 });
    expect(created.markerStored).toBe(true);
    await expect(crm.findByMarker('worksheet', 'saleUsed', 'callgear:call:70')).resolves.toBe(created.id);
    expect(Object.keys(posted('saleUsedCase')[0]!).sort()).toEqual(['brandId', 'clientId', 'external_id', 'modelId', 'primaryContactType', 'salonId']);
  });

  test('a client’s worksheets are found by phone whatever form the number is typed in', async () => {
    await expect(crm.findWorksheetsByPhone('retail', '8 (912) 345-67-89')).resolves.toEqual([expect.objectContaining({ id: 501 })]);
  });
});

describe('inquiries', () => {
  test('an inquiry is created without call2_id and found by its marker', async () => {
    const created = await crm.createInquiry({ marker: 'callgear:chat:4', salonId: 1, contactType: 11, requestTypeId: 1, sourceId: 3, clientType: 'individual', phone: '+79990001122', name: 'Гость', utm: { utm_source: 'yandex' } });
    expect(created.markerStored).toBe(true);
    await expect(crm.findByMarker('inquiry', 'retail', 'callgear:chat:4')).resolves.toBe(created.id);
    expect(posted('leads/request')[0]).not.toHaveProperty('call2_id');
  });
});

describe('calls', () => {
  test('a call logged late in its minute is found again by the look-up window', async () => {
    const at = '2026-11-24T07:00:50Z';
    const { id } = await crm.logCall({ marker: 'callgear:call:71', entryId: '71', at, durationSec: 30, customer: '+79123456789', ours: '+74952290000', direction: 'in', answered: true });
    expect(posted('call')[0]).not.toHaveProperty('user_id');
    await expect(crm.findLoggedCall('callgear:call:71', at)).resolves.toBe(id);
  });
});

describe('clients and sources', () => {
  test('a company client is created with its phone and read back', async () => {
    const created = await crm.createClient({ type: 'business', name: 'ООО «Вектор»', phone: '+79165550011' });
    expect(created.phoneStored).toBe(true);
    await expect(crm.findClientByPhone('89165550011')).resolves.toEqual({ id: created.id });
  });

  test('a new source is active in the rule’s salon, and found again by name', async () => {
    const created = await crm.createSource('Дром', 2);
    expect(created.salonStored).toBe(true);
    await expect(crm.findSource('дром')).resolves.toBe(created.id);
  });
});
