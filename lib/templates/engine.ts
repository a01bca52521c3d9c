import type { CommKind } from '../domain/communication';
import { renderTemplate } from './jinja/index';
import { lintTemplate, type LintResult } from './lint';
import type { RenderRequest, RenderResult, TemplateRenderer } from './render-protocol';

/**
 * Templates render where the data is: the service worker, the options page and Node tests all call the
 * interpreter directly. It walks nunjucks' syntax tree with Jinja2's semantics and never turns a string
 * into code, so no sandbox page or offscreen document is needed (docs/decisions.md, "Templates render where the data is").
 */
export function render({ template, context, maxLength }: RenderRequest): RenderResult {
  return renderTemplate(template, context, { maxLength });
}

/** The syntax error (line, column, key) and the variable warnings of a template, while an admin types. */
export function lint(template: string, kind: CommKind): LintResult {
  return lintTemplate(template, kind);
}

/** The pipeline's renderer in the extension and in Node: the interpreter, in-process. */
export const inProcessRenderer: TemplateRenderer = { render };
