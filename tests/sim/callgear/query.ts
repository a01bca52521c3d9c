import type { Brand, FieldTable } from './documented';
import { compare, invalid, matches, validateFilter } from './filters';

type Params = Record<string, unknown>;
type Record_ = Record<string, unknown>;

/** `unexpected_parameters` for a top-level parameter the method does not document (data_api/index.html error table). */
export function onlyParams(params: Params, allowed: readonly string[]): void {
  const unknown = Object.keys(params).find((name) => !allowed.includes(name));
  if (unknown) throw invalid('unexpected_parameters', `Unexpected method parameter(s): ${unknown}`, unknown, params[unknown]);
}

/** data_api/index.html "Paging": limit up to 10 000 (default 1 000), offset up to 100 000. */
export function paging(params: Params): { limit: number; offset: number } {
  const limit = params.limit === undefined ? 1000 : Number(params.limit);
  const offset = params.offset === undefined ? 0 : Number(params.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('invalid_parameter_value', 'Invalid value of limit', 'limit', params.limit);
  if (!Number.isInteger(offset) || offset < 0 || offset > 100_000) throw invalid('invalid_parameter_value', 'Invalid value of offset', 'offset', params.offset);
  return { limit, offset };
}

/** `fields`: names the method documents, else unexpected_parameters ("Possible errors when selecting returned data"). */
function selectedFields(params: Params, table: FieldTable): readonly string[] {
  const fields = params.fields;
  if (fields === undefined) return table.default.length ? table.default : table.all;
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) throw invalid('invalid_parameter_value', 'Invalid value of fields', 'fields', fields);
  const unknown = (fields as string[]).find((f) => !table.all.includes(f));
  if (unknown) throw invalid('unexpected_parameters', `Unexpected method parameter(s): ${unknown}`, 'fields', unknown);
  return fields as string[];
}

type Sort = { field: string; order: 'asc' | 'desc' };

function sortOrder(params: Params, table: FieldTable, defaultSort: Sort[]): Sort[] {
  if (params.sort === undefined) return defaultSort;
  if (!Array.isArray(params.sort)) throw invalid('invalid_parameter_value', 'Invalid value of sort', 'sort', params.sort);
  return (params.sort as { field?: unknown; order?: unknown }[]).map(({ field, order }) => {
    if (typeof field !== 'string' || !table.all.includes(field)) throw invalid('unexpected_parameters', `Unexpected method parameter(s): ${String(field)}`, 'sort.field', field);
    if (!table.sortable.includes(field)) throw invalid('sort_prohibited', `Sort by parameter ${field} is prohibited`, 'sort.field', field);
    if (order !== undefined && order !== 'asc' && order !== 'desc') throw invalid('invalid_parameter_value', 'Invalid value of order', 'sort.order', order);
    return { field, order: (order ?? 'asc') as Sort['order'] };
  });
}

/**
 * A get method's answer: filter, sort, page and select as the method's table allows. Without `sort` the
 * rows come in `defaultSort` order (the docs do not state a default order; the simulator's is by time).
 */
export function listAnswer(rows: readonly Record_[], params: Params, table: FieldTable, brand: Brand, defaultSort: Sort[] = []): Record<string, unknown> {
  const fields = selectedFields(params, table);
  const order = sortOrder(params, table, defaultSort);
  if (params.filter !== undefined) validateFilter(params.filter, table, brand);
  const { limit, offset } = paging(params);
  const found = rows.filter((row) => params.filter === undefined || matches(row, params.filter));
  const sorted = [...found].sort((a, b) => {
    for (const { field, order: direction } of order) {
      const cmp = compare(a[field], b[field]);
      if (cmp !== 0) return direction === 'desc' ? -cmp : cmp;
    }
    return 0;
  });
  const page = sorted.slice(offset, offset + limit).map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null])));
  return { data: page, metadata: { total_items: found.length } };
}

/** A dictionary method whose page the simulator does not model field by field: its record keys, all filterable and sortable. */
export function tableOf(records: readonly Record_[]): FieldTable {
  const all = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { all, default: [], filterable: all, sortable: all };
}
