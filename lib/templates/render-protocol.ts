/**
 * What a render takes and gives: a template, a context of report values, limits; the text or an error
 * as data. Templates render in-process (service worker, options page, Node tests) by the interpreter in
 * lib/templates/jinja/, which evaluates nothing as code.
 */
/**
 * `timeout` is a runaway render: the interpreter stopped it when its step budget (its fuel) ran out,
 * the same way on every run; no clock is involved. `too-long`: the output budget ran out.
 */
export type RenderErrorKind = 'syntax' | 'runtime' | 'timeout' | 'too-long';

export interface RenderError {
  kind: RenderErrorKind;
  /** English fallback text; the UI shows the text of `key` in its own language (lib/templates/error-text.ts). */
  message: string;
  /** A stable key such as `template.error.unknownFilter`, with the values its text names. */
  key?: string;
  params?: Record<string, string | number>;
  /** 1-based position in the template. */
  line?: number;
  column?: number;
}

export type RenderResult = { ok: true; text: string } | { ok: false; error: RenderError };

/** Plain JSON-like values a template can see. */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };
export type TemplateContext = Record<string, TemplateValue>;

export interface RenderRequest {
  template: string;
  context: TemplateContext;
  /** Output is cut to this many characters (AutoCRM field limits). */
  maxLength?: number;
}

/**
 * Anything that renders templates. The extension renders synchronously in-process; the pipeline awaits
 * the result, so a test may still hand it an async renderer.
 */
export interface TemplateRenderer {
  render(request: RenderRequest): RenderResult | Promise<RenderResult>;
}
