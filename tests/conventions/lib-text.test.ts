import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { messageNameOf } from '@/lib/templates/error-text';
import { cyrillicInCode, phraseKeys } from './lib-text';
import { filesUnder, isTestFile, readSource, ROOT } from './source-files';

/**
 * lib/ hands the UI keys of public/_locales, never sentences (docs/decisions.md, "Texts live in _locales").
 * Cyrillic may stay in lib/'s code only where it is data, not UI text, or where a file is still being
 * converted; each entry says why. Comments are not looked at.
 */
const ALLOWED: Record<string, string> = {
  // Data: words of the services or of the dealership, not texts of this extension's UI.
  'lib/autocrm/client.ts': 'recognises AutoCRM’s Russian login page by its words',
  'lib/autocrm/types.ts': 'AutoCRM’s own names of request statuses and worksheet states, as AutoCRM shows them',
  'lib/rules/defaults.ts': 'the default templates: texts written into the Russian dealership’s AutoCRM records',
  'lib/templates/sample-values.ts': 'the preview’s sample communication: a Russian dealership’s names, cities and campaigns, as CallGear delivers them',
  'lib/rules/vehicle-choices.ts': 'folds ё to е when searching AutoCRM’s brand and model names',
  'lib/users/match.ts': 'folds ё to е when comparing Russian names',
  'lib/users/plan.ts': 'Russian words that mark technical users, and the letters of Russian names',
  'lib/users/personal-managers.ts': 'the placeholder last name of a contact created in CallGear (data in the dealership’s account)',
  'lib/pipeline/act.ts': 'the client name and the repeat-call note it writes into the Russian dealership’s AutoCRM records',
};

const libFiles = filesUnder('lib', /\.ts$/).filter((path) => !isTestFile(path));
type Messages = Record<string, { message: string }>;
const locale = (lang: string): Messages => JSON.parse(readFileSync(`${ROOT}/public/_locales/${lang}/messages.json`, 'utf8'));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

describe('lib/ holds no UI text', () => {
  test('no Cyrillic in lib/’s code outside the listed files', () => {
    const found = libFiles.filter((path) => !(path in ALLOWED)).flatMap((path) => cyrillicInCode(readSource(path), path).map((line) => `${path}:${line}`));
    expect(found).toEqual([]);
  });

  test('the list only holds files that still have Cyrillic', () => {
    const clean = Object.keys(ALLOWED).filter((path) => !libFiles.includes(path) || cyrillicInCode(readSource(path), path).length === 0);
    expect(clean).toEqual([]);
  });

  test('every key lib/ names exists in both locales, with the same {placeholders}', () => {
    const [ru, en] = [locale('ru'), locale('en')];
    const keys = [...new Set(libFiles.flatMap((path) => phraseKeys(readSource(path), path).map(messageNameOf)))];
    expect(keys.length).toBeGreaterThan(100);
    const missing = keys.filter((key) => !ru[key] || !en[key]);
    expect(missing).toEqual([]);
    const mismatched = keys.filter((key) => placeholders(ru[key]!.message) !== placeholders(en[key]!.message));
    expect(mismatched).toEqual([]);
  });
});

describe('the rule itself', () => {
  test('finds Cyrillic in strings, templates and regular expressions, not in comments', () => {
    const text = ["// Журнал", "/** «Сохранено» */", "const a = 'ok';", "const b = `Готово ${a}`;", "const c = /доб\\./;", "const d = 'Нет';"].join('\n');
    expect(cyrillicInCode(text)).toEqual([4, 5, 6]);
  });

  test('reads the keys of phrase() and t(), both branches of a condition included', () => {
    expect(phraseKeys("phrase('errA', { x: 1 }); t(ok ? 'checkB' : 'checkC'); t(name); other('nope');")).toEqual(['errA', 'checkB', 'checkC']);
  });
});
