import type nunjucksModule from 'nunjucks';
import type { RenderRequest, RenderResult } from './render-protocol';
import { describeTemplateError } from './template-error';
import { registerFilters } from './filters';
import { lintTemplate, type LintResult } from './lint';
import type { CommKind } from '../domain/communication';

/** The parts of the nunjucks module the engine uses (the browser build and the Node build both have them). */
/** The nunjucks module: its browser build in the sandbox, its Node build in tests. */
export type NunjucksLike = typeof nunjucksModule;
/** What @types/nunjucks leaves out but nunjucks exports: the runtime's member look-up and the parser. */
type Internals = { runtime: { memberLookup: (obj: unknown, val: unknown) => unknown }; parser: { parse: (src: string) => unknown } };

/** Member names a template may not look up: they lead to Function and so to arbitrary code. */
const FORBIDDEN_MEMBERS = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/**
 * nunjucks lets `range.constructor("…")()` run any code. The sandbox page contains that (no extension
 * APIs, an opaque origin), and this closes the door itself: such look-ups fail with a clear error.
 */
function guardMemberLookup(nunjucks: Internals): void {
  const original = nunjucks.runtime.memberLookup as ((obj: unknown, val: unknown) => unknown) & { guarded?: boolean };
  if (original.guarded) return;
  const guarded = Object.assign((obj: unknown, val: unknown) => {
    if (FORBIDDEN_MEMBERS.has(String(val))) throw new Error(`"${String(val)}" is not available in templates`);
    return original(obj, val);
  }, { guarded: true });
  nunjucks.runtime.memberLookup = guarded;
}

/** The largest `range()` a template may build; bigger ones are almost always mistakes that would hang. */
export const MAX_RANGE_ITEMS = 10_000;

function cappedRange(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0) throw new Error('range() step must not be zero');
  const count = Math.max(0, Math.ceil((to - from) / step));
  if (count > MAX_RANGE_ITEMS) throw new Error(`range() of ${count} items is more than ${MAX_RANGE_ITEMS}`);
  return Array.from({ length: count }, (_, i) => from + i * step);
}

/**
 * A configured nunjucks environment: no loaders (no file or URL access), no autoescape (output is
 * plain text for AutoCRM fields; every UI shows it as text), null and undefined print as ''.
 */
export function createTemplateEngine(nunjucks: NunjucksLike) {
  const internals = nunjucks as unknown as Internals;
  guardMemberLookup(internals);
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  registerFilters(env);
  env.addGlobal('range', cappedRange);

  const knownFilter = (name: string) => {
    try {
      env.getFilter(name);
      return true;
    } catch {
      return false;
    }
  };

  return {
    render({ template, context, maxLength }: RenderRequest): RenderResult {
      let text: string;
      try {
        text = env.renderString(template, structuredClone(context));
      } catch (error) {
        return { ok: false, error: describeTemplateError(error, template) };
      }
      if (maxLength !== undefined && text.length > maxLength) text = text.slice(0, maxLength);
      return { ok: true, text };
    },
    lint(template: string, kind: CommKind): LintResult {
      return lintTemplate((src) => internals.parser.parse(src), template, kind, knownFilter);
    },
  };
}

export type TemplateEngine = ReturnType<typeof createTemplateEngine>;
