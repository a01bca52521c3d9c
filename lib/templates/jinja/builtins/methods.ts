import type { Method, Runtime } from '../builtin-api';
import { isDict, isTuple, ownValue, PyCallable, tuple, type Dict, type Value } from '../values';
import { bind, REQUIRED } from './args';
import { braceFormat } from './pyformat';
import { badArgument, badType, guardText, intArg, isPySpace, iterate, MAX_ITEMS, splitlines, strArg } from './py';
import { guardedReplace } from './strings';
import { capitalize, center, hasOnlyCase, ljust, rjust, strip, titleCase } from './text';

/**
 * The allowlisted Python methods of str, list and dict, with Python's semantics (`replace` replaces every
 * occurrence, `split()` splits on runs of whitespace…). Lists and dicts may be changed in place: the
 * template's context is a copy. Tuples only answer `index` and `count`, as in Python.
 */

const cps = (s: string): string[] => Array.from(s);

/** Python's slice bounds for s[start:end] in code points (None = open, negatives count from the end). */
function bounds(rt: Runtime, name: string, len: number, start: Value, end: Value): [number, number] {
  // As CPython: negatives count from the end; only the end is clamped to the length, so a start past
  // the end finds nothing (`"abc".find("", 10)` is -1).
  const norm = (v: Value, open: number, cap: number) => {
    if (v === null || v === undefined) return open;
    const n = intArg(rt, name, v);
    return n < 0 ? Math.max(0, len + n) : Math.min(n, cap);
  };
  return [norm(start, 0, Infinity), norm(end, len, len)];
}

/** find/rfind/index/rindex: the code point position of `sub` in s[start:end], or -1. */
function locate(rt: Runtime, name: string, self: Value, args: Value[], kwargs: Record<string, Value>, fromRight: boolean): number {
  const [sub, start, end] = bind(rt, name, [['sub', REQUIRED], ['start', null], ['end', null]], args, kwargs);
  const s = cps(strArg(rt, name, self));
  const [from, to] = bounds(rt, name, s.length, start, end);
  const needle = cps(strArg(rt, name, sub));
  if (to - from < needle.length) return -1;
  const matchAt = (i: number) => needle.every((c, j) => s[i + j] === c);
  if (fromRight) {
    for (let i = to - needle.length; i >= from; i--) if (matchAt(i)) return i;
  } else {
    for (let i = from; i + needle.length <= to; i++) if (matchAt(i)) return i;
  }
  return -1;
}

function split(rt: Runtime, name: string, self: Value, args: Value[], kwargs: Record<string, Value>, fromRight: boolean): Value[] {
  const [sepArg, maxArg] = bind(rt, name, [['sep', null], ['maxsplit', -1]], args, kwargs);
  const s = strArg(rt, name, self);
  const max = intArg(rt, name, maxArg);
  if (sepArg === null) return whitespaceSplit(s, max < 0 ? Infinity : max, fromRight);
  const sep = strArg(rt, name, sepArg);
  if (sep === '') return badArgument(rt, name, 'empty separator');
  const parts = s.split(sep);
  if (max < 0 || parts.length - 1 <= max) return parts;
  return fromRight ? [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)] : [...parts.slice(0, max), parts.slice(max).join(sep)];
}

/** str.split() without a separator: runs of whitespace, no empty strings, the rest kept after maxsplit cuts. */
function whitespaceSplit(s: string, max: number, fromRight: boolean): string[] {
  const chars = fromRight ? cps(s).reverse() : cps(s);
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && isPySpace(chars[i]!)) i++;
    if (i >= chars.length) break;
    if (out.length === max) {
      // The unsplit rest keeps its whitespace on the far side, as Python's does.
      const rest = chars.slice(i);
      out.push((fromRight ? rest.reverse() : rest).join(''));
      break;
    }
    let j = i;
    while (j < chars.length && !isPySpace(chars[j]!)) j++;
    const word = chars.slice(i, j);
    out.push((fromRight ? word.reverse() : word).join(''));
    i = j;
  }
  return fromRight ? out.reverse() : out;
}

function affix(name: 'startswith' | 'endswith'): Method {
  return (rt, self, args, kwargs) => {
    const [prefix, start, end] = bind(rt, name, [['prefix', REQUIRED], ['start', null], ['end', null]], args, kwargs);
    const s = cps(strArg(rt, name, self));
    const [from, to] = bounds(rt, name, s.length, start, end);
    const part = s.slice(from, to).join('');
    const options = Array.isArray(prefix) && isTuple(prefix) ? prefix : [prefix];
    return options.some((p) => (name === 'startswith' ? part.startsWith(strArg(rt, name, p)) : part.endsWith(strArg(rt, name, p))));
  };
}

function stripper(name: string, side: 'both' | 'left' | 'right'): Method {
  return (rt, self, args, kwargs) => {
    const [chars] = bind(rt, name, [['chars', null]], args, kwargs);
    return strip(strArg(rt, name, self), chars === null ? null : strArg(rt, name, chars), side);
  };
}

function padder(name: string, fn: (s: string, width: number, fill: string) => string): Method {
  return (rt, self, args, kwargs) => {
    const [width, fill] = bind(rt, name, [['width', REQUIRED], ['fillchar', ' ']], args, kwargs);
    const w = intArg(rt, name, width);
    if (w > MAX_ITEMS) return rt.fail('template.error.tooLarge', { filter: name, limit: MAX_ITEMS });
    const f = strArg(rt, name, fill);
    if (cps(f).length !== 1) return badArgument(rt, name, 'The fill character must be exactly one character long');
    return fn(strArg(rt, name, self), w, f);
  };
}

function predicate(name: string, fn: (s: string) => boolean): Method {
  return (rt, self, args, kwargs) => {
    bind(rt, name, [], args, kwargs);
    return fn(strArg(rt, name, self));
  };
}

function transform(name: string, fn: (s: string) => string): Method {
  return (rt, self, args, kwargs) => {
    bind(rt, name, [], args, kwargs);
    return fn(strArg(rt, name, self));
  };
}

function partition(name: string, fromRight: boolean): Method {
  return (rt, self, args, kwargs) => {
    const [sepArg] = bind(rt, name, [['sep', REQUIRED]], args, kwargs);
    const s = strArg(rt, name, self);
    const sep = strArg(rt, name, sepArg);
    if (sep === '') return badArgument(rt, name, 'empty separator');
    const at = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
    if (at < 0) return tuple(fromRight ? ['', '', s] : [s, '', '']);
    return tuple([s.slice(0, at), sep, s.slice(at + sep.length)]);
  };
}

const strMethods: Record<string, Method> = {
  split: (rt, self, args, kwargs) => split(rt, 'split', self, args, kwargs, false),
  rsplit: (rt, self, args, kwargs) => split(rt, 'rsplit', self, args, kwargs, true),
  splitlines: (rt, self, args, kwargs) => {
    const [keepends] = bind(rt, 'splitlines', [['keepends', false]], args, kwargs);
    const s = strArg(rt, 'splitlines', self);
    if (!rt.truthy(keepends)) return splitlines(s);
    return s.match(/[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|$)/g)!.filter(Boolean);
  },
  strip: stripper('strip', 'both'),
  lstrip: stripper('lstrip', 'left'),
  rstrip: stripper('rstrip', 'right'),
  startswith: affix('startswith'),
  endswith: affix('endswith'),
  replace: (rt, self, args, kwargs) => {
    const [old, replacement, count] = bind(rt, 'replace', [['old', REQUIRED], ['new', REQUIRED], ['count', -1]], args, kwargs);
    const s = strArg(rt, 'replace', self);
    return guardedReplace(rt, 'replace', s, strArg(rt, 'replace', old), strArg(rt, 'replace', replacement), intArg(rt, 'replace', count));
  },
  lower: transform('lower', (s) => s.toLowerCase()),
  upper: transform('upper', (s) => s.toUpperCase()),
  title: transform('title', titleCase),
  capitalize: transform('capitalize', capitalize),
  swapcase: transform('swapcase', (s) => cps(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
  find: (rt, self, args, kwargs) => locate(rt, 'find', self, args, kwargs, false),
  rfind: (rt, self, args, kwargs) => locate(rt, 'rfind', self, args, kwargs, true),
  index: (rt, self, args, kwargs) => {
    const at = locate(rt, 'index', self, args, kwargs, false);
    return at < 0 ? badArgument(rt, 'index', 'substring not found') : at;
  },
  rindex: (rt, self, args, kwargs) => {
    const at = locate(rt, 'rindex', self, args, kwargs, true);
    return at < 0 ? badArgument(rt, 'rindex', 'substring not found') : at;
  },
  count: (rt, self, args, kwargs) => {
    const [sub, start, end] = bind(rt, 'count', [['sub', REQUIRED], ['start', null], ['end', null]], args, kwargs);
    const s = cps(strArg(rt, 'count', self));
    const [from, to] = bounds(rt, 'count', s.length, start, end);
    const part = s.slice(from, to);
    const needle = strArg(rt, 'count', sub);
    if (needle === '') return to >= from ? part.length + 1 : 0;
    return part.join('').split(needle).length - 1;
  },
  join: (rt, self, args, kwargs) => {
    const [iterable] = bind(rt, 'join', [['iterable', REQUIRED]], args, kwargs);
    const items = iterate(rt, 'join', iterable).map((item) => strArg(rt, 'join', item));
    const sep = strArg(rt, 'join', self);
    guardText(rt, 'join', items.reduce((n, item) => n + item.length, 0) + Math.max(0, items.length - 1) * sep.length);
    return items.join(sep);
  },
  format: (rt, self, args, kwargs) => braceFormat(rt, 'format', strArg(rt, 'format', self), args, kwargs),
  zfill: (rt, self, args, kwargs) => {
    const [width] = bind(rt, 'zfill', [['width', REQUIRED]], args, kwargs);
    const w = intArg(rt, 'zfill', width);
    if (w > MAX_ITEMS) return rt.fail('template.error.tooLarge', { filter: 'zfill', limit: MAX_ITEMS });
    const s = strArg(rt, 'zfill', self);
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    const body = s.slice(sign.length);
    return sign + '0'.repeat(Math.max(0, w - cps(s).length)) + body;
  },
  center: padder('center', center),
  ljust: padder('ljust', ljust),
  rjust: padder('rjust', rjust),
  partition: partition('partition', false),
  rpartition: partition('rpartition', true),
  removeprefix: (rt, self, args, kwargs) => {
    const [prefix] = bind(rt, 'removeprefix', [['prefix', REQUIRED]], args, kwargs);
    const s = strArg(rt, 'removeprefix', self);
    const p = strArg(rt, 'removeprefix', prefix);
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (rt, self, args, kwargs) => {
    const [suffix] = bind(rt, 'removesuffix', [['suffix', REQUIRED]], args, kwargs);
    const s = strArg(rt, 'removesuffix', self);
    const p = strArg(rt, 'removesuffix', suffix);
    return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  isdigit: predicate('isdigit', (s) => /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(s)),
  isdecimal: predicate('isdecimal', (s) => /^\p{Nd}+$/u.test(s)),
  isnumeric: predicate('isnumeric', (s) => /^\p{N}+$/u.test(s)),
  isalpha: predicate('isalpha', (s) => /^\p{L}+$/u.test(s)),
  isalnum: predicate('isalnum', (s) => /^[\p{L}\p{N}]+$/u.test(s)),
  isspace: predicate('isspace', (s) => s !== '' && cps(s).every(isPySpace)),
  islower: predicate('islower', (s) => hasOnlyCase(s, true)),
  isupper: predicate('isupper', (s) => hasOnlyCase(s, false)),
};

// ---------------------------------------------------------------- list

function listSelf(rt: Runtime, name: string, self: Value): Value[] {
  return Array.isArray(self) ? self : badType(rt, name, self);
}

function mutable(rt: Runtime, name: string, self: Value): Value[] {
  const list = listSelf(rt, name, self);
  if (isTuple(list)) return rt.fail('template.error.immutable', { filter: name });
  return list;
}

function grow(rt: Runtime, name: string, list: Value[], added: number): void {
  rt.spend(added);
  if (list.length + added > MAX_ITEMS * 10) rt.fail('template.error.tooLarge', { filter: name, limit: MAX_ITEMS * 10 });
}

/** Python's index normalisation for list.insert: negatives count from the end, out of range clamps. */
function insertAt(len: number, i: number): number {
  return i < 0 ? Math.max(0, len + i) : Math.min(i, len);
}

function findIndex(rt: Runtime, name: string, list: Value[], x: Value, start: Value, end: Value): number {
  const [from, to] = bounds(rt, name, list.length, start, end);
  rt.spend(Math.max(0, to - from));
  for (let i = from; i < to; i++) if (rt.equals(list[i], x)) return i;
  return -1;
}

const listMethods: Record<string, Method> = {
  append: (rt, self, args, kwargs) => {
    const [x] = bind(rt, 'append', [['object', REQUIRED]], args, kwargs);
    const list = mutable(rt, 'append', self);
    grow(rt, 'append', list, 1);
    list.push(x);
    return null;
  },
  extend: (rt, self, args, kwargs) => {
    const [iterable] = bind(rt, 'extend', [['iterable', REQUIRED]], args, kwargs);
    const list = mutable(rt, 'extend', self);
    const items = [...iterate(rt, 'extend', iterable)];
    grow(rt, 'extend', list, items.length);
    list.push(...items);
    return null;
  },
  insert: (rt, self, args, kwargs) => {
    const [index, x] = bind(rt, 'insert', [['index', REQUIRED], ['object', REQUIRED]], args, kwargs);
    const list = mutable(rt, 'insert', self);
    grow(rt, 'insert', list, 1);
    list.splice(insertAt(list.length, intArg(rt, 'insert', index)), 0, x);
    return null;
  },
  pop: (rt, self, args, kwargs) => {
    const [index] = bind(rt, 'pop', [['index', -1]], args, kwargs);
    const list = mutable(rt, 'pop', self);
    if (!list.length) return badArgument(rt, 'pop', 'pop from empty list');
    const i = intArg(rt, 'pop', index);
    const at = i < 0 ? list.length + i : i;
    if (at < 0 || at >= list.length) return badArgument(rt, 'pop', 'pop index out of range');
    return list.splice(at, 1)[0];
  },
  remove: (rt, self, args, kwargs) => {
    const [x] = bind(rt, 'remove', [['value', REQUIRED]], args, kwargs);
    const list = mutable(rt, 'remove', self);
    const at = findIndex(rt, 'remove', list, x, null, null);
    if (at < 0) return badArgument(rt, 'remove', 'list.remove(x): x not in list');
    list.splice(at, 1);
    return null;
  },
  clear: (rt, self, args, kwargs) => {
    bind(rt, 'clear', [], args, kwargs);
    mutable(rt, 'clear', self).length = 0;
    return null;
  },
  reverse: (rt, self, args, kwargs) => {
    bind(rt, 'reverse', [], args, kwargs);
    mutable(rt, 'reverse', self).reverse();
    return null;
  },
  sort: (rt, self, args, kwargs) => {
    if (args.length) return badArgument(rt, 'sort', 'sort() takes no positional arguments');
    const [reverse] = bind(rt, 'sort', [['reverse', false]], [], kwargs);
    const list = mutable(rt, 'sort', self);
    rt.spend(list.length);
    const sorted = [...list].sort((a, b) => (rt.truthy(reverse) ? rt.compare(b, a) : rt.compare(a, b)));
    list.splice(0, list.length, ...sorted);
    return null;
  },
  copy: (rt, self, args, kwargs) => {
    bind(rt, 'copy', [], args, kwargs);
    return [...mutable(rt, 'copy', self)];
  },
  index: (rt, self, args, kwargs) => {
    const [x, start, end] = bind(rt, 'index', [['value', REQUIRED], ['start', null], ['end', null]], args, kwargs);
    const at = findIndex(rt, 'index', listSelf(rt, 'index', self), x, start, end);
    return at < 0 ? badArgument(rt, 'index', `${rt.repr(x)} is not in list`) : at;
  },
  count: (rt, self, args, kwargs) => {
    const [x] = bind(rt, 'count', [['value', REQUIRED]], args, kwargs);
    const list = listSelf(rt, 'count', self);
    rt.spend(list.length);
    return list.filter((item) => rt.equals(item, x)).length;
  },
};

const TUPLE_METHODS = new Set(['index', 'count']);

// ---------------------------------------------------------------- dict

function dictSelf(rt: Runtime, name: string, self: Value): Dict {
  return isDict(self) ? self : badType(rt, name, self);
}

/** Sets a key as an own data property, so a key like "__proto__" stays a key and never a prototype. */
export function setKey(d: Dict, key: string, value: Value): void {
  Object.defineProperty(d, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Python's dict(x) / d.update(x): from a dict or from (key, value) pairs. */
export function mergeInto(rt: Runtime, name: string, target: Dict, source: Value): void {
  if (isDict(source)) {
    const keys = Object.keys(source);
    rt.spend(keys.length);
    for (const k of keys) setKey(target, k, ownValue(source, k));
    return;
  }
  const pairs = iterate(rt, name, source);
  rt.spend(pairs.length);
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return badArgument(rt, name, 'dictionary update sequence element has wrong length');
    setKey(target, rt.str(pair[0]!), pair[1]!);
  }
}

const keyOf = (key: Value): string | undefined => (typeof key === 'string' ? key : undefined);

const dictMethods: Record<string, Method> = {
  get: (rt, self, args, kwargs) => {
    if (Object.keys(kwargs).length) return badArgument(rt, 'get', 'get() takes no keyword arguments');
    const [key, fallback] = bind(rt, 'get', [['key', REQUIRED], ['default', null]], args, {});
    const d = dictSelf(rt, 'get', self);
    const k = keyOf(key);
    return k !== undefined && Object.hasOwn(d, k) ? ownValue(d, k) : fallback;
  },
  items: (rt, self, args, kwargs) => {
    bind(rt, 'items', [], args, kwargs);
    const d = dictSelf(rt, 'items', self);
    return Object.keys(d).map((k) => tuple([k, ownValue(d, k)]));
  },
  keys: (rt, self, args, kwargs) => {
    bind(rt, 'keys', [], args, kwargs);
    return Object.keys(dictSelf(rt, 'keys', self));
  },
  values: (rt, self, args, kwargs) => {
    bind(rt, 'values', [], args, kwargs);
    const d = dictSelf(rt, 'values', self);
    return Object.keys(d).map((k) => ownValue(d, k));
  },
  update: (rt, self, args, kwargs) => {
    const d = dictSelf(rt, 'update', self);
    if (args.length > 1) return badArgument(rt, 'update', 'update expected at most 1 argument');
    if (args.length) mergeInto(rt, 'update', d, args[0]!);
    mergeInto(rt, 'update', d, kwargs);
    return null;
  },
  pop: (rt, self, args, kwargs) => {
    if (Object.keys(kwargs).length) return badArgument(rt, 'pop', 'pop() takes no keyword arguments');
    if (args.length < 1 || args.length > 2) return badArgument(rt, 'pop', 'pop expected 1 or 2 arguments');
    const d = dictSelf(rt, 'pop', self);
    const k = keyOf(args[0]);
    if (k === undefined || !Object.hasOwn(d, k)) return args.length === 2 ? args[1] : badArgument(rt, 'pop', `key ${rt.repr(args[0])} not found`);
    const value = ownValue(d, k);
    delete d[k];
    return value;
  },
  setdefault: (rt, self, args, kwargs) => {
    const [key, fallback] = bind(rt, 'setdefault', [['key', REQUIRED], ['default', null]], args, kwargs);
    const d = dictSelf(rt, 'setdefault', self);
    const k = typeof key === 'string' ? key : badType(rt, 'setdefault', key);
    if (!Object.hasOwn(d, k)) setKey(d, k, fallback);
    return ownValue(d, k);
  },
  copy: (rt, self, args, kwargs) => {
    bind(rt, 'copy', [], args, kwargs);
    const copy: Dict = {};
    mergeInto(rt, 'copy', copy, dictSelf(rt, 'copy', self));
    return copy;
  },
};

export const methods = { str: strMethods, list: listMethods, dict: dictMethods };

/** The method table for a value, or undefined when Python's type has no allowlisted methods. */
export function methodsOf(value: Value): Record<string, Method> | undefined {
  if (typeof value === 'string') return strMethods;
  if (Array.isArray(value)) return listMethods;
  if (isDict(value)) return dictMethods;
  return undefined;
}

/** `obj.name` as a callable: the allowlisted method bound to its object (tuples answer only index/count). */
export class BoundMethod extends PyCallable {
  constructor(
    readonly name: string,
    private readonly rt: Runtime,
    private readonly self: Value,
    private readonly method: Method,
  ) {
    super();
  }

  call(args: Value[], kwargs: Record<string, Value>): Value {
    return this.method(this.rt, this.self, args, kwargs);
  }
}

export function boundMethod(rt: Runtime, self: Value, name: string): BoundMethod | undefined {
  const table = methodsOf(self);
  if (!table || !Object.hasOwn(table, name)) return undefined;
  if (isTuple(self) && !TUPLE_METHODS.has(name)) return undefined;
  return new BoundMethod(name, rt, self, table[name]!);
}

