import type { AutocrmClient } from './autocrm/client';
import type { CallGearClient } from './callgear/client';
import { isApiError } from './api-error';
import { REQUEST_STATUS_NAMES } from './autocrm/types';

/** A choice in a dropdown of the rule editor. */
export interface Choice {
  id: number | string;
  name: string;
}

/** What the rule editor's dropdowns are filled from, read from the live accounts. */
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

export async function readDictionaries(autocrm: AutocrmClient | null, callgear: CallGearClient | null): Promise<Dictionaries> {
  const errors: string[] = [];
  const none = async () => [] as never[];
  const [autosalons, users, requestTypes, caseStates, scenarios, sites, campaigns, virtualNumbers, tags, employees] = await Promise.all([
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
  return { autosalons, users, requestTypes, caseStates, scenarios, sites, campaigns, virtualNumbers, tags, employees, errors: [...new Set(errors)] };
}
