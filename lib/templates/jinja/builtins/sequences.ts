import type { Filter, Runtime } from '../builtin-api';
import { isDict, Namespace, tuple, type Value } from '../values';
import { bind, REQUIRED } from './args';
import { boundMethod } from './methods';
import { attributeGetter, badArgument, badType, dictEntries, guardText, ignoreCase, intArg, iterate, length, MAX_ITEMS, spendFor, strArg } from './py';

/**
 * Jinja2 3.1's filters over sequences and mappings. Where Jinja2 returns a generator (map, select, reject,
 * selectattr, rejectattr, unique, batch, slice, reverse) these return a list: the same items for `join`,
 * `list`, `for` and `length`, but printed as a list (Jinja2 prints `<generator object …>`).
 */

const lengthFilter: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'length', [], args, kwargs);
  return length(rt, 'length', value);
};

const list: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'list', [], args, kwargs);
  return [...iterate(rt, 'list', value)];
};

const first: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'first', [], args, kwargs);
  return iterate(rt, 'first', value)[0];
};

const last: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'last', [], args, kwargs);
  return iterate(rt, 'last', value).at(-1);
};

const reverse: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'reverse', [], args, kwargs);
  if (typeof value === 'string') return Array.from(value).reverse().join('');
  return [...iterate(rt, 'reverse', value)].reverse();
};

const items: Filter = (rt, value, args, kwargs) => {
  bind(rt, 'items', [], args, kwargs);
  if (value === undefined) return [];
  if (!isDict(value)) return rt.fail('template.error.badType', { filter: 'items', type: 'not a mapping' });
  return dictEntries(value).map((pair) => tuple(pair));
};

const join: Filter = (rt, value, args, kwargs) => {
  const [sep, attribute] = bind(rt, 'join', [['d', ''], ['attribute', null]], args, kwargs);
  let parts = iterate(rt, 'join', value);
  spendFor(rt, parts.length);
  if (attribute !== null) parts = parts.map(attributeGetter(rt, attribute));
  const texts = parts.map((p) => rt.str(p));
  const separator = rt.str(sep);
  guardText(rt, 'join', texts.reduce((n, t) => n + t.length, 0) + Math.max(0, texts.length - 1) * separator.length);
  return texts.join(separator);
};

/** Python's sorted(): stable, ordering by rt.compare on the keys; reverse keeps equal items in order. */
function sortBy(rt: Runtime, values: Value[], key: (v: Value) => Value, reverse: boolean): Value[] {
  spendFor(rt, values.length);
  const keyed = values.map((v) => ({ v, k: key(v) }));
  keyed.sort((a, b) => (reverse ? rt.compare(b.k, a.k) : rt.compare(a.k, b.k)));
  return keyed.map(({ v }) => v);
}

const sort: Filter = (rt, value, args, kwargs) => {
  const [reverse, caseSensitive, attribute] = bind(rt, 'sort', [['reverse', false], ['case_sensitive', false], ['attribute', null]], args, kwargs);
  const post = rt.truthy(caseSensitive) ? (v: Value) => v : ignoreCase;
  // "a,b" sorts by a then b: the key is the list of both.
  const attributes = typeof attribute === 'string' ? attribute.split(',') : [attribute];
  const getters = attributes.map((a) => attributeGetter(rt, a));
  const key = (v: Value): Value => getters.map((get) => post(get(v)));
  return sortBy(rt, iterate(rt, 'sort', value), key, rt.truthy(reverse));
};

const dictsort: Filter = (rt, value, args, kwargs) => {
  const [caseSensitive, by, reverse] = bind(rt, 'dictsort', [['case_sensitive', false], ['by', 'key'], ['reverse', false]], args, kwargs);
  if (by !== 'key' && by !== 'value') return badArgument(rt, 'dictsort', 'You can only sort by either "key" or "value"');
  if (!isDict(value)) return badType(rt, 'dictsort', value);
  const pos = by === 'key' ? 0 : 1;
  const post = rt.truthy(caseSensitive) ? (v: Value) => v : ignoreCase;
  const pairs = dictEntries(value).map((pair) => tuple(pair));
  return sortBy(rt, pairs, (pair) => post((pair as Value[])[pos]), rt.truthy(reverse));
};

/** Python's `key not in seen` over a list: equality as Jinja2's runtime sees it (1 == 1.0 == True). */
function unique(rt: Runtime, values: Value[], key: (v: Value) => Value): Value[] {
  const seen: Value[] = [];
  const out: Value[] = [];
  for (const v of values) {
    rt.spend(seen.length + 1);
    const k = key(v);
    if (seen.some((s) => rt.equals(s, k))) continue;
    seen.push(k);
    out.push(v);
  }
  return out;
}

const uniqueFilter: Filter = (rt, value, args, kwargs) => {
  const [caseSensitive, attribute] = bind(rt, 'unique', [['case_sensitive', false], ['attribute', null]], args, kwargs);
  const get = attributeGetter(rt, attribute);
  const post = rt.truthy(caseSensitive) ? (v: Value) => v : ignoreCase;
  return unique(rt, iterate(rt, 'unique', value), (v) => post(get(v)));
};

function extreme(name: 'min' | 'max'): Filter {
  return (rt, value, args, kwargs) => {
    const [caseSensitive, attribute] = bind(rt, name, [['case_sensitive', false], ['attribute', null]], args, kwargs);
    const values = iterate(rt, name, value);
    spendFor(rt, values.length);
    const get = attributeGetter(rt, attribute);
    const post = rt.truthy(caseSensitive) ? (v: Value) => v : ignoreCase;
    let best: Value = undefined;
    let bestKey: Value = undefined;
    values.forEach((v, i) => {
      const k = post(get(v));
      const order = i === 0 ? 0 : rt.compare(k, bestKey);
      if (i === 0 || (name === 'min' ? order < 0 : order > 0)) {
        best = v;
        bestKey = k;
      }
    });
    return best;
  };
}

const groups = new WeakMap<Value[], { grouper: Value; list: Value[] }>();

/** A `groupby` group: a (grouper, list) tuple that also answers `.grouper` and `.list`, like Jinja2's _GroupTuple. */
export function groupTuple(grouper: Value, members: Value[]): Value[] {
  const group = tuple([grouper, members]);
  groups.set(group, { grouper, list: members });
  return group;
}

/** `group.grouper` / `group.list` of a tuple `groupby` made; Undefined for any other array or name. */
export function groupAttribute(value: Value[], name: string): Value {
  const group = groups.get(value);
  return group && (name === 'grouper' || name === 'list') ? group[name] : undefined;
}

const groupby: Filter = (rt, value, args, kwargs) => {
  const [attribute, fallback, caseSensitive] = bind(rt, 'groupby', [['attribute', REQUIRED], ['default', null], ['case_sensitive', false]], args, kwargs);
  const raw = attributeGetter(rt, attribute, fallback);
  const sensitive = rt.truthy(caseSensitive);
  const key = (v: Value) => (sensitive ? raw(v) : ignoreCase(raw(v)));
  const sorted = sortBy(rt, iterate(rt, 'groupby', value), key, false);
  const groups: { key: Value; members: Value[] }[] = [];
  for (const item of sorted) {
    const k = key(item);
    const open = groups.at(-1);
    if (open && rt.equals(open.key, k)) open.members.push(item);
    else groups.push({ key: k, members: [item] });
  }
  // Not case-sensitive: the grouper is the first member's own value, not the lowered key.
  return groups.map(({ key: k, members }) => groupTuple(sensitive ? k : raw(members[0]!), members));
};

const batch: Filter = (rt, value, args, kwargs) => {
  const [linecount, fillWith] = bind(rt, 'batch', [['linecount', REQUIRED], ['fill_with', null]], args, kwargs);
  const size = intArg(rt, 'batch', linecount);
  if (size < 1) return badArgument(rt, 'batch', 'linecount must be at least 1');
  const values = iterate(rt, 'batch', value);
  spendFor(rt, values.length);
  const out: Value[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  const tail = out.at(-1);
  if (tail && fillWith !== null && tail.length < size) {
    if (size > MAX_ITEMS) return rt.fail('template.error.tooLarge', { filter: 'batch', limit: MAX_ITEMS });
    while (tail.length < size) tail.push(fillWith);
  }
  return out;
};

const slice: Filter = (rt, value, args, kwargs) => {
  const [slicesArg, fillWith] = bind(rt, 'slice', [['slices', REQUIRED], ['fill_with', null]], args, kwargs);
  const slices = intArg(rt, 'slice', slicesArg);
  if (slices < 1) return badArgument(rt, 'slice', 'slices must be at least 1');
  if (slices > MAX_ITEMS) return rt.fail('template.error.tooLarge', { filter: 'slice', limit: MAX_ITEMS });
  const seq = iterate(rt, 'slice', value);
  spendFor(rt, seq.length + slices);
  const per = Math.floor(seq.length / slices);
  const withExtra = seq.length % slices;
  const out: Value[][] = [];
  let offset = 0;
  for (let n = 0; n < slices; n++) {
    const start = offset + n * per;
    if (n < withExtra) offset++;
    const part = seq.slice(start, offset + (n + 1) * per);
    if (fillWith !== null && n >= withExtra) part.push(fillWith);
    out.push(part);
  }
  return out;
};

const map: Filter = (rt, value, args, kwargs) => {
  if (!rt.truthy(value)) return [];
  const values = iterate(rt, 'map', value);
  spendFor(rt, values.length);
  if (args.length === 0 && Object.hasOwn(kwargs, 'attribute')) {
    const { attribute, default: fallback = null, ...rest } = kwargs;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) return badArgument(rt, 'map', `unexpected keyword argument '${extra}'`);
    return values.map(attributeGetter(rt, attribute, fallback));
  }
  const [filterName, ...filterArgs] = args;
  if (filterName === undefined) return badArgument(rt, 'map', 'map requires a filter argument');
  const name = strArg(rt, 'map', filterName);
  return values.map((item) => rt.filter(name, item, filterArgs, kwargs));
};

function selectOrReject(name: string, keep: boolean, byAttribute: boolean): Filter {
  return (rt, value, args, kwargs) => {
    if (!rt.truthy(value)) return [];
    const key = Object.keys(kwargs)[0];
    if (key !== undefined) return badArgument(rt, name, `unexpected keyword argument '${key}'`);
    let rest = args;
    let get = (v: Value) => v;
    if (byAttribute) {
      if (args.length === 0) return badArgument(rt, name, 'Missing parameter for attribute name');
      get = attributeGetter(rt, args[0]);
      rest = args.slice(1);
    }
    const [testName, ...testArgs] = rest;
    const passes =
      testName === undefined ? (v: Value) => rt.truthy(v) : (v: Value) => rt.test(strArg(rt, name, testName), v, testArgs);
    const values = iterate(rt, name, value);
    spendFor(rt, values.length);
    return values.filter((item) => passes(get(item)) === keep);
  };
}

const attr: Filter = (rt, value, args, kwargs) => {
  const [nameArg] = bind(rt, 'attr', [['name', REQUIRED]], args, kwargs);
  const name = strArg(rt, 'attr', nameArg);
  // Python's getattr: a namespace's attributes and the allowlisted methods, never a dict's keys.
  if (value instanceof Namespace) return value.attrs.get(name);
  return boundMethod(rt, value, name);
};

const defaultFilter: Filter = (rt, value, args, kwargs) => {
  const [fallback, boolean] = bind(rt, 'default', [['default_value', ''], ['boolean', false]], args, kwargs);
  // Product choice (docs/decisions.md): None counts as missing too, since CallGear sends null for empty fields.
  if (value === undefined || value === null || (rt.truthy(boolean) && !rt.truthy(value))) return fallback;
  return value;
};

const random: Filter = (rt) => rt.fail('template.error.unsupported', { filter: 'random' });

export const sequenceFilters: Record<string, Filter> = {
  attr,
  batch,
  count: lengthFilter,
  d: defaultFilter,
  default: defaultFilter,
  dictsort,
  first,
  groupby,
  items,
  join,
  last,
  length: lengthFilter,
  list,
  map,
  max: extreme('max'),
  min: extreme('min'),
  random,
  reject: selectOrReject('reject', false, false),
  rejectattr: selectOrReject('rejectattr', false, true),
  reverse,
  select: selectOrReject('select', true, false),
  selectattr: selectOrReject('selectattr', true, true),
  slice,
  sort,
  unique: uniqueFilter,
};

