import type { AutocrmSim } from './autocrm/server';
import type { SimClient } from './autocrm/seed';
import { lastTen } from './http-util';

type PhoneList = { number?: unknown }[] | undefined;

/** A client's numbers by their last ten digits: every person's and the company's. */
const numbersOf = (c: SimClient): string[] => [c.primaryPerson, ...c.persons].flatMap((p) => p?.phones ?? []).concat(c.company?.phones ?? []).map((p) => lastTen(p.number));

/**
 * Clients the extension created for a number a client it did not create already had (a seeded one, or one
 * a person entered): its created bodies alone cannot show these. The number is what the body sent and
 * what the simulator stored, compared by the last ten digits.
 */
function twinsOfExistingClients(sim: AutocrmSim): string[] {
  const created = sim.createdOf('client');
  const createdIds = new Set(created.map((entry) => entry.id));
  const existing = sim.data.clients.filter((c) => !createdIds.has(c.id));
  return created.flatMap((entry) => {
    const body = entry.body as { phones?: PhoneList; personPhones?: PhoneList };
    const stored = sim.data.clients.find((c) => c.id === entry.id);
    const mine = new Set([...(body.phones ?? []), ...(body.personPhones ?? [])].map((p) => lastTen(p.number)).concat(stored ? numbersOf(stored) : []).filter((n) => n.length === 10));
    const twin = existing.find((c) => numbersOf(c).some((n) => mine.has(n)));
    return twin ? [`#${entry.id} twins existing client #${twin.id} (${[...mine].join(', ')})`] : [];
  });
}

/**
 * Markers that occur more than once among what the AutoCRM simulator created: each is an entity the
 * extension made twice. Clients are also compared with the clients that existed before (seeded or
 * entered by a person): a created client with such a client's number is a duplicate too. Empty means
 * "no duplicates", per resource.
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
  const duplicates = Object.fromEntries(
    Object.entries(markerOf).map(([resource, marker]) => {
      // A body without a marker cannot be told apart from another one: only markers are compared.
      const markers = sim.createdOf(resource).map((c) => marker(c.body as Record<string, unknown>)).filter((m) => m !== undefined && m !== null);
      return [resource, markers.filter((m, i) => markers.indexOf(m) !== i)];
    }),
  );
  duplicates.client = [...duplicates.client!, ...twinsOfExistingClients(sim)];
  return duplicates;
}

export const NO_DUPLICATES = { 'leads/request': [], preparedServiceCase: [], retailCase: [], corporateCase: [], saleUsedCase: [], call: [], task: [], client: [], source: [], source2: [] };
