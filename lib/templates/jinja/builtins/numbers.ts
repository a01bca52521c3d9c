import type { Filter, Runtime } from '../builtin-api';
import { isFloat, isTuple, numberOf, PyFloat, tuple, type Value } from '../values';
import { bind } from './args';
import { roundHalfEven, toFixedEven } from './decimal';
import { attributeGetter, badArgument, badType, float, intArg, isFloatLike, iterate, numArg, spendFor } from './py';
import { strip } from './text';

const DIGITS = '(?:\\d(?:_?\\d)*)';
const FLOAT_TEXT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.${DIGITS}?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);

/** Python's float(str): surrounding whitespace, underscores between digits, inf/nan words; null when invalid. */
export function parsePyFloat(text: string): number | null {
  const s = strip(text, null, 'both');
  const word = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (word) return word[2]!.toLowerCase() === 'nan' ? NaN : word[1] === '-' ? -Infinity : Infinity;
  return FLOAT_TEXT.test(s) ? Number(s.replace(/_/g, '')) : null;
}

const PREFIX: Record<string, number> = { x: 16, o: 8, b: 2 };

/** Python's int(str, base): sign, optional 0x/0o/0b prefix matching the base (or choosing it when base is 0). */
export function parsePyInt(text: string, base: number): number | null {
  const m = /^([+-]?)(?:0([xXoObB])_?)?(.*)$/s.exec(strip(text, null, 'both'))!;
  const [, sign, prefixLetter, rest = ''] = m;
  let radix = base;
  let digits = rest;
  if (prefixLetter) {
    const prefixBase = PREFIX[prefixLetter.toLowerCase()]!;
    if (base === 0 || base === prefixBase) radix = prefixBase;
    else digits = `0${prefixLetter}${rest}`;
  } else if (base === 0) {
    radix = 10;
    if (/^0+[1-9]/.test(rest.replace(/_/g, ''))) return null;
  }
  if (!/^[0-9a-zA-Z](?:_?[0-9a-zA-Z])*$/.test(digits)) return null;
  const clean = digits.replace(/_/g, '').toLowerCase();
  const valid = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  if ([...clean].some((c) => !valid.includes(c))) return null;
  const n = parseInt(clean, radix);
  return sign === '-' ? -n : n;
}

/** int(value) for a non-str value: null where Python raises. */
function toInt(value: Value): number | null {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number' || isFloat(value)) return Number.isFinite(numberOf(value)) ? Math.trunc(numberOf(value)) : null;
  return null;
}

/** float(value): null where Python raises. */
function toFloat(value: Value): number | null {
  if (typeof value === 'string') return parsePyFloat(value);
  if (typeof value === 'number' || isFloat(value)) return numberOf(value);
  if (typeof value === 'boolean') return Number(value);
  return null;
}

const intFilter: Filter = (rt, value, args, kwargs) => {
  const [fallback, base] = bind(rt, 'int', [['default', 0], ['base', 10]], args, kwargs);
  const b = intArg(rt, 'int', base);
  if (b !== 0 && (b < 2 || b > 36)) return badArgument(rt, 'int', 'base must be >= 2 and <= 36, or 0');
  const direct = typeof value === 'string' ? parsePyInt(value, b) : toInt(value);
  if (direct !== null) return direct;
  // Jinja2's quirk: "42.23"|int gives 42 through float().
  const viaFloat = toFloat(value);
  return viaFloat !== null && Number.isFinite(viaFloat) ? Math.trunc(viaFloat) : fallback;
};

const floatFilter: Filter = (rt, value, args, kwargs) => {
  const [fallback] = bind(rt, 'float', [['default', new PyFloat(0)]], args, kwargs);
  const n = toFloat(value);
  return n === null ? fallback : float(n);
};

const abs: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'abs', [], args, kwargs);
  if (typeof value === 'number' || typeof value === 'boolean') return Math.abs(Number(value));
  if (isFloatLike(value)) return float(Math.abs(numberOf(value as number | PyFloat)));
  return badType(rt, 'abs', value);
};

const round: Filter = (rt, value, args, kwargs) => {
  const [precisionArg, method] = bind(rt, 'round', [['precision', 0], ['method', 'common']], args, kwargs);
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') return badArgument(rt, 'round', 'method must be common, ceil or floor');
  const precision = intArg(rt, 'round', precisionArg);
  const x = numArg(rt, 'round', value);
  if (method === 'common') {
    if (!isFloatLike(value)) return precision >= 0 ? x : roundHalfEven(x, precision);
    return float(roundHalfEven(x, precision));
  }
  const scale = 10 ** precision;
  return float((method === 'ceil' ? Math.ceil(x * scale) : Math.floor(x * scale)) / scale);
};

/** Python's `a + b` for what sum() meets: numbers (int stays int until a float joins), lists, tuples. */
function add(rt: Runtime, a: Value, b: Value): Value {
  const numeric = (v: Value) => typeof v === 'number' || typeof v === 'boolean' || isFloat(v);
  if (numeric(a) && numeric(b)) {
    const n = numArg(rt, 'sum', a) + numArg(rt, 'sum', b);
    return isFloatLike(a) || isFloatLike(b) ? float(n) : n;
  }
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    const joined = [...a, ...b];
    return isTuple(a) ? tuple(joined) : joined;
  }
  return badType(rt, 'sum', numeric(a) ? b : a);
}

const sum: Filter = (rt, value, args, kwargs) => {
  const [attribute, start] = bind(rt, 'sum', [['attribute', null], ['start', 0]], args, kwargs);
  const items = iterate(rt, 'sum', value);
  if (typeof start === 'string') return badArgument(rt, 'sum', "sum() can't sum strings [use ''.join(seq) instead]");
  spendFor(rt, items.length);
  const get = attribute === null ? (v: Value) => v : attributeGetter(rt, attribute);
  return items.reduce<Value>((total, item) => add(rt, total, get(item)), start);
};

const SIZE_PREFIXES = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

const filesizeformat: Filter = (rt, value, args, kwargs) => {
  const [binary] = bind(rt, 'filesizeformat', [['binary', false]], args, kwargs);
  const bytes = toFloat(value);
  if (bytes === null) return badType(rt, 'filesizeformat', value);
  const isBinary = rt.truthy(binary);
  const base = isBinary ? 1024 : 1000;
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let i = 0;
  while (i < SIZE_PREFIXES.length - 1 && bytes >= base ** (i + 2)) i++;
  const prefix = isBinary ? `${SIZE_PREFIXES[i]!.toUpperCase()}iB` : `${SIZE_PREFIXES[i]!}B`;
  return `${toFixedEven((base * bytes) / base ** (i + 2), 1)} ${prefix}`;
};

export const numberFilters: Record<string, Filter> = { abs, filesizeformat, float: floatFilter, int: intFilter, round, sum };
