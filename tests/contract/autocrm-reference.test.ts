import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AutocrmClient } from '@/lib/autocrm/client';
import { listBrands, listModels, REFERENCE_PATHS } from '@/lib/autocrm/reference';
import { forgetCarDictionaries, readDictionaries } from '@/lib/dictionaries';
import { referenceSwitches, SIM_BRANDS, SIM_MODELS } from '../sim/autocrm/reference';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import type { RunningServer } from '../sim/serve';

let sim: AutocrmSim;
let server: RunningServer;
let client: AutocrmClient;

/** A GET straight to the simulator, for what the client does not send. */
async function get(path: string): Promise<{ status: number; body: { status: number; result?: unknown; errors?: unknown } }> {
  const response = await fetch(`${server.url()}/yii/api/${path}`, { headers: { authorization: 'Bearer sim-key-integration' } });
  return { status: response.status, body: await response.json() };
}

const requests = (path: string) => sim.log.filter((entry) => entry.path.endsWith(`/${path}`));

beforeAll(async () => {
  ({ sim, server } = await startAutocrmSim());
});
afterAll(() => server.close());
beforeEach(() => {
  sim.reset();
  forgetCarDictionaries();
  client = new AutocrmClient({ url: server.url(), auth: { kind: 'bearer', token: 'sim-key-integration' } });
});
afterEach(() => {
  referenceSwitches.unknownParams = 'ignored';
});

describe('AutoCRM car dictionaries over HTTP (swagger.json GET /refBrand, GET /refModel)', () => {
  test('every brand, over as many pages as there are, by the documented page parameter', async () => {
    sim.setFaults({ perPage: 5 });
    const brands = await listBrands(client);
    expect(brands.map((b) => b.id)).toEqual(SIM_BRANDS.map((b) => b.id));
    expect(brands.find((b) => b.id === 152)).toMatchObject({ name: 'Kia', is_recent: true });
    expect(brands.find((b) => b.id === 300)?.is_recent).toBe(false); // "0" read as a flag, not as truthy text
    const pages = requests('refBrand').map((entry) => entry.query[REFERENCE_PATHS.brand.pageParam] ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
  });

  test('a brand\'s models: asked by brand_id and is_deleted=0, all pages, none deleted', async () => {
    const models = await listModels(client, 152);
    const expected = SIM_MODELS.filter((m) => m.brand_id === 152 && m.is_deleted === '0');
    expect(expected.length).toBeGreaterThan(20); // more than Yii's page: a second page is read
    expect(models.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect(models.some((m) => m.name === 'Spectra')).toBe(false);
    expect(requests('refModel').map((entry) => entry.query)).toEqual([
      { is_deleted: '0', brand_id: '152' },
      { is_deleted: '0', brand_id: '152', RefModelSearch_page: '2' },
    ]);
  });

  test('all brands\' models at once (the rule editor\'s list): none of them deleted', async () => {
    const all = await listModels(client);
    expect(all.length).toBe(SIM_MODELS.filter((m) => m.is_deleted === '0').length);
    expect(all.every((m) => !m.is_deleted)).toBe(true);
  });

  test('the client sends only documented parameters: a strict server answers every request', async () => {
    referenceSwitches.unknownParams = 'rejected';
    await expect(listBrands(client)).resolves.toHaveLength(SIM_BRANDS.length);
    await expect(listModels(client, 265)).resolves.toHaveLength(4);
    // The switch is real: an undocumented parameter is refused then, and ignored by default.
    expect((await get('refModel?per-page=50')).body).toMatchObject({ status: 0, errors: { 'per-page': [expect.any(String)] } });
    referenceSwitches.unknownParams = 'ignored';
    expect((await get('refModel?per-page=50')).body.status).toBe(1);
  });

  test('the simulator serves the documented twins and single items as well', async () => {
    expect((await get('reference/brand?name=ki')).body.result).toEqual([{ id: 152, name: 'Kia', is_recent: '1' }]);
    expect((await get('reference/model?brand_id=265&is_deleted=1')).body.result).toEqual([{ id: 11, brand_id: 265, name: 'Mark II', is_recent: '0', is_deleted: '1' }]);
    expect((await get('refModel/19585')).body.result).toMatchObject({ name: 'Rio', brand_id: 152 });
    expect((await get('refBrand/999999')).status).toBe(404);
  });

  test('the rule editor\'s dictionaries carry brands and models, read once an hour', async () => {
    const first = await readDictionaries(client, null);
    expect(first.errors).toEqual([]);
    expect(first.brands).toContainEqual({ id: 152, name: 'Kia' });
    expect(first.models).toContainEqual({ id: 19585, name: 'Rio', brandId: 152 });
    const asked = requests('refModel').length;
    const second = await readDictionaries(client, null);
    expect(second.models).toEqual(first.models);
    expect(requests('refModel').length).toBe(asked);
  });

  test('a failed read leaves the lists empty with the reason, and is tried again next time', async () => {
    sim.setFaults({ error5xxRate: 1 });
    const failed = await readDictionaries(client, null);
    expect(failed.brands).toEqual([]);
    expect(failed.errors.length).toBeGreaterThan(0);
    sim.setFaults({ error5xxRate: 0 });
    expect((await readDictionaries(client, null)).brands).toHaveLength(SIM_BRANDS.length);
  });
});
