import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));
const ru = load('ru');
const en = load('en');
/** `$1`…`$9` and named `$name$` placeholders, as chrome.i18n substitutes them. */
const placeholders = (text: string) => [...text.matchAll(/\$(?:\d|[A-Za-z_]\w*\$)/g)].map((m) => m[0]).sort();

describe('the two locales', () => {
  test('carry the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    expect(Object.keys(ru).length).toBeGreaterThan(100);
  });

  test('have a text for every key', () => {
    const empty = [...Object.entries(ru), ...Object.entries(en)].filter(([, m]) => !m.message.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });

  test('the English locale holds no Cyrillic', () => {
    const cyrillic = Object.entries(en).filter(([, m]) => /[\u0400-\u04FF]/.test(m.message)).map(([k, m]) => `${k}: ${m.message}`);
    expect(cyrillic).toEqual([]);
  });

  test('each text uses the same substitutions in both languages', () => {
    const mismatched = Object.keys(ru).filter((k) => en[k] && placeholders(ru[k]?.message ?? '').join() !== placeholders(en[k]?.message ?? '').join());
    expect(mismatched).toEqual([]);
  });
});
