import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderTemplate } from '../../lib/templates/jinja/index';
import type { TemplateContext } from '../../lib/templates/render-protocol';
import { KNOWN_DIFFERENCES } from './known-differences';

/**
 * The Jinja2 compatibility corpus: every template in tests/templates/corpus/*.json is rendered by real
 * Jinja2 (tests/templates/jinja2-reference.py, Debian's python3-jinja2) and by the product's
 * interpreter, and the two must give the same text, or both fail. How it is measured and why the
 * known differences are intended: docs/decisions.md, "Templates: Jinja2 compatibility corpus".
 */
interface CorpusCase {
  id: string;
  what: string;
  context: string;
  template: string;
}

/** What one side gives for a case: the text, or that it failed (messages are not compared). */
type Outcome = { ok: true; text: string } | { ok: false; error: string };

const HERE = join(__dirname);
const CORPUS_DIR = join(HERE, 'corpus');
const PYTHON = '/usr/bin/python3';
const JINJA2 = '/usr/lib/python3/dist-packages/jinja2/__init__.py';
const REQUIRED_PARITY = 0.97;
const MINIMUM_CASES = 160;

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function loadCorpus(): { contexts: Record<string, TemplateContext>; cases: CorpusCase[] } {
  const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json') && f !== 'contexts.json').sort();
  return {
    contexts: readJson(join(CORPUS_DIR, 'contexts.json')),
    cases: files.flatMap((f) => readJson<CorpusCase[]>(join(CORPUS_DIR, f))),
  };
}

/** Runs the Python reference once over the whole corpus. */
function renderWithJinja2(contexts: Record<string, TemplateContext>, cases: CorpusCase[]): Record<string, Outcome> {
  if (!existsSync(PYTHON) || !existsSync(JINJA2)) {
    throw new Error("Debian's python3-jinja2 is missing, so the template corpus has no reference: run `node tests/tools/setup.mjs`");
  }
  const run = spawnSync(PYTHON, [join(HERE, 'jinja2-reference.py')], {
    input: JSON.stringify({ contexts, cases }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`jinja2-reference.py failed (${run.status}): ${run.stderr || run.error?.message}`);
  return (JSON.parse(run.stdout) as { results: Record<string, Outcome> }).results;
}

function renderWithProduct(contexts: Record<string, TemplateContext>, c: CorpusCase): Outcome {
  const result = renderTemplate(c.template, structuredClone(contexts[c.context]!));
  return result.ok ? { ok: true, text: result.text } : { ok: false, error: result.error.message };
}

const same = (a: Outcome, b: Outcome): boolean => (a.ok && b.ok ? a.text === b.text : a.ok === b.ok);
const show = (o: Outcome): string => (o.ok ? JSON.stringify(o.text) : `error (${o.error})`);

interface Comparison {
  reference: Record<string, Outcome>;
  product: Record<string, Outcome>;
  differing: CorpusCase[];
}

describe('templates: the Jinja2 compatibility corpus', () => {
  const { contexts, cases } = loadCorpus();
  let done: Comparison | undefined;

  /** Renders the corpus both ways once; without the reference every test fails with how to install it. */
  function compare(): Comparison {
    if (done) return done;
    const reference = renderWithJinja2(contexts, cases);
    const product = Object.fromEntries(cases.map((c) => [c.id, renderWithProduct(contexts, c)]));
    const differing = cases.filter((c) => !same(reference[c.id]!, product[c.id]!));
    const identical = cases.length - differing.length;
    console.log(`corpus: ${identical}/${cases.length} identical (${((identical / cases.length) * 100).toFixed(1)} %)`);
    done = { reference, product, differing };
    return done;
  }

  test('the corpus is large enough, its ids are unique and every context exists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(MINIMUM_CASES);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.filter((c) => !(c.context in contexts)).map((c) => c.id)).toEqual([]);
    expect(cases.filter((c) => !c.what || !c.template).map((c) => c.id)).toEqual([]);
  });

  test(`at least ${REQUIRED_PARITY * 100} % of the corpus renders exactly as Jinja2 renders it`, () => {
    const { reference, differing } = compare();
    expect(cases.filter((c) => !(c.id in reference)).map((c) => c.id)).toEqual([]);
    expect((cases.length - differing.length) / cases.length).toBeGreaterThanOrEqual(REQUIRED_PARITY);
  }, 60_000);

  test('every difference from Jinja2 is a known, intended one', () => {
    const { reference, product, differing } = compare();
    const unexpected = differing
      .filter((c) => !(c.id in KNOWN_DIFFERENCES))
      .map((c) => `${c.id}: ${c.template}\n  Jinja2:  ${show(reference[c.id]!)}\n  product: ${show(product[c.id]!)}`);
    expect(unexpected).toEqual([]);
  });

  test('every known difference still differs, so the list stays true', () => {
    const { differing } = compare();
    const known = Object.keys(KNOWN_DIFFERENCES);
    expect(known.filter((id) => !cases.some((c) => c.id === id))).toEqual([]);
    expect(known.filter((id) => !differing.some((c) => c.id === id))).toEqual([]);
  });

  test('every known difference is documented in docs/decisions.md', () => {
    const decisions = readFileSync(join(HERE, '../../docs/decisions.md'), 'utf8');
    expect(Object.keys(KNOWN_DIFFERENCES).filter((id) => !decisions.includes(`\`${id}\``))).toEqual([]);
  });
});
