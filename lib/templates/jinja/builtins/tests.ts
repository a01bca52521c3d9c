import type { Runtime, Test } from '../builtin-api';
import { isDict, isFloat, PyCallable, type Value } from '../values';
import { badArgument, badType, isFloatLike, numArg } from './py';
import { hasOnlyCase } from './text';

/** Jinja2 3.1's tests (`x is odd`, `x is divisibleby 3`, `x is in [...]`); `filter`/`test` are added in index.ts. */

/** Python's %: the result takes the divisor's sign. */
export function pyMod(rt: Runtime, name: string, a: number, b: number): number {
  if (b === 0) return badArgument(rt, name, 'division by zero');
  return ((a % b) + b) % b;
}

const arity = (rt: Runtime, name: string, args: Value[], count: number): void => {
  if (args.length !== count) badArgument(rt, name, `takes ${count} argument${count === 1 ? '' : 's'}`);
};

const unary = (name: string, fn: (rt: Runtime, v: Value) => boolean): Test => (rt, value, args) => {
  arity(rt, name, args, 0);
  return fn(rt, value);
};

const binary = (name: string, fn: (rt: Runtime, v: Value, other: Value) => boolean): Test => (rt, value, args) => {
  arity(rt, name, args, 1);
  return fn(rt, value, args[0]);
};

/** `value in container` as Python answers it. */
export function contains(rt: Runtime, name: string, container: Value, value: Value): boolean {
  if (typeof container === 'string') return typeof value === 'string' ? container.includes(value) : badType(rt, name, value);
  if (Array.isArray(container)) {
    rt.spend(container.length);
    return container.some((item) => rt.equals(item, value));
  }
  if (isDict(container)) return typeof value === 'string' && Object.hasOwn(container, value);
  if (container === undefined) return false;
  return badType(rt, name, container);
}

/** Python's `is`: the same object; equal None/bool/str, and ints that CPython caches (-5…256). */
function sameAs(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b && Number.isInteger(a) && a >= -5 && a <= 256;
  if (a === undefined || b === undefined) return false;
  return a === b;
}

const eq = binary('eq', (rt, a, b) => rt.equals(a, b));
const ne = binary('ne', (rt, a, b) => !rt.equals(a, b));
const gt = binary('gt', (rt, a, b) => rt.compare(a, b) > 0);
const ge = binary('ge', (rt, a, b) => rt.compare(a, b) >= 0);
const lt = binary('lt', (rt, a, b) => rt.compare(a, b) < 0);
const le = binary('le', (rt, a, b) => rt.compare(a, b) <= 0);
const isNumber = (v: Value) => typeof v === 'number' || typeof v === 'boolean' || isFloat(v);

export const tests: Record<string, Test> = {
  odd: unary('odd', (rt, v) => pyMod(rt, 'odd', numArg(rt, 'odd', v), 2) === 1),
  even: unary('even', (rt, v) => pyMod(rt, 'even', numArg(rt, 'even', v), 2) === 0),
  divisibleby: binary('divisibleby', (rt, v, n) => pyMod(rt, 'divisibleby', numArg(rt, 'divisibleby', v), numArg(rt, 'divisibleby', n)) === 0),
  defined: unary('defined', (_rt, v) => v !== undefined),
  undefined: unary('undefined', (_rt, v) => v === undefined),
  none: unary('none', (_rt, v) => v === null),
  boolean: unary('boolean', (_rt, v) => typeof v === 'boolean'),
  false: unary('false', (_rt, v) => v === false),
  true: unary('true', (_rt, v) => v === true),
  integer: unary('integer', (_rt, v) => typeof v === 'number' && Number.isInteger(v)),
  float: unary('float', (_rt, v) => isFloatLike(v)),
  number: unary('number', (_rt, v) => isNumber(v)),
  string: unary('string', (_rt, v) => typeof v === 'string'),
  mapping: unary('mapping', (_rt, v) => isDict(v)),
  // Jinja2's Undefined has a length and an item look-up, so it counts as a sequence and an iterable.
  sequence: unary('sequence', (_rt, v) => typeof v === 'string' || Array.isArray(v) || isDict(v) || v === undefined),
  iterable: unary('iterable', (_rt, v) => typeof v === 'string' || Array.isArray(v) || isDict(v) || v === undefined),
  callable: unary('callable', (_rt, v) => v instanceof PyCallable),
  // Autoescape is off: nothing is Markup, so nothing is escaped.
  escaped: unary('escaped', () => false),
  lower: unary('lower', (rt, v) => hasOnlyCase(rt.str(v), true)),
  upper: unary('upper', (rt, v) => hasOnlyCase(rt.str(v), false)),
  sameas: binary('sameas', (_rt, a, b) => sameAs(a, b)),
  in: binary('in', (rt, v, seq) => contains(rt, 'in', seq, v)),
  '==': eq,
  eq,
  equalto: eq,
  '!=': ne,
  ne,
  '>': gt,
  gt,
  greaterthan: gt,
  '>=': ge,
  ge,
  '<': lt,
  lt,
  lessthan: lt,
  '<=': le,
  le,
};

