import { TemplateFailure } from './errors';
import { PyFloat, type Dict, type Value } from './values';

/** Larger contexts are refused: a communication's variables are a few hundred values. */
export const MAX_CONTEXT_NODES = 100_000;

/**
 * Copies a render context into null-prototype plain data, read once: own enumerable data
 * properties of plain objects and arrays, strings, finite numbers, booleans and null. Getters,
 * functions, class instances and anything a Proxy trap makes throw become Undefined (left out),
 * so what the template sees cannot change between a check and a look-up.
 */
export function copyContext(context: unknown): Dict {
  const seen = new Map<object, Value>();
  let budget = MAX_CONTEXT_NODES;
  const copy = (value: unknown): Value => {
    if (--budget < 0) throw new TemplateFailure('template.error.contextTooLarge', { limit: MAX_CONTEXT_NODES });
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    // A number with a fraction is a Python float (`is float`, `2.5 * 2` printing 5.0); JSON cannot tell 2.0 from 2.
    if (typeof value === 'number') return !Number.isFinite(value) ? undefined : Number.isInteger(value) ? value : new PyFloat(value);
    if (typeof value !== 'object') return undefined;
    const done = seen.get(value);
    if (done !== undefined) return done;
    try {
      if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) return copyArray(value);
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return copyDict(value);
    } catch (error) {
      if (error instanceof TemplateFailure) throw error;
    }
    return undefined;
  };
  const copyArray = (array: unknown[]): Value[] => {
    const out: Value[] = [];
    seen.set(array, out);
    const length = Number(Object.getOwnPropertyDescriptor(array, 'length')?.value ?? 0);
    for (let i = 0; i < length; i++) out.push(copy(dataOf(array, String(i))));
    return out;
  };
  const copyDict = (object: object): Dict => {
    const out: Dict = Object.create(null);
    seen.set(object, out);
    for (const key of Object.keys(object)) {
      const item = copy(dataOf(object, key));
      if (item !== undefined) out[key] = item;
    }
    return out;
  };
  return typeof context === 'object' && context !== null && !Array.isArray(context) ? (copy(context) as Dict | undefined) ?? Object.create(null) : Object.create(null);
}

/** An own data property's value, read once; a getter gives nothing. */
function dataOf(object: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor && descriptor.enumerable ? descriptor.value : undefined;
}
