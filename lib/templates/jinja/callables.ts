import type { Method, Runtime } from './builtin-api';
import { PyCallable, PyObject, type Value } from './values';

type Native = (args: Value[], kwargs: Record<string, Value>) => Value;

/** A function the core hands to templates (a global, `loop.cycle`, a cycler's `next`). */
export class NativeFunction extends PyCallable {
  constructor(readonly name: string, private readonly fn: Native) {
    super();
  }
  call(args: Value[], kwargs: Record<string, Value>): Value {
    return this.fn(args, kwargs);
  }
}

/** `name.split(" ")`: an allowlisted Python method bound to its value. */
export class BoundMethod extends PyCallable {
  constructor(readonly name: string, private readonly rt: Runtime, private readonly self: Value, private readonly method: Method) {
    super();
  }
  call(args: Value[], kwargs: Record<string, Value>): Value {
    return this.method(this.rt, this.self, args, kwargs);
  }
}

/** `cycler("odd", "even")`: `.next()`, `.current`, `.reset()`. */
export class Cycler extends PyObject {
  readonly typeName = 'Cycler';
  private position = 0;
  constructor(private readonly items: Value[]) {
    super();
  }
  attribute(name: string): Value {
    if (name === 'current') return this.items[this.position];
    if (name === 'next') return new NativeFunction('cycler.next', () => this.next());
    if (name === 'reset') return new NativeFunction('cycler.reset', () => void (this.position = 0));
    return undefined;
  }
  private next(): Value {
    const value = this.items[this.position];
    this.position = (this.position + 1) % Math.max(1, this.items.length);
    return value;
  }
}

/** The `loop` variable of a `for` tag. */
export class LoopState extends PyObject {
  readonly typeName = 'LoopContext';
  index0 = 0;
  private lastChanged: { value: Value[] } | null = null;
  constructor(private readonly items: Value[], private readonly equals: (a: Value, b: Value) => boolean) {
    super();
  }

  get length(): number {
    return this.items.length;
  }

  attribute(name: string): Value {
    const i = this.index0;
    switch (name) {
      case 'index': return i + 1;
      case 'index0': return i;
      case 'revindex': return this.length - i;
      case 'revindex0': return this.length - i - 1;
      case 'first': return i === 0;
      case 'last': return i === this.length - 1;
      case 'length': return this.length;
      case 'depth': return 1;
      case 'depth0': return 0;
      case 'previtem': return i > 0 ? this.items[i - 1] : undefined;
      case 'nextitem': return i + 1 < this.length ? this.items[i + 1] : undefined;
      case 'cycle': return new NativeFunction('loop.cycle', (args) => (args.length ? args[i % args.length] : undefined));
      case 'changed': return new NativeFunction('loop.changed', (args) => this.changed(args));
      default: return undefined;
    }
  }

  private changed(args: Value[]): boolean {
    const last = this.lastChanged;
    if (last && last.value.length === args.length && last.value.every((v, k) => this.equals(v, args[k]))) return false;
    this.lastChanged = { value: args };
    return true;
  }
}
