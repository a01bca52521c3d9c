import type { Runtime } from '../builtin-api';
import { isFloat, numberOf, PyFloat, type Value } from '../values';
import { toExponentialEven, toFixedEven } from './decimal';
import { isFloatLike } from './py';
import { badArgument, badType, MAX_ITEMS } from './py';

/**
 * Python's two ways of formatting text: `"%s: %.1f" % (a, b)` (behind Jinja2's `format` filter) and
 * `"{}: {:.1f}".format(a, b)` (the str method), with the number formats admins use: d, f, e, g, x, o, %, c.
 */

type Sign = '-' | '+' | ' ';

/** Fixed, exponent or general notation of a finite or infinite float, as Python prints it (no padding). */
function floatDigits(x: number, type: string, precision: number | undefined, alt: boolean): string {
  const upper = type === type.toUpperCase() && type !== '%';
  const lower = type.toLowerCase();
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    return upper ? word.toUpperCase() : word;
  }
  const abs = Math.abs(x);
  let text: string;
  if (lower === 'f' || lower === '%') {
    text = toFixedEven(abs, Math.min(precision ?? 6, 100));
    if (alt && !text.includes('.')) text += '.';
  } else if (lower === 'e') {
    text = exponent(toExponentialEven(abs, Math.min(precision ?? 6, 100)), alt);
  } else {
    const p = precision === 0 ? 1 : Math.min(precision ?? 6, 100);
    const exp = abs === 0 ? 0 : Number(toExponentialEven(abs, p - 1).split('e')[1]);
    text = exp >= -4 && exp < p ? toFixedEven(abs, p - 1 - exp) : exponent(toExponentialEven(abs, p - 1), alt);
    if (!alt) text = text.replace(/\.0*(?=e|$)|(\.\d*?)0+(?=e|$)/, '$1');
  }
  return upper ? text.toUpperCase() : text;
}

/** JS writes 1.5e+4, Python 1.5e+04. */
function exponent(js: string, alt: boolean): string {
  const [mantissa = '', exp = ''] = js.split('e');
  const sign = exp.startsWith('-') ? '-' : '+';
  const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
  return `${alt && !mantissa.includes('.') ? `${mantissa}.` : mantissa}e${sign}${digits}`;
}

function intDigits(n: number, type: string, alt: boolean): string {
  const abs = Math.abs(n);
  const radix = { x: 16, X: 16, o: 8, b: 2 }[type];
  if (!radix) return String(BigInt(Math.trunc(abs)));
  const digits = abs.toString(radix);
  const prefix = alt ? `0${type}` : '';
  return type === 'X' ? `${prefix}${digits.toUpperCase()}` : `${prefix}${digits}`;
}

function group(digits: string, sep: string): string {
  const [whole = '', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

interface Layout {
  fill: string;
  align: string | undefined;
  width: number;
}

function pad(body: string, sign: string, layout: Layout, numeric: boolean): string {
  if (layout.width > MAX_ITEMS) throw new RangeError('width');
  const len = Array.from(sign + body).length;
  const gap = Math.max(0, layout.width - len);
  const align = layout.align ?? (numeric ? '>' : '<');
  if (align === '=') return sign + layout.fill.repeat(gap) + body;
  if (align === '<') return sign + body + layout.fill.repeat(gap);
  if (align === '^') {
    const left = Math.floor(gap / 2);
    return layout.fill.repeat(left) + sign + body + layout.fill.repeat(gap - left);
  }
  return layout.fill.repeat(gap) + sign + body;
}

const signOf = (negative: boolean, sign: Sign): string => (negative ? '-' : sign === '-' ? '' : sign);

// ---------------------------------------------------------------- printf style: "%5.2f" % x

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\d+)?(?:\.(\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/g;

/** `value % args`: args is a tuple of positional values, or a dict when every spec names its key. */
export function percentFormat(rt: Runtime, name: string, template: string, args: Value[] | Record<string, Value>): string {
  let next = 0;
  const byKey = !Array.isArray(args);
  const out = template.replace(PERCENT, (_m, key: string | undefined, flags: string, width?: string, precision?: string, type?: string) => {
    if (type === undefined) return badArgument(rt, name, 'incomplete format');
    if (type === '%') return '%';
    let value: Value;
    if (key !== undefined) {
      if (!byKey) return badArgument(rt, name, 'format requires a mapping');
      if (!Object.hasOwn(args, key)) return badArgument(rt, name, `missing key '${key}'`);
      value = (args as Record<string, Value>)[key];
    } else {
      if (byKey) return badArgument(rt, name, 'format requires a mapping');
      if (next >= args.length) return badArgument(rt, name, 'not enough arguments for format string');
      value = args[next++];
    }
    const layout: Layout = { fill: ' ', align: flags.includes('-') ? '<' : '>', width: Number(width ?? 0) };
    const sign: Sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '-';
    const zero = flags.includes('0') && !flags.includes('-');
    try {
      return percentOne(rt, name, value, type, precision === undefined ? undefined : Number(precision), flags.includes('#'), sign, layout, zero);
    } catch (e) {
      if (e instanceof RangeError) return rt.fail('template.error.tooLarge', { filter: name, limit: MAX_ITEMS });
      throw e;
    }
  });
  if (Array.isArray(args) && next < args.length) badArgument(rt, name, 'not all arguments converted during string formatting');
  return out;
}

function percentOne(rt: Runtime, name: string, value: Value, type: string, precision: number | undefined, alt: boolean, sign: Sign, layout: Layout, zero: boolean): string {
  if (type === 's' || type === 'r' || type === 'a') {
    const text = type === 's' ? rt.str(value) : rt.repr(value);
    return pad(precision === undefined ? text : Array.from(text).slice(0, precision).join(''), '', layout, false);
  }
  if (type === 'c') {
    const ch = typeof value === 'number' ? String.fromCodePoint(value) : typeof value === 'string' && Array.from(value).length === 1 ? value : badType(rt, name, value);
    return pad(ch, '', layout, false);
  }
  if (typeof value !== 'number' && typeof value !== 'boolean' && !isFloat(value)) return badType(rt, name, value);
  const n = typeof value === 'boolean' ? Number(value) : numberOf(value);
  const intType = 'diux'.includes(type) || type === 'X' || type === 'o';
  const body = intType ? intDigits(Math.trunc(n), type === 'i' || type === 'u' ? 'd' : type, alt) : floatDigits(n, type, precision, alt);
  const numericLayout = zero && Number.isFinite(n) ? { ...layout, fill: '0', align: '=' } : layout;
  return pad(body, signOf(n < 0 || Object.is(n, -0), sign), numericLayout, true);
}

// ---------------------------------------------------------------- str.format: "{:>5}".format(x)

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

/** Python's format(value, spec): the mini-language after `:` in `{:08.2f}`. */
export function formatSpec(rt: Runtime, name: string, value: Value, spec: string): string {
  if (spec === '') return rt.str(value);
  const m = SPEC.exec(spec);
  if (!m) return badArgument(rt, name, `invalid format specifier '${spec}'`);
  const [, fill, align, signFlag, , altFlag, zero, width, grouping, precisionText, type] = m;
  const layout: Layout = { fill: fill ?? (zero && !align ? '0' : ' '), align: align ?? (zero ? '=' : undefined), width: Number(width ?? 0) };
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  const sign = (signFlag ?? '-') as Sign;
  try {
    if (typeof value === 'string') {
      if (type !== undefined && type !== 's') return badArgument(rt, name, `unknown format code '${type}' for str`);
      return pad(precision === undefined ? value : Array.from(value).slice(0, precision).join(''), '', layout, false);
    }
    if (typeof value !== 'number' && typeof value !== 'boolean' && !isFloat(value)) return badType(rt, name, value);
    const n = typeof value === 'boolean' ? Number(value) : numberOf(value);
    const isInt = !isFloatLike(value);
    if (type === 's') return badArgument(rt, name, `unknown format code 's' for ${isInt ? 'int' : 'float'}`);
    let body: string;
    if (type === 'c') body = String.fromCodePoint(n);
    else if (isInt && (type === undefined || type === 'd' || type === 'n' || 'bxXo'.includes(type))) {
      if (precision !== undefined) return badArgument(rt, name, 'precision not allowed in integer format specifier');
      body = intDigits(n, type ?? 'd', altFlag === '#');
    } else if (!isInt && (type === 'd' || (type !== undefined && 'bxXoc'.includes(type)))) {
      return badArgument(rt, name, `unknown format code '${type}' for float`);
    } else if (type === '%') body = `${floatDigits(Math.abs(n) * 100, 'f', precision, altFlag === '#')}%`;
    else if (type === undefined) body = precision === undefined ? rt.str(new PyFloat(Math.abs(n))) : floatDigits(n, 'g', precision, altFlag === '#');
    else body = floatDigits(n, type, precision, altFlag === '#');
    if (grouping) body = group(body, grouping);
    return pad(body, signOf(n < 0 || Object.is(n, -0), sign), layout, true);
  } catch (e) {
    if (e instanceof RangeError) return rt.fail('template.error.tooLarge', { filter: name, limit: MAX_ITEMS });
    throw e;
  }
}

/** `"{} and {name}".format(a, name=b)`: auto and manual numbering, `.attr` and `[key]` look-ups, `!r`, specs. */
export function braceFormat(rt: Runtime, name: string, template: string, args: Value[], kwargs: Record<string, Value>): string {
  let auto = 0;
  let manual = false;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '}' ) {
      if (template[i + 1] !== '}') return badArgument(rt, name, "single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const close = template.indexOf('}', i);
    if (close < 0) return badArgument(rt, name, "single '{' encountered in format string");
    const field = template.slice(i + 1, close);
    if (field.includes('{')) return badArgument(rt, name, 'nested format fields are not supported');
    i = close + 1;
    const [, ref, conversion, spec] = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field) ?? [];
    if (ref === undefined) return badArgument(rt, name, `invalid field '${field}'`);
    const [, head = '', rest = ''] = /^([^.[]*)(.*)$/s.exec(ref)!;
    let value: Value;
    if (head === '') {
      if (manual) return badArgument(rt, name, 'cannot switch from manual field numbering to automatic');
      value = positional(rt, name, args, auto++);
    } else if (/^\d+$/.test(head)) {
      if (auto > 0) return badArgument(rt, name, 'cannot switch from automatic field numbering to manual');
      manual = true;
      value = positional(rt, name, args, Number(head));
    } else {
      if (!Object.hasOwn(kwargs, head)) return badArgument(rt, name, `missing key '${head}'`);
      value = kwargs[head]!;
    }
    for (const [, attr, key] of rest.matchAll(/\.([^.[]+)|\[([^\]]+)\]/g)) {
      const part = attr ?? key ?? '';
      value = rt.getattr(value, /^\d+$/.test(part) && attr === undefined ? Number(part) : part);
    }
    if (conversion === 's') value = rt.str(value);
    else if (conversion) value = rt.repr(value);
    out += formatSpec(rt, name, value, spec ?? '');
  }
  return out;
}

function positional(rt: Runtime, name: string, args: Value[], index: number): Value {
  if (index >= args.length) return badArgument(rt, name, `replacement index ${index} out of range`);
  return args[index];
}
