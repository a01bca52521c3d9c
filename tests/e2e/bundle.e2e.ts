import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXTENSION_DIR } from './harness';

/**
 * Scans the BUILT extension (minified, as Chrome loads it) for any way of turning a string into code.
 * Templates are interpreted over their syntax tree (lib/templates/jinja/), so none may remain.
 *
 * Minifiers rename locals but never globals, so the real patterns stay visible:
 * - `new Function` / `Function(`: the constructor by its global name (with or without `new`);
 * - the global `Function` taken as a value (an alias: `const F = Function`, `f(Function)`, `return Function`);
 *   `instanceof Function`, a property (`x.Function`), a longer name (`isFunction(`) and the text
 *   `"[object Function]"` are no match;
 * - `.constructor("…")`: reaching Function through any function's constructor with a code string;
 * - `eval(` and a bare `eval` reference (indirect `(0, eval)(…)`), but not `x.eval` or `evaluate(`;
 * - `setTimeout("…")` / `setInterval("…")`: the string forms that evaluate.
 */
const PATTERNS: [name: string, pattern: RegExp][] = [
  ['new Function', /\bnew\s+Function\b/],
  ['Function( call', /(?<![\w$.])Function\s*\(/],
  ['Function alias', /(?:[=(,:?&|]|\breturn)\s*Function\s*(?:[,;)}\]&|?:]|$)/m],
  ['.constructor with a code string', /\.constructor\s*\(\s*["'`]/],
  ['eval', /(?<![\w$.])eval(?![\w$])/],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
];

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? filesOf(full) : /\.(?:js|mjs|html)$/.test(entry) ? [full] : [];
  });
}

/** Every match of a pattern with a little context, so a failure says where. */
function findings(pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, 'g');
  return filesOf(EXTENSION_DIR).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(global)].map((m) => `${relative(EXTENSION_DIR, file)}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
  });
}

describe('the built extension evaluates no strings', () => {
  test('there are scripts to scan', () => {
    expect(filesOf(EXTENSION_DIR).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
  });

  test.each(PATTERNS)('no %s', (_, pattern) => {
    expect(findings(pattern)).toEqual([]);
  });

  test('the patterns do catch what they are meant to (so an empty scan means something)', () => {
    const caught = (code: string) => PATTERNS.some(([, p]) => p.test(code));
    for (const code of ['new Function("return 1")', 'var f=Function;f("x")', 'g(Function)', 'return Function}', 'Function("return this")()', 'a.constructor("return 1")()', 'eval("1")', '(0,eval)("1")', 'setTimeout("x()",1)']) {
      expect(caught(code), code).toBe(true);
    }
    for (const code of ['x instanceof Function', '"[object Function]"', 'typeof x=="function"', 'isFunction(x)', 'page.evaluate(fn)', 'obj.eval(x)', 'setTimeout(fn,1)', 'o.constructor===Object']) {
      expect(caught(code), code).toBe(false);
    }
  });

  test('the manifest asks for no offscreen document and declares no sandbox', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.permissions).not.toContain('offscreen');
    expect(manifest.sandbox).toBeUndefined();
    expect(JSON.stringify(manifest.content_security_policy ?? {})).not.toMatch(/unsafe-eval|sandbox/);
    expect(filesOf(EXTENSION_DIR).map((f) => relative(EXTENSION_DIR, f))).not.toEqual(expect.arrayContaining([expect.stringMatching(/offscreen|templates\.html/)]));
  });
});

/**
 * The content script runs in every AutoCRM tab, so it stays small: it validates by hand and asks the
 * background for everything else (docs/architecture.md). Minifiers keep property names and string
 * texts, so each library leaves marks that survive: zod's `_zod` internals and `ZodError`, Dexie's
 * name and `DatabaseClosedError`, ky's `beforeRetry` hook and `throwHttpErrors` option.
 */
const LIBRARY_MARKS: [library: string, marks: RegExp][] = [
  ['zod', /\b_zod\b|\bZodError\b/],
  ['dexie', /\bDexie\b|\bDatabaseClosedError\b/],
  ['ky', /\bbeforeRetry\b|\bthrowHttpErrors\b/],
];

describe('the content script bundle', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[]; background?: { service_worker?: string } };
  const contentFiles = (manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []);
  const text = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');

  test('is declared in the manifest', () => {
    expect(contentFiles.length).toBeGreaterThan(0);
  });

  test.each(LIBRARY_MARKS)('holds no %s', (_, marks) => {
    expect(contentFiles.filter((file) => marks.test(text(file)))).toEqual([]);
  });

  test('the marks do find each library where it is bundled (the service worker), so an empty scan means something', () => {
    const worker = text(manifest.background?.service_worker ?? 'background.js');
    expect(LIBRARY_MARKS.filter(([, marks]) => !marks.test(worker)).map(([library]) => library)).toEqual([]);
  });
});
