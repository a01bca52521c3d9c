import type { Value } from './values';

/**
 * One level of Jinja2 names: the template's top level, one `for` iteration, one macro call. A `set`
 * writes to the innermost level, so it never leaks out of a loop body or a macro (Jinja2's scoping).
 */
export class Scope {
  private readonly vars = new Map<string, Value>();
  constructor(readonly parent: Scope | null) {}

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** The innermost binding of a name; `found` tells an unbound name from one bound to Undefined. */
  find(name: string): { found: boolean; value: Value } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk up the parent chain starts here
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) return { found: true, value: scope.vars.get(name) };
    }
    return NOT_FOUND;
  }
}

const NOT_FOUND = Object.freeze({ found: false, value: undefined });
