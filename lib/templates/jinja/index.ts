import type { Builtins } from './builtin-api';
import { builtins as defaultBuiltins } from './builtins';
import { TemplateFailure, type TemplateError } from './errors';
import { CORE_GLOBAL_NAMES } from './globals';
import { copyContext } from './data-copy';
import { DEFAULT_LIMITS, Interpreter } from './interpreter';
import { Output } from './output';
import { parse } from './parse';
import { Scope } from './scope';
import { renderBody } from './statements';
import type { RenderError, TemplateContext } from '../render-protocol';

export type { TemplateError } from './errors';

export interface RenderOptions {
  /** The text is cut to this many characters (AutoCRM field limits); not an error. */
  maxLength?: number;
  /** Evaluation steps before template.error.tooMuchWork. */
  fuel?: number;
  /** Characters the render may produce before template.error.tooLong. */
  maxOutput?: number;
  builtins?: Builtins;
}

/**
 * A render error as render-protocol's RenderError, plus the stable key and parameters for the UI's
 * language. The fuel kind travels as 'timeout', which is what render-protocol calls a runaway render.
 */
export type KeyedRenderError = RenderError & { key: string; params: Record<string, string | number> };

/** render-protocol's RenderResult, with the keyed error. */
export type KeyedRenderResult = { ok: true; text: string } | { ok: false; error: KeyedRenderError };

export function toRenderError(error: TemplateError): KeyedRenderError {
  const { kind, key, params, message, line, column } = error;
  return { kind: kind === 'fuel' ? 'timeout' : kind, key, params, message, ...(line === undefined ? {} : { line, column }) };
}

/** Renders a template synchronously, without evaluating any string as code. */
export function renderTemplate(template: string, context: TemplateContext, options: RenderOptions = {}): KeyedRenderResult {
  const parsed = parse(template);
  if (!parsed.ok) return { ok: false, error: toRenderError(parsed.error) };
  const limits = { fuel: options.fuel ?? DEFAULT_LIMITS.fuel, maxOutput: options.maxOutput ?? DEFAULT_LIMITS.maxOutput };
  try {
    const it = new Interpreter(copyContext(context), options.builtins ?? defaultBuiltins, limits);
    const out = new Output(limits.maxOutput);
    renderBody(it, parsed.ast, new Scope(null), out);
    const text = out.text();
    return { ok: true, text: options.maxLength !== undefined && text.length > options.maxLength ? text.slice(0, options.maxLength) : text };
  } catch (thrown) {
    return { ok: false, error: toRenderError(asTemplateError(thrown)) };
  }
}

/** Whatever stopped a render, as a template error (a JS stack overflow is nesting too deep). */
function asTemplateError(thrown: unknown): TemplateError {
  if (thrown instanceof TemplateFailure) return thrown.error;
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) return new TemplateFailure('template.error.tooDeep').error;
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new TemplateFailure('template.error.internal', { detail }).error;
}

export function parseTemplate(template: string): { ok: true; ast: unknown } | { ok: false; error: TemplateError } {
  return parse(template);
}

export interface AvailableNames {
  filters: string[];
  tests: string[];
  globals: string[];
  /** Python methods by the type they belong to, for `name.split(" ")`-style calls. */
  methods: { str: string[]; list: string[]; dict: string[] };
}

/** The names the interpreter knows, for the lint: exactly what a render accepts. */
export function availableNames(builtins: Builtins = defaultBuiltins): AvailableNames {
  const sorted = (names: Iterable<string>) => [...new Set(names)].sort();
  return {
    filters: sorted(Object.keys(builtins.filters)),
    tests: sorted(Object.keys(builtins.tests)),
    globals: sorted([...CORE_GLOBAL_NAMES, ...Object.keys(builtins.globals)]),
    methods: {
      str: sorted(Object.keys(builtins.methods.str)),
      list: sorted(Object.keys(builtins.methods.list)),
      dict: sorted(Object.keys(builtins.methods.dict)),
    },
  };
}
