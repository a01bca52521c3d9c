import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { browserApiUses } from './browser-api';
import { filesUnder, isTestFile, ROOT } from './source-files';

// lib/ runs in Node (unit, contract and integration tests) as it runs in the service worker: the
// extension runtime reaches it only through what entrypoints/ passes in (docs/architecture.md).
describe('lib/ uses no browser API', () => {
  test('no lib/ module imports the extension runtime or browser-side code, or reads a browser global', () => {
    const files = filesUnder('lib', /\.ts$/).filter((path) => !isTestFile(path));
    expect(files.length).toBeGreaterThan(100);
    expect(browserApiUses(files.map((path) => join(ROOT, path)), join(ROOT, 'lib'))).toEqual([]);
  });
});

describe('the rule itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'browser-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return browserApiUses([file], dir).map(({ line, what }) => `${line}: ${what}`);
  };

  test('finds globals, globalThis.window, the extension runtime and browser-side modules', () => {
    const uses = check(
      'uses.ts',
      [
        "import { browser } from 'wxt/browser';",
        "import { ask } from '@/components/shared/useBackground';",
        'export const id = chrome.runtime.id;',
        'export const title = document.title + globalThis.window.name;',
        'export const ask2 = () => browser.runtime.sendMessage({ type: "status" }).then(ask);',
      ].join('\n'),
    );
    expect(uses).toEqual(["1: import 'wxt/browser'", "2: import '@/components/shared/useBackground'", '3: chrome', '4: document', '4: window']);
  });

  test('leaves words in comments, local names and other objects’ properties alone', () => {
    const uses = check(
      'clean.ts',
      [
        '/** The fields of chrome.runtime.MessageSender this check trusts; the window of a report. */',
        'export function span(document: string, report: { window: number; browser: string }) {',
        '  const window = { from: report.window };',
        '  return [document, window.from, report.browser, { chrome: 1 }.chrome];',
        '}',
      ].join('\n'),
    );
    expect(uses).toEqual([]);
  });
});
