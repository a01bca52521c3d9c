import type { Value } from './values';

/**
 * What the interpreter core offers to built-in filters, tests and methods, so they are written once
 * against Jinja2's semantics and never reach into the evaluator. The core implements it.
 */
export interface Runtime {
  /** Python's str(), except that None and Undefined give '' (the product's documented choice). */
  str(value: Value): string;
  /** Python's repr() (lists and dicts print their items with it). */
  repr(value: Value): string;
  /** Python truthiness: empty string, list and dict, 0, None and Undefined are false. */
  truthy(value: Value): boolean;
  /** Python's == across int/float/str/list/dict/tuple. */
  equals(a: Value, b: Value): boolean;
  /** Python's ordering (<0, 0, >0); throws a template error for values Python cannot order. */
  compare(a: Value, b: Value): number;
  /** Calls a template callable (macro, allowlisted global or method); anything else is a template error. */
  call(fn: Value, args: Value[], kwargs: Record<string, Value>): Value;
  /** Jinja2's `obj.name` / `obj[name]` look-up, restricted to own data properties of plain data. */
  getattr(obj: Value, name: string | number): Value;
  /** Applies another filter or test by name (for map/select/reject/selectattr/rejectattr/sort…). */
  filter(name: string, value: Value, args: Value[], kwargs: Record<string, Value>): Value;
  test(name: string, value: Value, args: Value[]): boolean;
  /** Spends evaluation fuel; loops over large inputs call it per item so runaway templates stop. */
  spend(steps: number): void;
  /** Stops the render with an error an admin can read: a stable key from _locales and its parameters. */
  fail(key: string, params?: Record<string, string | number>): never;
}

export type Filter = (rt: Runtime, value: Value, args: Value[], kwargs: Record<string, Value>) => Value;
export type Test = (rt: Runtime, value: Value, args: Value[]) => boolean;
/** A Python method of str, list or dict, e.g. `name.split(" ")`, `tags.append(x)`, `d.get("k", "")`. */
export type Method = (rt: Runtime, self: Value, args: Value[], kwargs: Record<string, Value>) => Value;

export interface Builtins {
  filters: Record<string, Filter>;
  tests: Record<string, Test>;
  methods: { str: Record<string, Method>; list: Record<string, Method>; dict: Record<string, Method> };
  /** Globals such as range, dict, lipsum-free `cycler`/`joiner`: called with the runtime like a filter without a value. */
  globals: Record<string, (rt: Runtime, args: Value[], kwargs: Record<string, Value>) => Value>;
}
