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
    call: (b) => b.call_id,
    task: (b) => String(b.text).match(/\[(callgear:[^\]]+)\]/)?.[1],
    client: (b) => JSON.stringify(b.phones),
  };
  return Object.fromEntries(
    Object.entries(markerOf).map(([resource, marker]) => {
      const markers = sim.createdOf(resource).map((c) => marker(c.body as Record<string, unknown>));
      return [resource, markers.filter((m, i) => markers.indexOf(m) !== i)];
    }),
  );
}

export const NO_DUPLICATES = { 'leads/request': [], preparedServiceCase: [], retailCase: [], call: [], task: [], client: [] };
