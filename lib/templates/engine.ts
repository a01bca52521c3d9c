import type { Environment } from 'nunjucks';
import type { RenderRequest, RenderResult } from './render-protocol';
import { describeTemplateError } from './template-error';
import { registerFilters } from './filters';

/** The parts of the nunjucks module the engine uses (the browser build and the Node build both have them). */
export interface NunjucksLike {
  Environment: new (loaders?: null, opts?: { autoescape?: boolean; throwOnUndefined?: boolean }) => Environment;
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
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  registerFilters(env);
  env.addGlobal('range', cappedRange);

  return function render({ template, context, maxLength }: RenderRequest): RenderResult {
    let text: string;
    try {
      text = env.renderString(template, structuredClone(context));
    } catch (error) {
      return { ok: false, error: describeTemplateError(error, template) };
    }
    if (maxLength !== undefined && text.length > maxLength) text = text.slice(0, maxLength);
    return { ok: true, text };
  };
}
