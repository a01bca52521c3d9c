import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { filesUnder, readSource, ROOT, SOURCE_DIRS } from './source-files';

/** A source file longer than this is split by what its parts hold (docs/decisions.md, "Shape: conventions kept by tests"). */
const LIMIT = 300;

/**
 * Files already over the limit when the rule came in, with their length then. None may grow; an entry is
 * removed once its file is at or under the limit (or gone), so the list only shrinks. Never add an entry:
 * split the file.
 */
const OVER_LIMIT: Record<string, number> = {
  'components/shared/theme.css': 731,
  'tests/sim/autocrm/server.ts': 644,
  'tests/sim/callgear/server.ts': 643,
  'lib/templates/jinja/builtins/methods.ts': 444,
  'lib/pipeline/act.ts': 382,
  'tests/contract/callgear-client.test.ts': 414,
  'lib/callgear/fields.ts': 403,
  'tests/contract/autocrm-client.test.ts': 385,
  'lib/autocrm/crm.ts': 377,
  'lib/pipeline/reconcile.ts': 375,
  'tests/integration/integration-check.test.ts': 364,
  'lib/callgear/client.ts': 364,
  'lib/pipeline/intake.ts': 327,
  'tests/sim/callgear/fixtures.ts': 361,
  'lib/autocrm/client.ts': 358,
  'lib/integration-check/callgear-probes.ts': 336,
  'lib/integration-check/autocrm-probes.ts': 324,
};

/** Code and style sheets the project writes (generated output and installed packages are not looked at). */
const SOURCE = /\.(ts|tsx|js|mjs|cjs|css|py)$/;

/** Lines as `wc -l` counts them. */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

const rootFiles = readdirSync(ROOT).filter((name) => /\.(ts|mjs|js)$/.test(name));
const lengths = new Map([...rootFiles, ...SOURCE_DIRS.flatMap((dir) => filesUnder(dir, SOURCE))].map((path) => [path, lineCount(readSource(path))]));

describe(`no source file over ${LIMIT} lines`, () => {
  test('a file over the limit is an old one, on the list', () => {
    const over = [...lengths].filter(([path, lines]) => lines > LIMIT && !(path in OVER_LIMIT)).map(([path, lines]) => `${path}: ${lines} lines`);
    expect(over).toEqual([]);
  });

  test('a listed file does not grow', () => {
    const grown = Object.entries(OVER_LIMIT)
      .filter(([path, allowed]) => (lengths.get(path) ?? 0) > allowed)
      .map(([path, allowed]) => `${path}: ${lengths.get(path)} lines, was ${allowed}`);
    expect(grown).toEqual([]);
  });

  test('the list only holds files still over the limit (remove the others)', () => {
    const done = Object.keys(OVER_LIMIT).filter((path) => !existsSync(join(ROOT, path)) || (lengths.get(path) ?? 0) <= LIMIT);
    expect(done).toEqual([]);
  });
});
