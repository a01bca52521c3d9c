import { isApiError } from '../api-error';
import type { AutocrmCrm } from '../autocrm/crm';
import type { AppDb } from '../db';
import { phrase } from '../phrase';
import { ensure } from './once';
import { idOf, noteShortfall, tracked, type StepLog } from './tracked';

/** Who asks: the database whose `cache` keeps the ids, the item whose steps log the requests, the CRM port. */
export interface SourceLookup {
  deps: StepLog & { db: AppDb; now: () => number };
  key: string;
  crm: AutocrmCrm;
}

/**
 * Source ids by name, per database: concurrent items wait for the same look-up, and a resolved id is kept
 * for the worker's life like its `cache` row (which only this module writes); a failed look-up is dropped.
 */
const sourceIds = new WeakMap<AppDb, Map<string, Promise<number>>>();

/**
 * A Source (or Sub-source) id by name: cached, found, or created for the rule's salon; a create refused
 * (a duplicate name that another installation made a moment ago) finds again. Items processed side by
 * side share one look-up per name.
 */
export function sourceIdOf(lookup: SourceLookup, name: string, salonId: number | undefined, parentId?: number): Promise<number> {
  const cacheKey = parentId === undefined ? `source:${name.toLowerCase()}` : `source2:${parentId}:${name.toLowerCase()}`;
  const known = sourceIds.get(lookup.deps.db) ?? new Map<string, Promise<number>>();
  sourceIds.set(lookup.deps.db, known);
  const running = known.get(cacheKey);
  if (running) return running;
  const resolved = resolveSource(lookup, cacheKey, name, salonId, parentId);
  resolved.catch(() => known.delete(cacheKey));
  known.set(cacheKey, resolved);
  return resolved;
}

async function resolveSource({ deps, key, crm }: SourceLookup, cacheKey: string, name: string, salonId: number | undefined, parentId?: number): Promise<number> {
  const find = () => tracked(deps, key, phrase('pipeline.step.findSource', { name }), () => crm.findSource(name, parentId));
  const { value } = await ensure({
    recorded: (await deps.db.cache.get(cacheKey))?.id,
    find,
    create: async () => {
      const id =
        parentId !== undefined
          ? (await tracked(deps, key, phrase('pipeline.step.createSource', { name }), () => crm.createSubSource(name, parentId), idOf)).id
          : await tracked(deps, key, phrase('pipeline.step.createSource', { name }), async () => {
              const created = await crm.createSource(name, salonId);
              if (!created.salonStored) noteShortfall(deps, key, phrase('pipeline.step.sourceForSalon', { name, salon: salonId ?? '—' }), { notStored: phrase('pipeline.shortfall.sourceSalon') });
              return created.id;
            });
      // If AutoCRM allows twin names, another installation may have created one at the same moment:
      // every installation settles on the lowest id.
      return (await find()) ?? id;
    },
    refindAfterRefusal: (error) => isApiError(error) && error.kind === 'validation',
    record: async (id) => {
      await deps.db.cache.put({ key: cacheKey, id, at: deps.now() });
    },
  });
  return value;
}
