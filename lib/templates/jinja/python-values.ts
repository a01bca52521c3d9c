import { isDict, isFloat, isTuple, Namespace, numberOf, PyCallable, PyFloat, PyObject, type Dict, type Value } from './values';
import { fail } from './errors';

/** Python's names for a value's type, for error messages ("int", "str", "NoneType"…). */
export function typeName(value: Value): string {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (isFloat(value)) return 'float';
  if (Array.isArray(value)) return isTuple(value) ? 'tuple' : 'list';
  if (value instanceof Namespace) return 'Namespace';
  if (value instanceof PyCallable) return 'function';
  if (value instanceof PyObject) return value.typeName;
  return isDict(value) ? 'dict' : 'object';
}

/** Python's repr of a float: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  const text = String(n);
  return text.includes('.') ? text : `${text}.0`;
}

/** A JS number held as an int prints like an int; one with a fraction is a float. */
export function numberStr(value: number | PyFloat): string {
  if (isFloat(value)) return floatRepr(value.value);
  return Number.isInteger(value) ? (Object.is(value, -0) ? '0' : String(value)) : floatRepr(value);
}

/** str.isprintable() is false for these: controls, formats, surrogates, private use, unassigned, separators but ' '. */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function escapeCode(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's repr of a str: single quotes unless the text has ' and no ", non-printables escaped. */
export function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += escapeCode(ch.codePointAt(0)!);
    else out += ch;
  }
  return quote + out + quote;
}

const MAX_REPR_DEPTH = 50;

export function repr(value: Value, depth = 0): string {
  if (depth > MAX_REPR_DEPTH) fail('template.error.tooDeep');
  if (value === null) return 'None';
  if (value === undefined) return 'Undefined';
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => repr(item, depth + 1));
    if (!isTuple(value)) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (isDict(value)) return dictRepr(value, depth);
  return str(value, depth);
}

function dictRepr(dict: Dict, depth: number): string {
  const items = Object.keys(dict).map((key) => `${stringRepr(key)}: ${repr(dict[key], depth + 1)}`);
  return `{${items.join(', ')}}`;
}

/** Python's str(), except None and Undefined print as '' (the product's documented choice). */
export function str(value: Value, depth = 0): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || isFloat(value)) return numberStr(value);
  if (value instanceof Namespace) {
    const items = [...value.attrs].map(([key, item]) => `${stringRepr(key)}: ${repr(item, depth + 1)}`);
    return `<Namespace {${items.join(', ')}}>`;
  }
  if (value instanceof PyCallable) return `<${value.name}>`;
  if (Array.isArray(value) || isDict(value)) return repr(value, depth);
  return `<${typeName(value)}>`;
}

export function truthy(value: Value): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return false;
  if (isFloat(value)) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return !(typeof value === 'number' && Number.isNaN(value));
}

/** int, float and bool are all numbers to Python's == and <. */
export const asNumber = (value: Value): number | undefined =>
  typeof value === 'boolean' ? Number(value) : typeof value === 'number' || isFloat(value) ? numberOf(value) : undefined;

export function equals(a: Value, b: Value, depth = 0): boolean {
  if (depth > MAX_REPR_DEPTH) fail('template.error.tooDeep');
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  if (Array.isArray(a) && Array.isArray(b)) {
    return isTuple(a) === isTuple(b) && a.length === b.length && a.every((item, i) => equals(item, b[i], depth + 1));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k], depth + 1));
  }
  return a === b;
}

/** Python's ordering: numbers with numbers, str with str, list with list (tuple with tuple). */
export function compare(a: Value, b: Value, op = '<'): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!equals(a[i], b[i])) return compare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  return fail('template.error.notComparable', { op, left: typeName(a), right: typeName(b) });
}
