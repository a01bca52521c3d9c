import type { Builtins, Method, Runtime } from './builtin-api';
import { groupAttribute } from './builtins';
import { BoundMethod } from './callables';
import { asNumber } from './python-values';
import { isDict, isFloat, isTuple, Namespace, ownValue, PyObject, tuple, type Value } from './values';

/*
 * The only ways a template reaches into a value. A name resolves to an own data property of plain
 * data, an item of a list or str, an attribute the core defines (loop, cycler, namespace), or an
 * allowlisted method. Everything else, `constructor`, `__proto__`, `__class__` included, is Undefined.
 */

const TUPLE_METHODS = new Set(['count', 'index']);

function methodOf(rt: Runtime, builtins: Builtins, value: Value, name: string): Value {
  let table: Record<string, Method> | undefined;
  if (typeof value === 'string') table = builtins.methods.str;
  else if (Array.isArray(value)) table = isTuple(value) && !TUPLE_METHODS.has(name) ? undefined : builtins.methods.list;
  else if (isDict(value)) table = builtins.methods.dict;
  const method = table && Object.hasOwn(table, name) ? table[name] : undefined;
  return method ? new BoundMethod(name, rt, value, method) : undefined;
}

/** Python's index rules: negative counts from the end; out of range is Undefined. */
function indexOf(value: Value[] | string, key: Value): Value {
  const n = typeof key === 'boolean' ? Number(key) : typeof key === 'number' && Number.isInteger(key) ? key : undefined;
  if (n === undefined) return undefined;
  const items = typeof value === 'string' ? codePoints(value) : value;
  const i = n < 0 ? items.length + n : n;
  return i >= 0 && i < items.length ? items[i] : undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** Python indexes str by code point; only text with astral characters needs the slower split. */
export const codePoints = (text: string): string[] | string => (SURROGATE.test(text) ? Array.from(text) : text);

function item(value: Value, key: Value): Value {
  if (typeof value === 'string' || Array.isArray(value)) return indexOf(value, key);
  if (isDict(value) && (typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key)))) return ownValue(value, String(key));
  return undefined;
}

function attribute(value: Value, name: string): Value {
  if (value instanceof Namespace) return value.attrs.get(name);
  if (value instanceof PyObject) return value.attribute(name);
  if (Array.isArray(value)) return groupAttribute(value, name);
  return undefined;
}

/** `x["k"]` and filters' attribute look-ups: the item first, then the attribute (Jinja2's getitem). */
export function getItem(rt: Runtime, builtins: Builtins, value: Value, key: Value): Value {
  const found = item(value, key);
  if (found !== undefined || typeof key !== 'string') return found;
  return attribute(value, key) ?? methodOf(rt, builtins, value, key);
}

/** `x.name`: the attribute (or method) first, then the item (Jinja2's getattr). */
export function getAttribute(rt: Runtime, builtins: Builtins, value: Value, name: string): Value {
  return attribute(value, name) ?? methodOf(rt, builtins, value, name) ?? item(value, name);
}

const sliceIndex = (n: number | undefined, length: number, fallback: number, step: number): number => {
  if (n === undefined) return fallback;
  const i = n < 0 ? n + length : n;
  return step > 0 ? Math.min(Math.max(i, 0), length) : Math.min(Math.max(i, -1), length - 1);
};

/** Python's `seq[start:stop:step]` on str, list and tuple; anything else gives Undefined. */
export function slice(rt: Runtime, value: Value, start: Value, stop: Value, step: Value): Value {
  if (typeof value !== 'string' && !Array.isArray(value)) return undefined;
  const part = (v: Value) => (v === undefined || v === null ? undefined : asNumber(v) ?? rt.fail('template.error.badArgument', { name: 'slice', detail: 'slice indices must be integers' }));
  const by = part(step) ?? 1;
  if (by === 0 || !Number.isInteger(by) || isFloat(step)) rt.fail('template.error.badArgument', { name: 'slice', detail: 'slice step cannot be zero' });
  const items = typeof value === 'string' ? codePoints(value) : value;
  const length = items.length;
  const from = sliceIndex(part(start), length, by > 0 ? 0 : length - 1, by);
  const to = sliceIndex(part(stop), length, by > 0 ? length : -1, by);
  const out: (Value | string)[] = [];
  for (let i = from; by > 0 ? i < to : i > to; i += by) out.push(items[i]!);
  rt.spend(1 + (out.length >> 6));
  if (typeof value === 'string') return out.join('');
  return isTuple(value) ? tuple(out as Value[]) : (out as Value[]);
}
