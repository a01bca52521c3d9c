import type { Runtime } from '../builtin-api';
import { isDict, isFloat, isTuple, Namespace, numberOf, ownValue, PyCallable, PyObject, type Value } from '../values';
import { builtins } from './index';
import { floatRepr, strRepr, typeName } from './py';
import { groupAttribute } from './sequences';

/**
 * A small Runtime with Python's str/repr/truthiness/equality/ordering, enough to test the built-ins in
 * isolation from the interpreter core (which implements the real one).
 */
export class TemplateFailure extends Error {
  constructor(readonly key: string, readonly params: Record<string, string | number>) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

function repr(value: Value): string {
  if (value === null) return 'None';
  if (value === undefined) return 'Undefined';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return strRepr(value);
  if (isFloat(value)) return floatRepr(value.value);
  if (Array.isArray(value)) {
    const items = value.map(repr);
    if (isTuple(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return `[${items.join(', ')}]`;
  }
  if (isDict(value)) return `{${Object.keys(value).map((k) => `${strRepr(k)}: ${repr(value[k])}`).join(', ')}}`;
  if (value instanceof Namespace) return '<Namespace>';
  if (value instanceof PyObject) return `<${value.typeName}>`;
  return `<function ${(value as PyCallable).name}>`;
}

function str(value: Value): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : repr(value);
}

function truthy(value: Value): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return false;
  if (isFloat(value)) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

const numeric = (v: Value): number | undefined =>
  typeof v === 'boolean' ? Number(v) : typeof v === 'number' || isFloat(v) ? numberOf(v) : undefined;

function equals(a: Value, b: Value): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  if (Array.isArray(a) && Array.isArray(b)) {
    return isTuple(a) === isTuple(b) && a.length === b.length && a.every((x, i) => equals(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k]));
  }
  return a === b;
}

function compare(a: Value, b: Value): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!equals(a[i], b[i])) return compare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw new TemplateFailure('template.error.notOrderable', { left: typeName(a), right: typeName(b) });
}

function getattr(obj: Value, name: string | number): Value {
  if (typeof name === 'number' && (Array.isArray(obj) || typeof obj === 'string')) {
    const items = Array.isArray(obj) ? obj : Array.from(obj);
    return items[name < 0 ? items.length + name : name];
  }
  if (isDict(obj)) return ownValue(obj, String(name));
  if (obj instanceof Namespace) return obj.attrs.get(String(name));
  if (obj instanceof PyObject) return obj.attribute(String(name));
  if (Array.isArray(obj) && typeof name === 'string') return groupAttribute(obj, name);
  return undefined;
}

export function testRuntime(fuel = 100_000): Runtime & { fuelLeft(): number } {
  let left = fuel;
  const rt: Runtime & { fuelLeft(): number } = {
    str,
    repr,
    truthy,
    equals,
    compare,
    getattr,
    call(fn, args, kwargs) {
      if (fn instanceof PyCallable) return fn.call(args, kwargs);
      return rt.fail('template.error.notCallable', { type: typeName(fn) });
    },
    filter(name, value, args, kwargs) {
      const f = builtins.filters[name];
      if (!f) return rt.fail('template.error.unknownFilter', { filter: name });
      return f(rt, value, args, kwargs);
    },
    test(name, value, args) {
      const t = builtins.tests[name];
      if (!t) return rt.fail('template.error.unknownTest', { test: name });
      return t(rt, value, args);
    },
    spend(steps) {
      left -= steps;
      if (left < 0) rt.fail('template.error.outOfFuel', {});
    },
    fail(key, params = {}) {
      throw new TemplateFailure(key, params);
    },
    fuelLeft: () => left,
  };
  return rt;
}
