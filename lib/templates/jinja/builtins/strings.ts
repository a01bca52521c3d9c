import type { Filter, Runtime } from '../builtin-api';
import { isDict, type Value } from '../values';
import { bind, REQUIRED } from './args';
import { escapeHtml, unescapeHtml } from './escape';
import { percentFormat } from './pyformat';
import { badArgument, badType, guardText, intArg, MAX_ITEMS, PY_SPACE, splitlines, strArg, dictEntries } from './py';
import { capitalize, center, strip } from './text';
import { wrap } from './wordwrap';

/**
 * Jinja2 3.1's string filters. Autoescape is off in the product, so `escape`, `safe` and `tojson` give
 * plain text (Jinja2's Markup prints the same characters); None prints as empty text (see docs/decisions.md).
 */
const one = (name: string, fn: (rt: Runtime, s: string) => Value): Filter => (rt, value, args, kwargs) => {
  bind(rt, name, [], args, kwargs);
  return fn(rt, rt.str(value));
};

const WORD_START = /([-\s({[<]+)/u;

const title: Filter = one('title', (_rt, s) =>
  s
    .split(WORD_START)
    .filter(Boolean)
    .map((item) => item[0]!.toUpperCase() + item.slice(1).toLowerCase())
    .join(''),
);

const indent: Filter = (rt, value, args, kwargs) => {
  const [width, first, blank] = bind(rt, 'indent', [['width', 4], ['first', false], ['blank', false]], args, kwargs);
  const pad = typeof width === 'string' ? width : ' '.repeat(Math.max(0, capped(rt, 'indent', intArg(rt, 'indent', width))));
  const text = rt.str(value);
  const lines = splitlines(`${text}\n`);
  guardText(rt, 'indent', text.length + (lines.length + 1) * pad.length);
  let out: string;
  if (rt.truthy(blank)) out = lines.join(`\n${pad}`);
  else out = [lines[0], ...lines.slice(1).map((line) => (line ? pad + line : line))].join('\n');
  return rt.truthy(first) ? pad + out : out;
};

const truncate: Filter = (rt, value, args, kwargs) => {
  const [length, killwords, end, leeway] = bind(rt, 'truncate', [['length', 255], ['killwords', false], ['end', '...'], ['leeway', null]], args, kwargs);
  const s = Array.from(rt.str(value));
  const max = intArg(rt, 'truncate', length);
  const tail = rt.str(end);
  const slack = leeway === null ? TRUNCATE_LEEWAY : intArg(rt, 'truncate', leeway);
  const tailLength = Array.from(tail).length;
  if (max < tailLength) return badArgument(rt, 'truncate', `expected length >= ${tailLength}, got ${max}`);
  if (slack < 0) return badArgument(rt, 'truncate', `expected leeway >= 0, got ${slack}`);
  if (s.length <= max + slack) return s.join('');
  const head = s.slice(0, max - tailLength).join('');
  if (rt.truthy(killwords)) return head + tail;
  const space = head.lastIndexOf(' ');
  return (space < 0 ? head : head.slice(0, space)) + tail;
};

/** Jinja2's default policy 'truncate.leeway'. */
export const TRUNCATE_LEEWAY = 5;

const replace: Filter = (rt, value, args, kwargs) => {
  const [old, replacement, count] = bind(rt, 'replace', [['old', REQUIRED], ['new', REQUIRED], ['count', null]], args, kwargs);
  return guardedReplace(rt, 'replace', rt.str(value), rt.str(old), rt.str(replacement), count === null ? -1 : intArg(rt, 'replace', count));
};

/** pyReplace, refused when the result would pass MAX_TEXT ("a"*1000 with each "a" made 1000 long…). */
export function guardedReplace(rt: Runtime, name: string, s: string, old: string, replacement: string, count: number): string {
  const found = old === '' ? s.length + 1 : s.split(old).length - 1;
  const times = count < 0 ? found : Math.min(count, found);
  guardText(rt, name, s.length + times * Math.max(0, replacement.length - old.length));
  return pyReplace(s, old, replacement, count);
}

/** Python's str.replace: every occurrence unless count ≥ 0; an empty `old` inserts between characters. */
export function pyReplace(s: string, old: string, replacement: string, count: number): string {
  const parts = old === '' ? ['', ...Array.from(s), ''] : s.split(old);
  const joins = count < 0 ? parts.length - 1 : Math.min(count, parts.length - 1);
  if (old === '') return parts.slice(0, joins + 1).join(replacement) + parts.slice(joins + 1).join('');
  return parts.slice(0, joins + 1).join(replacement) + (joins < parts.length - 1 ? old + parts.slice(joins + 1).join(old) : '');
}

const format: Filter = (rt, value, args, kwargs) => {
  const keyed = Object.keys(kwargs).length > 0;
  if (args.length && keyed) return badArgument(rt, 'format', "can't handle positional and keyword arguments at the same time");
  return percentFormat(rt, 'format', rt.str(value), keyed ? kwargs : args);
};

const trim: Filter = (rt, value, args, kwargs) => {
  const [chars] = bind(rt, 'trim', [['chars', null]], args, kwargs);
  return strip(rt.str(value), chars === null || chars === undefined ? null : strArg(rt, 'trim', chars), 'both');
};

const striptags: Filter = one('striptags', (_rt, s) =>
  unescapeHtml(s.replace(/<!--[\s\S]*?-->|<[^>]*>/g, '').split(new RegExp(`[${PY_SPACE}]+`)).filter(Boolean).join(' ')),
);

const wordcount: Filter = one('wordcount', (_rt, s) => (s.match(/[\p{L}\p{N}_]+/gu) ?? []).length);

const wordwrap: Filter = (rt, value, args, kwargs) => {
  const [width, breakLong, wrapstring, breakHyphens] = bind(rt, 'wordwrap', [['width', 79], ['break_long_words', true], ['wrapstring', null], ['break_on_hyphens', true]], args, kwargs);
  const w = intArg(rt, 'wordwrap', width);
  if (w <= 0) return badArgument(rt, 'wordwrap', `invalid width ${w} (must be > 0)`);
  const sep = wrapstring === null ? '\n' : rt.str(wrapstring);
  const text = rt.str(value);
  const paragraphs = splitlines(text).map((line) => wrap(line, w, rt.truthy(breakLong), rt.truthy(breakHyphens)));
  guardText(rt, 'wordwrap', text.length + paragraphs.reduce((n, lines) => n + lines.length, 0) * sep.length);
  return paragraphs.map((lines) => lines.join(sep)).join(sep);
};

const centerFilter: Filter = (rt, value, args, kwargs) => {
  const [width] = bind(rt, 'center', [['width', 80]], args, kwargs);
  return center(rt.str(value), capped(rt, 'center', intArg(rt, 'center', width)), ' ');
};

function capped(rt: Runtime, name: string, n: number): number {
  return n > MAX_ITEMS ? rt.fail('template.error.tooLarge', { filter: name, limit: MAX_ITEMS }) : n;
}

/** urllib's quote: everything but letters, digits and _.-~ (and / outside query strings) is %-encoded as UTF-8. */
function urlQuote(text: string, forQuery: boolean): string {
  const quoted = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return forQuery ? quoted.replace(/%20/g, '+') : quoted.replace(/%2F/g, '/');
}

const urlencode: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'urlencode', [], args, kwargs);
  if (typeof value === 'string' || !(Array.isArray(value) || isDict(value))) return urlQuote(rt.str(value), false);
  const pairs = isDict(value) ? dictEntries(value) : value.map((pair) => (Array.isArray(pair) && pair.length === 2 ? pair : badType(rt, 'urlencode', pair)));
  return pairs.map(([k, v]) => `${urlQuote(rt.str(k), true)}=${urlQuote(rt.str(v), true)}`).join('&');
};

const xmlattr: Filter = (rt, value, args, kwargs) => {
  const [autospace] = bind(rt, 'xmlattr', [['autospace', true]], args, kwargs);
  if (!isDict(value)) return badType(rt, 'xmlattr', value);
  const items: string[] = [];
  for (const [key, v] of dictEntries(value)) {
    if (v === null || v === undefined) continue;
    if (/[\s/>=]/.test(key)) return badArgument(rt, 'xmlattr', `invalid character in attribute name: ${rt.repr(key)}`);
    items.push(`${escapeHtml(key)}="${escapeHtml(rt.str(v))}"`);
  }
  const out = items.join(' ');
  return rt.truthy(autospace) && out ? ` ${out}` : out;
};

const escape: Filter = one('escape', (_rt, s) => escapeHtml(s));
const asText: Filter = one('string', (_rt, s) => s);

const urlize: Filter = (rt) => rt.fail('template.error.unsupported', { filter: 'urlize' });

export const stringFilters: Record<string, Filter> = {
  capitalize: one('capitalize', (_rt, s) => capitalize(s)),
  center: centerFilter,
  e: escape,
  escape,
  forceescape: escape,
  format,
  indent,
  lower: one('lower', (_rt, s) => s.toLowerCase()),
  replace,
  safe: asText,
  string: asText,
  striptags,
  title,
  trim,
  truncate,
  upper: one('upper', (_rt, s) => s.toUpperCase()),
  urlencode,
  urlize,
  wordcount,
  wordwrap,
  xmlattr,
};

