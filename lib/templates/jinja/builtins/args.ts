import type { Runtime } from '../builtin-api';
import type { Value } from '../values';

/** Marks a parameter that has no default: leaving it out is a template error, as in Python. */
export const REQUIRED = Symbol('required');
type Param = [name: string, fallback: Value | typeof REQUIRED];

/**
 * Binds positional and keyword arguments to a Python signature, e.g. truncate(length=255, killwords=False, ...).
 * Too many arguments, an unknown keyword or a missing required one stop the render with `badArgument`.
 */
export function bind(rt: Runtime, name: string, params: Param[], args: Value[], kwargs: Record<string, Value>): Value[] {
  if (args.length > params.length) rt.fail('template.error.badArgument', { filter: name, reason: `takes at most ${params.length} arguments` });
  for (const key of Object.keys(kwargs)) {
    if (!params.some(([p]) => p === key)) rt.fail('template.error.badArgument', { filter: name, reason: `unexpected keyword argument '${key}'` });
  }
  return params.map(([param, fallback], i) => {
    if (i < args.length) {
      if (Object.hasOwn(kwargs, param)) rt.fail('template.error.badArgument', { filter: name, reason: `got multiple values for '${param}'` });
      return args[i];
    }
    if (Object.hasOwn(kwargs, param)) return kwargs[param];
    if (fallback === REQUIRED) rt.fail('template.error.badArgument', { filter: name, reason: `missing argument '${param}'` });
    return fallback;
  });
}

export const noKwargs = (rt: Runtime, name: string, kwargs: Record<string, Value>): void => {
  const key = Object.keys(kwargs)[0];
  if (key !== undefined) rt.fail('template.error.badArgument', { filter: name, reason: `unexpected keyword argument '${key}'` });
};
