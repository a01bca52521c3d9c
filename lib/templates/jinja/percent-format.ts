import type { Runtime } from './builtin-api';
import { isDict, isTuple, type Value } from './values';
import { asNumber, floatRepr } from './python-values';

/** `{{ "%s: %d" % (name, n) }}`: Python's printf-style formatting (flags, width, precision, %(key)s). */
const SPEC = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;

export function percentFormat(rt: Runtime, format: string, values: Value): string {
  const positional = Array.isArray(values) && isTuple(values) ? values : [values];
  let next = 0;
  const take = (): Value => {
    if (next >= positional.length) rt.fail('template.error.badFormat', { detail: 'not enough arguments for format string' });
    return positional[next++];
  };
  const text = format.replace(SPEC, (_whole, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let value: Value;
    if (key !== undefined) {
      if (!isDict(values)) rt.fail('template.error.badFormat', { detail: 'format requires a mapping' });
      value = rt.getattr(values, key);
    } else {
      value = take();
    }
    const w = width === '*' ? Number(asNumber(take()) ?? 0) : Number(width ?? 0);
    return pad(convert(rt, value, conv, flags, precision === undefined ? undefined : Number(precision)), w, flags);
  });
  if (isPositional(values) && next < positional.length) rt.fail('template.error.badFormat', { detail: 'not all arguments converted during string formatting' });
  return text;
}

const isPositional = (values: Value) => !isDict(values);

function convert(rt: Runtime, value: Value, conv: string, flags: string, precision: number | undefined): string {
  if (conv === 's') return precision === undefined ? rt.str(value) : rt.str(value).slice(0, precision);
  if (conv === 'r' || conv === 'a') return rt.repr(value);
  if (conv === 'c') return typeof value === 'string' ? value : String.fromCodePoint(Number(asNumber(value)));
  const n = asNumber(value);
  if (n === undefined) return rt.fail('template.error.badFormat', { detail: `%${conv} format: a real number is required, not ${typeof value}` });
  const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const abs = Math.abs(n);
  let body: string;
  switch (conv) {
    case 'd': case 'i': case 'u': body = String(Math.trunc(abs)); break;
    case 'o': body = Math.trunc(abs).toString(8); break;
    case 'x': body = Math.trunc(abs).toString(16); break;
    case 'X': body = Math.trunc(abs).toString(16).toUpperCase(); break;
    case 'e': case 'E': body = exponent(abs, precision ?? 6); break;
    case 'f': case 'F': body = abs.toFixed(precision ?? 6); break;
    default: body = general(abs, precision ?? 6);
  }
  if (conv === 'E' || conv === 'G') body = body.toUpperCase();
  return sign + body;
}

function exponent(n: number, digits: number): string {
  const [mantissa, exp] = n.toExponential(digits).split('e') as [string, string];
  return `${mantissa}e${exp.startsWith('-') ? '-' : '+'}${exp.replace(/^[-+]/, '').padStart(2, '0')}`;
}

/** %g: the shorter of %e and %f at the given significant digits, without trailing zeros. */
function general(n: number, digits: number): string {
  const p = digits === 0 ? 1 : digits;
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(n));
  const text = exp < -4 || exp >= p ? exponent(n, p - 1) : n.toFixed(Math.max(0, p - 1 - exp));
  return text.replace(/\.?0+(?=e|$)/, '') || floatRepr(n);
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?\d/.test(text)) {
    const sign = /^[-+ ]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}
