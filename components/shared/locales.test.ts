import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CASE_STATE_NAMES, REQUEST_STATUS_NAMES } from '@/lib/autocrm/types';
import { messageNameOf } from '@/lib/templates/error-text';
import { bracePlaceholders } from '../../tests/tools/locale-words';

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

/** The sources whose reasons, explanations, steps and rule sentences travel as phrases (lib/phrase.ts). */
const PHRASE_SOURCES = [
  ...['lib/pipeline', 'lib/journal'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `${dir}/${f}`)),
  'lib/rules/describe.ts',
];

/** Every phrase key a source names as a literal: `phrase('…')` and the dotted keys of its ternaries. */
function keysIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const called = [...text.matchAll(/phrase\(\s*'([\w.]+)'/g)].map((m) => m[1]!);
  const dotted = [...text.matchAll(/'((?:pipeline|journal|rules)\.[\w.]+)'/g)].map((m) => m[1]!);
  return [...called, ...dotted];
}

/** AutoCRM's status and state names (lib/pipeline/decide.ts statusParam), and the words a phrase's references use. */
const DYNAMIC_KEYS = [
  ...Object.keys(REQUEST_STATUS_NAMES).map((n) => `autocrm.status.Inquiry${n}`),
  ...Object.keys(CASE_STATE_NAMES).map((n) => `autocrm.status.Worksheet${n.replace('-', 'Minus')}`),
  'autocrm.status.InquiryOther', 'autocrm.status.WorksheetOther',
  ...['inquiry', 'serviceInquiry', 'worksheet', 'client', 'task', 'call'].map((e) => `entity_${e}`),
  'kindIncomingCalls', 'kindOutgoingCalls', 'kindChats', 'kindLeads', 'journalUnknownPerson', 'lang',
  ...['eq', 'neq', 'in', 'notIn', 'contains', 'isTrue', 'isFalse', 'empty', 'notEmpty'].map((op) => `rules.op.${op}`),
];

describe('the phrases of the pipeline, the Журнал and the rules page', () => {
  const keys = [...new Set([...PHRASE_SOURCES.flatMap(keysIn), ...DYNAMIC_KEYS])].sort();

  test('are found in the sources (the scan reads them)', () => {
    expect(keys).toEqual(expect.arrayContaining(['pipeline.reason.noDealership', 'pipeline.owner.handover', 'pipeline.step.createInquiry', 'journalOutcomeSkip', 'rules.say.if', 'rules.entity.nothing']));
  });

  test('every key exists in both locales', () => {
    const missing = keys.map(messageNameOf).filter((name) => !ru[name] || !en[name]);
    expect(missing).toEqual([]);
  });

  test('every text names the same {placeholders} in both languages', () => {
    const mismatched = Object.keys(ru).filter((k) => en[k] && bracePlaceholders(ru[k]!.message).join() !== bracePlaceholders(en[k]!.message).join());
    expect(mismatched).toEqual([]);
  });
});
