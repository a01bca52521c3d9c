import type { Runtime } from '../builtin-api';
import { PyCallable, PyObject, type Dict, type Value } from '../values';
import { bind } from './args';
import { mergeInto } from './methods';
import { badArgument, intArg, MAX_ITEMS } from './py';

type Global = (rt: Runtime, args: Value[], kwargs: Record<string, Value>) => Value;

/** range(stop) / range(start, stop[, step]) as a list, refused beyond MAX_ITEMS items. */
const range: Global = (rt, args, kwargs) => {
  if (Object.keys(kwargs).length) return badArgument(rt, 'range', 'range() takes no keyword arguments');
  if (args.length < 1 || args.length > 3) return badArgument(rt, 'range', `range expected 1 to 3 arguments, got ${args.length}`);
  const [a, b, c] = args.map((v) => intArg(rt, 'range', v));
  const [start, stop, step] = args.length === 1 ? [0, a!, 1] : [a!, b!, c ?? 1];
  if (step === 0) return badArgument(rt, 'range', 'range() arg 3 must not be zero');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_ITEMS) return rt.fail('template.error.tooLarge', { filter: 'range', limit: MAX_ITEMS });
  rt.spend(count);
  return Array.from({ length: count }, (_, i) => start + i * step);
};

const dict: Global = (rt, args, kwargs) => {
  if (args.length > 1) return badArgument(rt, 'dict', `dict expected at most 1 argument, got ${args.length}`);
  const out: Dict = {};
  if (args.length) mergeInto(rt, 'dict', out, args[0]!);
  mergeInto(rt, 'dict', out, kwargs);
  return out;
};

class Native extends PyCallable {
  constructor(
    readonly name: string,
    private readonly fn: (args: Value[], kwargs: Record<string, Value>) => Value,
  ) {
    super();
  }

  call(args: Value[], kwargs: Record<string, Value>): Value {
    return this.fn(args, kwargs);
  }
}

/** Jinja2's Cycler: `current`, `next()`, `reset()` and `items`, and nothing else of the object. */
class Cycler extends PyObject {
  readonly typeName = 'Cycler';
  private position = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly items: Value[],
  ) {
    super();
  }

  attribute(name: string): Value {
    if (name === 'current') return this.items[this.position];
    if (name === 'items') return this.items;
    if (name === 'next') return new Native('next', (args, kwargs) => this.next(args, kwargs));
    if (name === 'reset') return new Native('reset', (args, kwargs) => this.reset(args, kwargs));
    return undefined;
  }

  private next(args: Value[], kwargs: Record<string, Value>): Value {
    bind(this.rt, 'cycler.next', [], args, kwargs);
    const value = this.items[this.position];
    this.position = (this.position + 1) % this.items.length;
    return value;
  }

  private reset(args: Value[], kwargs: Record<string, Value>): Value {
    bind(this.rt, 'cycler.reset', [], args, kwargs);
    this.position = 0;
    return null;
  }
}

const cycler: Global = (rt, args, kwargs) => {
  if (Object.keys(kwargs).length) return badArgument(rt, 'cycler', 'cycler() takes no keyword arguments');
  if (!args.length) return badArgument(rt, 'cycler', 'at least one item has to be provided');
  return new Cycler(rt, [...args]);
};

/** joiner(sep=", "): '' on the first call, the separator after. */
const joiner: Global = (rt, args, kwargs) => {
  const [sep] = bind(rt, 'joiner', [['sep', ', ']], args, kwargs);
  let used = false;
  return new Native('joiner', (a, k) => {
    bind(rt, 'joiner', [], a, k);
    if (!used) {
      used = true;
      return '';
    }
    return sep;
  });
};

const lipsum: Global = (rt) => rt.fail('template.error.unsupported', { filter: 'lipsum' });

export const globals: Record<string, Global> = { cycler, dict, joiner, lipsum, range };
