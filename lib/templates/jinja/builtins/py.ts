import { typeName } from '../python-values';
import type { Runtime } from '../builtin-api';
import { isDict, isFloat, numberOf, PyFloat, type Dict, type Value } from '../values';

/** The most items or characters a built-in creates from one call (range, center, batch padding…). */
export const MAX_ITEMS = 10_000;

/**
 * A Python float: a PyFloat, or a JS number with a fraction (context data read from JSON, where 48750.5
 * arrives as a plain number). Whole JS numbers are ints.
 */
export const isFloatLike = (value: Value): boolean => isFloat(value) || (typeof value === 'number' && !Number.isInteger(value));

/** The longest text one built-in call may make; the output cap alone would come after the memory is spent. */
export const MAX_TEXT = 1_000_000;

/** Refuses a result before building it when its length is known to exceed MAX_TEXT. */
export function guardText(rt: Runtime, name: string, length: number): void {
  // The core's key for an over-long output: the admin's fix is the same.
  if (length > MAX_TEXT) rt.fail('template.error.tooLong', { filter: name, limit: MAX_TEXT });
  rt.spend(Math.ceil(length / 1000));
}

export const badType = (rt: Runtime, name: string, value: Value): never =>
  rt.fail('template.error.badType', { filter: name, type: typeName(value) });

export const badArgument = (rt: Runtime, name: string, reason: string): never =>
  rt.fail('template.error.badArgument', { filter: name, reason });

/** What `for x in value` walks: characters of a str, items of a list, keys of a dict, nothing for Undefined. */
export function iterate(rt: Runtime, name: string, value: Value): Value[] {
  if (typeof value === 'string') return Array.from(value);
  if (Array.isArray(value)) return value;
  if (isDict(value)) return Object.keys(value);
  if (value === undefined) return [];
  return badType(rt, name, value);
}

/** Python's len(). */
export function length(rt: Runtime, name: string, value: Value): number {
  if (typeof value === 'string') return Array.from(value).length;
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return Object.keys(value).length;
  if (value === undefined) return 0;
  return badType(rt, name, value);
}

/** An int argument (bool counts, as in Python); anything else is a type error. */
export function intArg(rt: Runtime, name: string, value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return badType(rt, name, value);
}

/** A number argument as a JS number (int, float or bool). */
export function numArg(rt: Runtime, name: string, value: Value): number {
  if (typeof value === 'number' || isFloat(value)) return numberOf(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return badType(rt, name, value);
}

export function strArg(rt: Runtime, name: string, value: Value): string {
  return typeof value === 'string' ? value : badType(rt, name, value);
}

export function spendFor(rt: Runtime, items: number): void {
  if (items > 0) rt.spend(items);
}

/** Makes a float result: Python keeps `2.0` apart from `2`. */
export const float = (n: number): PyFloat => new PyFloat(n);

/** Jinja2's make_attrgetter: "a.b.0" walks dicts and lists (digits become indexes), like `item.a.b[0]`. */
export function attributeParts(attribute: Value): (string | number)[] {
  if (attribute === null || attribute === undefined) return [];
  if (typeof attribute === 'string') return attribute.split('.').map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
  if (typeof attribute === 'number') return [attribute];
  return [String(attribute)];
}

export function attributeGetter(rt: Runtime, attribute: Value, fallback: Value = null): (item: Value) => Value {
  const parts = attributeParts(attribute);
  return (item) => {
    let v = item;
    for (const part of parts) {
      v = rt.getattr(v, part);
      if (fallback !== null && v === undefined) v = fallback;
    }
    return v;
  };
}

/** Jinja2's ignore_case: only strings are lowered. */
export const ignoreCase = (value: Value): Value => (typeof value === 'string' ? value.toLowerCase() : value);

export const dictEntries = (d: Dict): [string, Value][] => Object.keys(d).map((k) => [k, d[k]]);

/** Python's whitespace (str.isspace), which is wider than ASCII and narrower than JS's \s (no U+FEFF). */
export const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
export const isPySpace = (ch: string): boolean => new RegExp(`^[${PY_SPACE}]$`).test(ch);

/** Python's str.splitlines() (without keepends). */
export function splitlines(s: string): string[] {
  const lines = s.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return s === '' ? [] : lines;
}

// One definition of Python's type names and reprs, shared with the interpreter core.
export { typeName, floatRepr, stringRepr as strRepr } from '../python-values';
