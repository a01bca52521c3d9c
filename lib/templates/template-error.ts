import type { RenderError } from './render-protocol';

// nunjucks reports errors as "(unknown path) [Line 1, Column 12]\n  parseSignature: expected comma after expression".
const POSITION = /\[Line (\d+), Column (\d+)\]/;
const NOISE = /^\s*(?:\(unknown path\)\s*)?(?:\[Line \d+, Column \d+\]\s*)?(?:(?:parse|lex|compile)\w*:\s*)?(?:Error:\s*)?/;
const SYNTAX = /expected|unexpected|unknown block|unterminated|end of file|parse/i;

/** Where an unterminated template ends: nunjucks gives no position for errors at the end of input. */
function endOf(template: string): { line: number; column: number } {
  const lines = template.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length };
}

/**
 * Turns whatever nunjucks threw into a message an admin can act on, with the line and column of the
 * problem: nunjucks' own position when it has one, the end of the template for an unclosed tag.
 */
export function describeTemplateError(error: unknown, template: string): RenderError {
  const raw = error instanceof Error ? error.message : String(error);
  // The parser puts the position on the error; a render error carries it in the message.
  const { lineno, colno } = (error ?? {}) as { lineno?: number; colno?: number };
  const found = typeof lineno === 'number' && typeof colno === 'number' ? [raw, String(lineno), String(colno)] : POSITION.exec(raw);
  const message = raw
    .split('\n')
    .map((line) => line.replace(NOISE, '').trim())
    .filter(Boolean)
    .join('; ');
  const kind = SYNTAX.test(raw) ? 'syntax' : 'runtime';
  const position = found ? { line: Number(found[1]), column: Number(found[2]) } : kind === 'syntax' ? endOf(template) : {};
  return { kind, message: message || raw, ...position };
}
