import type { AutocrmSim } from './autocrm/server';

/**
 * Markers that occur more than once among what the AutoCRM simulator created: each is an entity the
 * extension made twice. Empty means "no duplicates", per resource.
 */
export function duplicateMarkers(sim: AutocrmSim): Record<string, unknown[]> {
  const markerOf: Record<string, (body: Record<string, unknown>) => unknown> = {
    'leads/request': (b) => b.external_id,
    preparedServiceCase: (b) => b.external_id,
    retailCase: (b) => b.externalId,
    corporateCase: (b) => b.externalId,
    saleUsedCase: (b) => b.external_id ?? b.externalId,
    call: (b) => b.call_id,
    task: (b) => String(b.text).match(/\[(callgear:[^\]]+)\]/)?.[1],
    client: (b) => JSON.stringify(b.phones ?? b.personPhones),
    // Twin sources: AutoCRM may accept a repeated name (undocumented), so a second one is a duplicate too.
    source: (b) => String(b.name).toLowerCase(),
    source2: (b) => `${String(b.parent_id)}:${String(b.name).toLowerCase()}`,
  };
  return Object.fromEntries(
    Object.entries(markerOf).map(([resource, marker]) => {
      // A body without a marker cannot be told apart from another one: only markers are compared.
      const markers = sim.createdOf(resource).map((c) => marker(c.body as Record<string, unknown>)).filter((m) => m !== undefined && m !== null);
      return [resource, markers.filter((m, i) => markers.indexOf(m) !== i)];
    }),
  );
}

export const NO_DUPLICATES = { 'leads/request': [], preparedServiceCase: [], retailCase: [], corporateCase: [], saleUsedCase: [], call: [], task: [], client: [], source: [], source2: [] };
