/**
 * Jinja2's runtime values as the interpreter holds them. Python's types map to plain JS data:
 * None → null, Undefined → undefined, bool → boolean, int → number, float → PyFloat (so `2.0` prints as
 * Python prints it), str → string, list → array, tuple → array marked by `tuple()`, dict → plain object
 * (own data properties only). Namespaces, macros, `loop` and allowlisted callables are class instances,
 * so nothing a template reaches is a JS function.
 */

/** A Python float: kept apart from ints because `10 / 5` prints `2.0` and `| round` returns floats. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Something a template may call: a macro, `loop.cycle`, a bound allowlisted method, a global like `range`. */
export abstract class PyCallable {
  abstract readonly name: string;
  abstract call(args: Value[], kwargs: Record<string, Value>): Value;
}

/** `namespace(...)`: the one mutable object a template can build (Jinja2's `{% set ns.x = … %}`). */
export class Namespace {
  readonly attrs = new Map<string, Value>();
}

/**
 * An object with a fixed set of attributes the core defines (`loop`, a `cycler`): templates read
 * them only through `attribute`, so nothing else of the instance is reachable.
 */
export abstract class PyObject {
  abstract readonly typeName: string;
  abstract attribute(name: string): Value;
}

export type Scalar = string | number | boolean | null | undefined | PyFloat;
export type Value = Scalar | Value[] | { [key: string]: Value } | PyCallable | Namespace | PyObject;
export type Dict = { [key: string]: Value };

const tuples = new WeakSet<Value[]>();

/** Marks an array as a Python tuple (printed `(1, 2)`, immutable for `append`). */
export function tuple(items: Value[]): Value[] {
  tuples.add(items);
  return items;
}

export const isTuple = (value: unknown): boolean => Array.isArray(value) && tuples.has(value);
export const isFloat = (value: unknown): value is PyFloat => value instanceof PyFloat;
export const isNumber = (value: unknown): value is number | PyFloat => typeof value === 'number' || value instanceof PyFloat;
export const numberOf = (value: number | PyFloat): number => (value instanceof PyFloat ? value.value : value);

/** A dict is plain data: an object whose prototype is Object.prototype or null, and nothing else. */
export function isDict(value: unknown): value is Dict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The only way to read a key of a dict: an own, enumerable data property (never a getter, never the prototype). */
export function ownValue(dict: Dict, key: string): Value {
  const d = Object.getOwnPropertyDescriptor(dict, key);
  return d && 'value' in d && d.enumerable ? (d.value as Value) : undefined;
}
