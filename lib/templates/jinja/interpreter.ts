import type { Builtins, Runtime } from './builtin-api';
import { NativeFunction } from './callables';
import { TemplateFailure } from './errors';
import { CORE_GLOBALS } from './globals';
import { getItem } from './lookup';
import { compare, equals, repr, str, truthy } from './python-values';
import { PyCallable, type Dict, type Value } from './values';

export interface Limits {
  /** Evaluation steps before the render stops with template.error.tooMuchWork. */
  fuel: number;
  /** Characters any one output buffer (the result, a macro's, a `set` block's) may reach. */
  maxOutput: number;
}

export const DEFAULT_LIMITS: Limits = { fuel: 1_000_000, maxOutput: 100_000 };
/** Nested macro calls (a macro calling itself) before template.error.tooDeep. */
export const MAX_CALL_DEPTH = 64;

/** The state of one render: the context copy, the built-ins, the fuel left, the call depth. */
export class Interpreter implements Runtime {
  private fuel: number;
  depth = 0;
  private readonly boundGlobals = new Map<string, Value>();

  constructor(readonly context: Dict, readonly builtins: Builtins, readonly limits: Limits) {
    this.fuel = limits.fuel;
  }

  /** A global (`range`, `namespace`…) as a callable, made on first use; the built-ins' own win over the core's. */
  global(name: string): Value {
    if (this.boundGlobals.has(name)) return this.boundGlobals.get(name);
    const table = Object.hasOwn(this.builtins.globals, name) ? this.builtins.globals : Object.hasOwn(CORE_GLOBALS, name) ? CORE_GLOBALS : null;
    const fn = table?.[name];
    const value = fn ? new NativeFunction(name, (args, kwargs) => fn(this, args, kwargs)) : undefined;
    this.boundGlobals.set(name, value);
    return value;
  }

  str(value: Value): string {
    return str(value);
  }
  repr(value: Value): string {
    return repr(value);
  }
  truthy(value: Value): boolean {
    return truthy(value);
  }
  equals(a: Value, b: Value): boolean {
    return equals(a, b);
  }
  compare(a: Value, b: Value): number {
    return compare(a, b);
  }

  call(fn: Value, args: Value[], kwargs: Record<string, Value>): Value {
    if (!(fn instanceof PyCallable)) return this.fail('template.error.notCallable', { name: str(fn) || 'Undefined' });
    this.spend(1);
    return fn.call(args, kwargs);
  }

  getattr(obj: Value, name: string | number): Value {
    return getItem(this, this.builtins, obj, name);
  }

  filter(name: string, value: Value, args: Value[], kwargs: Record<string, Value>): Value {
    const filters = this.builtins.filters;
    if (!Object.hasOwn(filters, name)) this.fail('template.error.unknownFilter', { name });
    this.spend(1);
    const result = filters[name]!(this, value, args, kwargs);
    if (typeof result === 'string' && result.length > this.limits.maxOutput) this.fail('template.error.tooLong', { limit: this.limits.maxOutput });
    return result;
  }

  test(name: string, value: Value, args: Value[]): boolean {
    const tests = this.builtins.tests;
    if (!Object.hasOwn(tests, name)) this.fail('template.error.unknownTest', { name });
    this.spend(1);
    return tests[name]!(this, value, args);
  }

  spend(steps: number): void {
    this.fuel -= steps;
    if (this.fuel < 0) throw new TemplateFailure('template.error.tooMuchWork');
  }

  fail(key: string, params?: Record<string, string | number>): never {
    throw new TemplateFailure(key, params);
  }
}
