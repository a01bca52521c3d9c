import { z } from 'zod/mini';
import type { AutocrmClient } from './client';

/**
 * AutoCRM's car dictionaries, read for the rule editor's brand and model choices.
 *
 * The swagger (mikopbx/ModuleAutoCRM swagger.json) documents the same data twice: `GET /refBrand`,
 * `GET /refModel` (tags RefBrand, RefModel) and `GET /reference/brand`, `GET /reference/model` (tags
 * reference/brand, reference/model), all answering `definitions.RefBrand` / `definitions.RefModel`. The
 * Ref* pair is read: it belongs to the family of every other car dictionary (/refGeneration, /refSeries,
 * /refModification…) and names its page parameter `<Model>Search_page` like the lists the client already
 * reads. Query parameters, as documented: /refBrand `id, name, is_recent, RefBrandSearch_page`; /refModel
 * `id, brand_id, is_recent, is_deleted, name, RefModelSearch_page`. Nothing else is sent.
 */
export const REFERENCE_PATHS = {
  brand: { path: 'refBrand', pageParam: 'RefBrandSearch_page' },
  model: { path: 'refModel', pageParam: 'RefModelSearch_page' },
} as const;

/** `definitions.RefBrand` / `RefModel` flags are strings "1"/"0"; numbers and booleans are read too. */
const flag = z.pipe(z.transform((v: unknown): unknown => v === '1' || v === 1 || v === true), z.boolean());
const id = z.coerce.number().check(z.int());

export const refBrandSchema = z.looseObject({ id, name: z.string(), is_recent: z.optional(flag) });
export const refModelSchema = z.looseObject({ id, brand_id: id, name: z.string(), is_recent: z.optional(flag), is_deleted: z.optional(flag) });
export type RefBrand = z.infer<typeof refBrandSchema>;
export type RefModel = z.infer<typeof refModelSchema>;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Every brand, every page of it. */
export function listBrands(client: AutocrmClient): Promise<RefBrand[]> {
  const { path, pageParam } = REFERENCE_PATHS.brand;
  return collect(client.paginate(refBrandSchema, path, pageParam));
}

/**
 * Models that are not deleted, of one brand or of all: asked with `is_deleted=0`, and a row still marked
 * deleted is dropped here too (the swagger does not say the filter is exact).
 */
export async function listModels(client: AutocrmClient, brandId?: number): Promise<RefModel[]> {
  const { path, pageParam } = REFERENCE_PATHS.model;
  const models = await collect(client.paginate(refModelSchema, path, pageParam, { is_deleted: 0, brand_id: brandId }));
  return models.filter((m) => !m.is_deleted);
}
