import type { Filter, Runtime } from '../builtin-api';
import { isDict, isFloat, isTuple, numberOf, type Value } from '../values';
import { bind } from './args';
import { badType, floatRepr, intArg, spendFor } from './py';

/**
 * `tojson` as Jinja2 3.1 configures json.dumps (sort_keys=True, ensure_ascii, ", " and ": " separators,
 * "," when indenting) and then makes HTML-safe: < > & ' become \u003c \u003e \u0026 \u0027.
 */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function dumps(rt: Runtime, value: Value, indent: string | null, depth: number): string {
  rt.spend(1);
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number' || isFloat(value)) {
    const x = numberOf(value);
    return Number.isNaN(x) ? 'NaN' : Number.isFinite(x) ? floatRepr(x) : x > 0 ? 'Infinity' : '-Infinity';
  }
  const inner = indent === null ? '' : `\n${indent.repeat(depth + 1)}`;
  const outer = indent === null ? '' : `\n${indent.repeat(depth)}`;
  const comma = indent === null ? ', ' : ',';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[${inner}${value.map((v) => dumps(rt, v, indent, depth + 1)).join(comma + inner)}${outer}]`;
  }
  if (isDict(value)) {
    const keys = Object.keys(value).sort();
    if (!keys.length) return '{}';
    const members = keys.map((k) => `${jsonString(k)}: ${dumps(rt, value[k]!, indent, depth + 1)}`);
    return `{${inner}${members.join(comma + inner)}${outer}}`;
  }
  return badType(rt, 'tojson', value);
}

const tojson: Filter = (rt, value, args, kwargs) => {
  const [indent] = bind(rt, 'tojson', [['indent', null]], args, kwargs);
  if (typeof indent === 'string' && indent.length > 100) return rt.fail('template.error.tooLarge', { filter: 'tojson', limit: 100 });
  const pad = indent === null ? null : typeof indent === 'string' ? indent : ' '.repeat(Math.max(0, Math.min(intArg(rt, 'tojson', indent), 100)));
  return dumps(rt, value, pad, 0).replace(/[<>&']/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
};

/** pprint.pformat as far as short values go: repr with dict keys sorted (long values are not wrapped at 80 columns). */
function pformat(rt: Runtime, value: Value): string {
  rt.spend(1);
  if (isDict(value)) {
    const keys = Object.keys(value).sort();
    spendFor(rt, keys.length);
    return `{${keys.map((k) => `${rt.repr(k)}: ${pformat(rt, value[k]!)}`).join(', ')}}`;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => pformat(rt, v));
    if (!isTuple(value)) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return rt.repr(value);
}

const pprint: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'pprint', [], args, kwargs);
  return pformat(rt, value);
};

export const jsonFilters: Record<string, Filter> = { pprint, tojson };
