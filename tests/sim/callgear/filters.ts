import { OPERATORS, type Brand, type FieldTable } from './documented';

/**
 * Data API filters as data_api/index.html "Filters" describes them: `{field, operator, value}` or
 * `{filters: [...], condition: 'and' | 'or'}`, nested. A field the method does not have is
 * `unexpected_parameters`, a field outside the method's Filtering column is `filter_prohibited`
 * (both -32602, "Possible errors when filtering"); an operator outside the brand's table, or a value the
 * operator cannot take, is `invalid_parameter_value`.
 */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly mnemonic: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const invalid = (mnemonic: string, message: string, field?: string, value?: unknown) => new RpcError(-32602, mnemonic, message, { field, value });

type Filter = { filters?: unknown[]; condition?: string; field?: string; operator?: string; value?: unknown };

/** Checks a filter tree against the method's table and the brand's operators; throws the documented error. */
export function validateFilter(filter: unknown, table: FieldTable, brand: Brand): void {
  const f = (filter ?? {}) as Filter;
  if (Array.isArray(f.filters)) {
    if (f.condition !== undefined && f.condition !== 'and' && f.condition !== 'or') throw invalid('invalid_parameter_value', 'Invalid filter condition', 'filter.condition', f.condition);
    for (const sub of f.filters) validateFilter(sub, table, brand);
    return;
  }
  if (typeof f.field !== 'string') throw invalid('invalid_parameter_value', 'Invalid filter', 'filter', filter);
  if (!table.all.includes(f.field)) throw invalid('unexpected_parameters', `Unexpected parameter ${f.field}`, 'filter.field', f.field);
  if (!table.filterable.includes(f.field)) throw invalid('filter_prohibited', `Filter by parameter ${f.field} is prohibited`, 'filter.field', f.field);
  if (typeof f.operator !== 'string' || !OPERATORS[brand].includes(f.operator)) throw invalid('invalid_parameter_value', `Invalid value of operator`, 'filter.operator', f.operator);
  if (f.operator === 'in' && !Array.isArray(f.value)) throw invalid('invalid_parameter_value', 'Operator in takes an array', 'filter.value', f.value);
  if (f.operator === 'jsquery') parseJsquery(f.value);
}

export function matches(row: Record<string, unknown>, filter: unknown): boolean {
  const f = filter as Filter;
  if (Array.isArray(f.filters)) {
    const results = f.filters.map((sub) => matches(row, sub));
    return f.condition === 'or' ? results.some(Boolean) : results.every(Boolean);
  }
  const value = row[f.field!];
  const target = f.value;
  switch (f.operator) {
    case '=': return target === null ? value === null || value === undefined : value === target;
    case '!=': return target === null ? value !== null && value !== undefined : value !== target;
    case '>': return compare(value, target) > 0;
    case '<': return compare(value, target) < 0;
    case '>=': return compare(value, target) >= 0;
    case '<=': return compare(value, target) <= 0;
    case 'in': return (target as unknown[]).includes(value);
    case 'not_in': return Array.isArray(target) && !target.includes(value);
    case 'overlap': return Array.isArray(value) && (Array.isArray(target) ? target : [target]).some((t) => value.includes(t));
    case 'not_overlap': return !(Array.isArray(value) && (Array.isArray(target) ? target : [target]).some((t) => value.includes(t)));
    case 'like': return like(target, '').test(String(value ?? ''));
    case 'ilike': return like(target, 'i').test(String(value ?? ''));
    case 'not_like': return !like(target, '').test(String(value ?? ''));
    case 'not_ilike': return !like(target, 'i').test(String(value ?? ''));
    case 'regexp': return new RegExp(String(target)).test(String(value ?? ''));
    case 'jsquery': return parseJsquery(target)(value);
    case 'is_null': return value === null || value === undefined;
    case 'is_not_null': return value !== null && value !== undefined;
    default: return false;
  }
}

const like = (pattern: unknown, flags: string) => new RegExp(`^${String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, flags);

export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/**
 * The PostgreSQL jsquery forms a filter on an array field needs (the docs name the operator and its data
 * types, object and array, and show no example): `# = "x"` (some element equals x), `$ @> ["x", …]`
 * (contains all), `$ && ["x", …]` (shares one), `$ = [..]` (equals). Anything else is
 * `invalid_parameter_value`, as the docs say for an invalid jsquery value.
 */
export function parseJsquery(query: unknown): (value: unknown) => boolean {
  const text = typeof query === 'string' ? query.trim() : '';
  const fail = () => invalid('invalid_parameter_value', 'Invalid value of jsquery', 'filter.value', query);
  const json = (literal: string): unknown => {
    try {
      return JSON.parse(literal);
    } catch {
      throw fail();
    }
  };
  const element = /^#\s*=\s*(.+)$/.exec(text);
  if (element) {
    const wanted = json(element[1]!);
    return (value) => Array.isArray(value) && value.some((v) => v === wanted);
  }
  const whole = /^\$\s*(@>|&&|=)\s*(\[.*\])$/.exec(text);
  if (!whole) throw fail();
  const list = json(whole[2]!) as unknown[];
  const op = whole[1];
  return (value) => {
    if (!Array.isArray(value)) return false;
    if (op === '@>') return list.every((t) => value.includes(t));
    if (op === '&&') return list.some((t) => value.includes(t));
    return value.length === list.length && list.every((t, i) => value[i] === t);
  };
}
