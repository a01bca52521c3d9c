import type { Builtins, Runtime } from './builtin-api';
import { Cycler, NativeFunction } from './callables';
import { asNumber } from './python-values';
import { isDict, Namespace, type Dict, type Value } from './values';

/** The largest `range()` a template may build; bigger ones are almost always mistakes. */
export const MAX_RANGE_ITEMS = 10_000;

function integer(rt: Runtime, value: Value, name: string): number {
  const n = asNumber(value);
  if (n === undefined || !Number.isInteger(n)) rt.fail('template.error.badArgument', { name, detail: 'an integer is required' });
  return n;
}

function range(rt: Runtime, args: Value[]): Value {
  const [a, b, c] = args.map((value) => integer(rt, value, 'range'));
  const [start, stop, step] = b === undefined ? [0, a ?? 0, 1] : [a!, b, c ?? 1];
  if (step === 0) rt.fail('template.error.badArgument', { name: 'range', detail: 'step must not be zero' });
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_RANGE_ITEMS) rt.fail('template.error.badArgument', { name: 'range', detail: `more than ${MAX_RANGE_ITEMS} items` });
  rt.spend(1 + (count >> 6));
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** `dict(a=1)`, `dict(other, a=1)`: a new plain dict. */
function dict(args: Value[], kwargs: Record<string, Value>): Dict {
  const out: Dict = Object.create(null);
  const from = args[0];
  if (isDict(from)) for (const key of Object.keys(from)) out[key] = from[key];
  if (Array.isArray(from)) for (const pair of from) if (Array.isArray(pair) && pair.length === 2) out[String(pair[0])] = pair[1];
  for (const key of Object.keys(kwargs)) out[key] = kwargs[key];
  return out;
}

function namespace(args: Value[], kwargs: Record<string, Value>): Namespace {
  const ns = new Namespace();
  for (const [key, value] of Object.entries(dict(args, kwargs))) ns.attrs.set(key, value);
  return ns;
}

function joiner(rt: Runtime, args: Value[]): Value {
  const separator = args[0] === undefined ? ', ' : rt.str(args[0]);
  let used = false;
  return new NativeFunction('joiner', () => {
    const out = used ? separator : '';
    used = true;
    return out;
  });
}

/** Jinja2's default globals (no `lipsum`, no loaders): range, dict, namespace, cycler, joiner. */
export const CORE_GLOBALS: Builtins['globals'] = {
  range: (rt, args) => range(rt, args),
  dict: (_rt, args, kwargs) => dict(args, kwargs),
  namespace: (_rt, args, kwargs) => namespace(args, kwargs),
  cycler: (_rt, args) => new Cycler(args),
  joiner: (rt, args) => joiner(rt, args),
};

export const CORE_GLOBAL_NAMES = Object.keys(CORE_GLOBALS);
