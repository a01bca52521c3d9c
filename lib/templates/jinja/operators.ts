import type { Runtime } from './builtin-api';
import { percentFormat } from './percent-format';
import { asNumber, typeName } from './python-values';
import { isDict, isFloat, isTuple, PyFloat, tuple, type Value } from './values';

/** A number with Python's int/float distinction: a JS number with a fraction counts as a float. */
const isFloatish = (value: Value) => isFloat(value) || (typeof value === 'number' && !Number.isInteger(value));
const numeric = (a: Value, b: Value) => asNumber(a) !== undefined && asNumber(b) !== undefined;
const result = (n: number, float: boolean): Value => (float ? new PyFloat(n) : n);

function unsupported(rt: Runtime, op: string, a: Value, b: Value): never {
  return rt.fail('template.error.unsupportedOperand', { op, left: typeName(a), right: typeName(b) });
}

/** Sequences built by `*` and `+` count against the output budget before they are built. */
function checkSize(rt: Runtime, size: number, limit: number): void {
  if (size > limit) rt.fail('template.error.tooLong', { limit });
  rt.spend(1 + (size >> 6));
}

export function binary(rt: Runtime, op: string, a: Value, b: Value, limit: number): Value {
  if (op === '%' && typeof a === 'string') return percentFormat(rt, a, b);
  if (numeric(a, b)) return arithmetic(rt, op, asNumber(a)!, asNumber(b)!, isFloatish(a) || isFloatish(b), a, b);
  if (op === '+') {
    if (typeof a === 'string' && typeof b === 'string') {
      checkSize(rt, a.length + b.length, limit);
      return a + b;
    }
    if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
      checkSize(rt, a.length + b.length, limit);
      return isTuple(a) ? tuple([...a, ...b]) : [...a, ...b];
    }
  }
  if (op === '*') {
    const [seq, count] = asNumber(b) !== undefined ? [a, b] : [b, a];
    const times = asNumber(count);
    if ((typeof seq === 'string' || Array.isArray(seq)) && times !== undefined && !isFloatish(count)) {
      const n = Math.max(0, times);
      checkSize(rt, seq.length * n, limit);
      if (typeof seq === 'string') return seq.repeat(n);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) out.push(...seq);
      return isTuple(seq) ? tuple(out) : out;
    }
  }
  return unsupported(rt, op, a, b);
}

function arithmetic(rt: Runtime, op: string, x: number, y: number, float: boolean, a: Value, b: Value): Value {
  switch (op) {
    case '+': return result(x + y, float);
    case '-': return result(x - y, float);
    case '*': return result(x * y, float);
    case '/':
      if (y === 0) rt.fail('template.error.divisionByZero');
      return new PyFloat(x / y);
    case '//':
      if (y === 0) rt.fail('template.error.divisionByZero');
      return result(Math.floor(x / y), float);
    case '%':
      if (y === 0) rt.fail('template.error.divisionByZero');
      return result(x - y * Math.floor(x / y), float);
    case '**':
      if (!float && y < 0) return new PyFloat(x ** y);
      return result(x ** y, float);
    default:
      return unsupported(rt, op, a, b);
  }
}

export function negate(rt: Runtime, value: Value, sign: 1 | -1): Value {
  const n = asNumber(value);
  if (n === undefined) return rt.fail('template.error.unsupportedOperand', { op: sign < 0 ? '-' : '+', left: typeName(value), right: '' });
  return result(sign * n, isFloatish(value));
}

/** `needle in haystack`: substring for str, membership for list/tuple, key for dict. */
export function contains(rt: Runtime, needle: Value, haystack: Value): boolean {
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string') rt.fail('template.error.unsupportedOperand', { op: 'in', left: typeName(needle), right: 'str' });
    return haystack.includes(needle);
  }
  if (Array.isArray(haystack)) return haystack.some((item) => rt.equals(item, needle));
  if (isDict(haystack)) return (typeof needle === 'string' || typeof needle === 'number') && Object.hasOwn(haystack, String(needle));
  if (haystack === undefined) return false;
  return rt.fail('template.error.notIterable', { type: typeName(haystack) });
}
