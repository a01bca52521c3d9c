import type { AutocrmClient } from './autocrm/client';
import type { CallGearClient } from './callgear/client';
import { isApiError } from './api-error';
import { REQUEST_STATUS_NAMES } from './autocrm/types';
import { listBrands, listModels } from './autocrm/reference';

/** A choice in a dropdown of the rule editor. */
export interface Choice {
  id: number | string;
  name: string;
}

/** A car model, with the brand it belongs to (AutoCRM `definitions.RefModel.brand_id`). */
export interface ModelChoice extends Choice {
  id: number;
  brandId: number;
}

/**
 * What the rule editor's dropdowns are filled from, read from the live accounts. `brands` and `models`
 * are AutoCRM's car dictionaries (lib/autocrm/reference.ts): every brand, and every model not deleted.
 */
export interface Dictionaries {
  autosalons: Choice[];
  users: Choice[];
  requestTypes: Choice[];
  caseStates: Choice[];
  scenarios: Choice[];
  sites: Choice[];
  campaigns: Choice[];
  virtualNumbers: Choice[];
  tags: Choice[];
  employees: Choice[];
  brands: Choice[];
  models: ModelChoice[];
  errors: string[];
}

export const REQUEST_STATUS_CHOICES: Choice[] = Object.entries(REQUEST_STATUS_NAMES).map(([id, name]) => ({ id: Number(id), name }));

async function safely<T>(errors: string[], read: () => Promise<T[]>, map: (item: T) => Choice): Promise<Choice[]> {
  try {
    return (await read()).map(map);
  } catch (error) {
    errors.push(isApiError(error) ? error.text.ru : String(error));
    return [];
  }
}

/** How long the car dictionaries read from one AutoCRM are reused: they are long lists that rarely change. */
export const CAR_DICTIONARY_TTL_MS = 60 * 60_000;
const carCache = new Map<string, { at: number; brands: Choice[]; models: ModelChoice[] }>();

/** Brands and models, read once an hour per AutoCRM (a failed read is not kept: the next call tries again). */
async function carDictionaries(autocrm: AutocrmClient, errors: string[], now = Date.now()): Promise<{ brands: Choice[]; models: ModelChoice[] }> {
  const cached = carCache.get(autocrm.apiBase);
  if (cached && now - cached.at < CAR_DICTIONARY_TTL_MS) return cached;
  const before = errors.length;
  const [brands, models] = await Promise.all([
    safely(errors, () => listBrands(autocrm), (b) => ({ id: b.id, name: b.name })),
    safely(errors, () => listModels(autocrm), (m) => ({ id: m.id, name: m.name, brandId: m.brand_id })),
  ]);
  const read = { brands, models: models as ModelChoice[] };
  if (errors.length === before) carCache.set(autocrm.apiBase, { at: now, ...read });
  return read;
}

/** Forgets the car dictionaries read so far (tests; an account changed). */
export const forgetCarDictionaries = () => carCache.clear();

export async function readDictionaries(autocrm: AutocrmClient | null, callgear: CallGearClient | null): Promise<Dictionaries> {
  const errors: string[] = [];
  const none = async () => [] as never[];
  const [cars, autosalons, users, requestTypes, caseStates, scenarios, sites, campaigns, virtualNumbers, tags, employees] = await Promise.all([
    autocrm ? carDictionaries(autocrm, errors) : { brands: [], models: [] },
    safely(errors, autocrm ? () => autocrm.listAutosalons() : none, (s) => ({ id: s.id, name: s.name })),
    safely(errors, autocrm ? () => autocrm.listUsers() : none, (u) => ({ id: u.id, name: u.person ?? `#${u.id}` })),
    safely(errors, autocrm ? async () => (await autocrm.listRequestTypes()).filter((r) => r.is_active !== 0) : none, (r) => ({ id: r.id, name: r.name })),
    safely(errors, autocrm ? () => autocrm.listCaseStates() : none, (s) => ({ id: s.id, name: s.name })),
    safely(errors, callgear ? () => callgear.scenarios() : none, (s) => ({ id: s.id, name: s.name ?? `#${s.id}` })),
    safely(errors, callgear ? () => callgear.sites() : none, (s) => ({ id: s.id, name: s.domain_name ?? `#${s.id}` })),
    safely(errors, callgear ? () => callgear.campaigns() : none, (c) => ({ id: c.id, name: c.name ?? `#${c.id}` })),
    safely(errors, callgear ? () => callgear.virtualNumbers() : none, (v) => ({ id: v.virtual_phone_number, name: v.virtual_phone_number })),
    safely(errors, callgear ? () => callgear.tags() : none, (t) => ({ id: t.id, name: t.name ?? `#${t.id}` })),
    safely(errors, callgear ? () => callgear.employees() : none, (e) => ({ id: e.id, name: e.full_name ?? `#${e.id}` })),
  ]);
  return { autosalons, users, requestTypes, caseStates, scenarios, sites, campaigns, virtualNumbers, tags, employees, ...cars, errors: [...new Set(errors)] };
}
