import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { messageNameOf, templateErrorText, type MessageLookup } from './error-text';

type Messages = Record<string, { message: string }>;
const locale = (lang: 'ru' | 'en'): Messages => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));

/** chrome.i18n's lookup over a messages.json: `$1`… are positional substitutions, anything else is literal. */
const lookupIn = (messages: Messages): MessageLookup => (name, subs = []) =>
  messages[name]?.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '') ?? '';

describe('template error text', () => {
  test('dotted keys become chrome.i18n message names', () => {
    expect(messageNameOf('template.error.unknownFilter')).toBe('templateErrorUnknownFilter');
    expect(messageNameOf('template.error.tooMuchWork')).toBe('templateErrorTooMuchWork');
  });

  test('an error reads in the UI language with its line and column', () => {
    const error = { kind: 'syntax' as const, key: 'template.error.unknownFilter', params: { name: 'uper' }, message: 'No filter named "uper"', line: 2, column: 7 };
    expect(templateErrorText(error, lookupIn(locale('ru')))).toBe('Строка 2, позиция 7: Фильтра «uper» нет');
    expect(templateErrorText(error, lookupIn(locale('en')))).toBe('Line 2, column 7: No filter named "uper"');
  });

  test('without a locale text, or with params the text does not name, the English fallback is shown', () => {
    const unknownKey = { kind: 'runtime' as const, key: 'template.error.somethingNew', params: {}, message: 'Something new' };
    expect(templateErrorText(unknownKey, lookupIn(locale('ru')))).toBe('Something new');
    const otherParams = { kind: 'runtime' as const, key: 'template.error.badArgument', params: { what: 'round' }, message: 'round(): bad' };
    expect(templateErrorText(otherParams, lookupIn(locale('ru')))).toBe('round(): bad');
  });

  test('a bad argument reads the same whether the core ({name, detail}) or a built-in ({filter, reason}) reports it', () => {
    const core = { kind: 'runtime' as const, key: 'template.error.badArgument', params: { name: 'range', detail: 'step must not be zero' }, message: '' };
    const builtin = { kind: 'runtime' as const, key: 'template.error.badArgument', params: { filter: 'range', reason: 'step must not be zero' }, message: '' };
    expect(templateErrorText(core, lookupIn(locale('ru')))).toBe('range: неверный аргумент (step must not be zero)');
    expect(templateErrorText(builtin, lookupIn(locale('ru')))).toBe(templateErrorText(core, lookupIn(locale('ru'))));
  });

  test('an error without a key (e.g. a pipeline check) keeps its message', () => {
    expect(templateErrorText({ kind: 'runtime', message: 'пусто' }, lookupIn(locale('ru')))).toBe('пусто');
  });
});

/** Every `template.error.*` key the interpreter and its built-ins use, read from their sources. */
function keysUsedBy(dir: string): Set<string> {
  const keys = new Set<string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      // Tests and the built-ins' test runtime never reach an admin.
      else if (/\.ts$/.test(entry) && !/(?:\.test|test-runtime)\.ts$/.test(entry)) for (const m of readFileSync(full, 'utf8').matchAll(/'(template\.error\.\w+)'/g)) keys.add(m[1]!);
    }
  };
  walk(dir);
  return keys;
}

describe('the locales have a text for every key the interpreter uses', () => {
  const used = [...keysUsedBy('lib/templates')];
  test.each(['ru', 'en'] as const)('%s', (lang) => {
    const messages = locale(lang);
    const ruTexts = locale('ru');
    const missing = used.filter((key) => !messages[messageNameOf(key)]);
    expect(missing).toEqual([]);
    // Both languages name the same placeholders, so one set of params fills either.
    for (const key of used) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(messages[messageNameOf(key)]!.message), key).toEqual(names(ruTexts[messageNameOf(key)]!.message));
    }
  });
});
