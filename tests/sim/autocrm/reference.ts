/**
 * AutoCRM's car dictionaries in the simulator, as the swagger (mikopbx/ModuleAutoCRM swagger.json) documents
 * them: `GET /refBrand` and `GET /reference/brand` (`definitions.RefBrand`: id, name, is_recent), `GET /refModel`
 * and `GET /reference/model` (`definitions.RefModel`: id, brand_id, name, is_recent, is_deleted), each with its
 * documented query parameters and page parameter, and `/{id}`. Flags are the strings "1"/"0" as the
 * definitions type them. The swagger does not say what an undocumented query parameter does: Yii's search
 * models ignore it (the default here); `unknownParams: 'rejected'` answers it with a validation error, so a
 * contract test can prove the client sends only documented ones.
 */
export interface RefBrandRow {
  id: number;
  name: string;
  is_recent: '1' | '0';
}

export interface RefModelRow {
  id: number;
  brand_id: number;
  name: string;
  is_recent: '1' | '0';
  is_deleted: '1' | '0';
}

const brand = (id: number, name: string, recent = true): RefBrandRow => ({ id, name, is_recent: recent ? '1' : '0' });
const model = (id: number, brandId: number, name: string, { recent = true, deleted = false } = {}): RefModelRow => ({
  id, brand_id: brandId, name, is_recent: recent ? '1' : '0', is_deleted: deleted ? '1' : '0',
});

const KIA_MODELS = ['Ceed', 'Cerato', 'K5', 'K8', 'K9', 'Mohave', 'Niro', 'Optima', 'Picanto', 'ProCeed', 'Quoris', 'Seltos', 'Sorento', 'Soul', 'Sportage', 'Stinger', 'Stonic', 'Venga', 'XCeed', 'Carnival', 'Carens', 'EV6', 'EV9'];

export const SIM_BRANDS: RefBrandRow[] = [
  brand(1, 'Audi'), brand(5, 'BMW'), brand(18, 'Chery'), brand(33, 'Geely'), brand(40, 'Haval'), brand(56, 'Hyundai'),
  brand(152, 'Kia'), brand(160, 'Lada (ВАЗ)'), brand(170, 'Mercedes-Benz'), brand(199, 'Nissan'), brand(260, 'Škoda'),
  brand(265, 'Toyota'), brand(280, 'Volkswagen'), brand(300, 'ЗАЗ', false),
];

/** Kia has more models than a page holds (Yii's 20), one of them deleted; the others a few each. */
export const SIM_MODELS: RefModelRow[] = [
  model(19585, 152, 'Rio'),
  ...KIA_MODELS.map((name, i) => model(19600 + i, 152, name, { recent: i % 5 !== 4 })),
  model(19590, 152, 'Spectra', { recent: false, deleted: true }),
  model(7, 265, 'Camry'), model(8, 265, 'Corolla'), model(9, 265, 'RAV4'), model(10, 265, 'Land Cruiser Prado'),
  model(11, 265, 'Mark II', { recent: false, deleted: true }),
  model(20, 56, 'Solaris'), model(21, 56, 'Creta'), model(22, 56, 'Tucson'), model(23, 56, 'Santa Fe'),
  model(30, 160, 'Vesta'), model(31, 160, 'Granta'), model(32, 160, 'Niva Travel'), model(33, 160, 'Largus'),
  model(40, 18, 'Tiggo 4'), model(41, 18, 'Tiggo 7 Pro'), model(42, 18, 'Tiggo 8 Pro'),
  model(50, 33, 'Coolray'), model(51, 33, 'Monjaro'), model(52, 40, 'Jolion'), model(53, 40, 'F7'),
  model(60, 1, 'A4'), model(61, 1, 'Q5'), model(62, 5, 'X5'), model(63, 5, '3 серии'), model(64, 170, 'E-Класс'),
  model(65, 199, 'Qashqai'), model(66, 260, 'Octavia'), model(67, 280, 'Polo'), model(68, 280, 'Tiguan'),
];

type Query = URLSearchParams;
type Filter<R> = (row: R, value: string) => boolean;

interface Endpoint<R> {
  rows: () => R[];
  pageParam: string;
  filters: Record<string, Filter<R>>;
}

const exact = <R>(key: keyof R): Filter<R> => (row, value) => String(row[key]) === value;
const substring = <R extends { name: string }>(): Filter<R> => (row, value) => row.name.toLowerCase().includes(value.toLowerCase());

const brandFilters = { id: exact<RefBrandRow>('id'), name: substring<RefBrandRow>(), is_recent: exact<RefBrandRow>('is_recent') };
const modelFilters = {
  id: exact<RefModelRow>('id'), brand_id: exact<RefModelRow>('brand_id'), is_recent: exact<RefModelRow>('is_recent'),
  is_deleted: exact<RefModelRow>('is_deleted'), name: substring<RefModelRow>(),
};

/** Each documented list path (lower-cased, as the simulator routes), with its parameters from swagger.json `paths`. */
const ENDPOINTS: Record<string, Endpoint<RefBrandRow> | Endpoint<RefModelRow>> = {
  refbrand: { rows: () => SIM_BRANDS, pageParam: 'RefBrandSearch_page', filters: brandFilters },
  'reference/brand': { rows: () => SIM_BRANDS, pageParam: 'BrandSearch_page', filters: brandFilters },
  refmodel: { rows: () => SIM_MODELS, pageParam: 'RefModelSearch_page', filters: modelFilters },
  'reference/model': { rows: () => SIM_MODELS, pageParam: 'ModelSearch_page', filters: modelFilters },
};

/** What the simulator sends back (its own Result shape). */
type Answer = { status: number; body: unknown };

/** The one switch: what an undocumented query parameter does (module-wide; a test that sets it restores it). */
export const referenceSwitches: { unknownParams: 'ignored' | 'rejected' } = { unknownParams: 'ignored' };

/**
 * The answer to a GET on a car dictionary path, or null for any other request. A list is paged by `page`,
 * the simulator's own paging (X-Pagination-* headers or `meta`, per its pagingMeta switch).
 */
export function answerReference(method: string, path: string, query: Query, page: (rows: unknown[], pageParam: string) => Answer): Answer | null {
  if (method !== 'GET') return null;
  const byId = /^(refbrand|reference\/brand|refmodel|reference\/model)\/(\d+)$/.exec(path);
  if (byId) {
    const row = (ENDPOINTS[byId[1]!]!.rows() as { id: number }[]).find((r) => r.id === Number(byId[2]));
    return row ? { status: 200, body: { status: 1, result: row, errors: [] } } : { status: 404, body: { status: 0, errors: ['Not found'] } };
  }
  const endpoint = ENDPOINTS[path] as Endpoint<{ id: number }> | undefined;
  if (!endpoint) return null;
  const documented = new Set([...Object.keys(endpoint.filters), endpoint.pageParam]);
  const unknown = [...query.keys()].filter((key) => !documented.has(key));
  if (unknown.length && referenceSwitches.unknownParams === 'rejected') {
    return { status: 200, body: { status: 0, errors: Object.fromEntries(unknown.map((key) => [key, [`Неизвестный параметр «${key}».`]])) } };
  }
  const rows = endpoint.rows().filter((row) => Object.entries(endpoint.filters).every(([key, holds]) => !query.has(key) || holds(row, query.get(key)!)));
  return page(rows, endpoint.pageParam);
}
