import { expect, test } from 'vitest';
import type { StepRecord } from '../db';
import { phrase } from '../phrase';
import { en, ru } from '../../tests/tools/locale-words';
import { outcomeSaid, timeline } from './timeline';

const step = (seq: number, name: string, detail: unknown): StepRecord => ({ seq, key: 'call:1', at: 1_000 + seq, step: name, detail });

test('steps read as a timeline: what happened, its result, and links, in order', () => {
  const entries = timeline([
    step(3, 'done', { reason: null, created: [{ entity: 'inquiry', id: 10004, url: 'https://x.autocrm.ru/request/10004' }] }),
    step(1, 'request', { label: phrase('pipeline.step.findClientByPhone', { phone: '79163334455' }), ok: true, result: null }),
    step(2, 'decide', { rule: phrase('pipeline.rule.base'), outcome: { type: 'create', entity: 'inquiry', fields: {} } }),
  ]);
  expect(entries.map((e) => e.what)).toEqual([
    { key: 'pipeline.step.findClientByPhone', params: { phone: '79163334455' } },
    { key: 'journalStepDecide', params: { rule: { said: { key: 'pipeline.rule.base' } } } },
    { key: 'journalStepDone' },
  ]);
  expect(entries[0]).toMatchObject({ result: { key: 'journalFoundNothing' }, tone: 'ok' });
  expect(entries[1]!.result).toEqual({ key: 'journalOutcomeCreate', params: { entity: { entity: 'inquiry' } } });
  expect(entries[2]!.links).toEqual([{ entity: 'inquiry', id: 10004, url: 'https://x.autocrm.ru/request/10004' }]);
  expect(entries.map((e) => ru(e.what as never))).toEqual(['Поиск клиента по телефону 79163334455', 'Применено правило: базовое правило', 'Создано в AutoCRM']);
  expect(entries.map((e) => en(e.what as never))).toEqual(['Look up the client by phone 79163334455', 'Rule applied: the base rule', 'Created in AutoCRM']);
});

test('a failed request shows its error in both languages; records found are counted', () => {
  const [failed, found] = timeline([
    step(1, 'request', { label: phrase('pipeline.step.createInquiry'), ok: false, error: { kind: 'http', ru: 'AutoCRM ответила 500', en: 'AutoCRM answered 500' } }),
    step(2, 'request', { label: phrase('pipeline.step.clientInquiries', { phone: '79163334455' }), ok: true, result: [{ id: 1 }, { id: 2 }] }),
  ]);
  expect(failed).toMatchObject({ tone: 'error', result: { localized: { ru: 'AutoCRM ответила 500', en: 'AutoCRM answered 500' } } });
  expect(found!.result).toEqual({ key: 'journalFoundCount', params: { count: 2 } });
});

test('steps stored as Russian strings before phrases still show, as they were written', () => {
  const [request, done] = timeline([
    step(1, 'request', { label: 'найти клиента по телефону 79163334455', ok: false, notStored: 'AutoCRM не сохранил телефон' }),
    step(2, 'done', { reason: 'уже было создано (найден маркер): другой установкой или прерванной попыткой', created: [] }),
  ]);
  expect(ru(request!.what as never)).toBe('найти клиента по телефону 79163334455');
  expect(ru(request!.result as never)).toBe('AutoCRM не сохранил телефон');
  expect(ru(done!.result as never)).toBe('уже было создано (найден маркер): другой установкой или прерванной попыткой');
});

test('the dry run and the row say the same reason', () => {
  const reason = phrase('pipeline.reason.noDealership');
  expect(outcomeSaid({ type: 'misconfigured', reason })).toEqual({ key: 'journalOutcomeMisconfigured', params: { reason: { said: reason } } });
  // The row of a misconfigured item shows its error, pipeline.error.ruleIncomplete: the same words.
  expect(ru(outcomeSaid({ type: 'misconfigured', reason }))).toBe(ru(phrase('pipeline.error.ruleIncomplete', { reason: { said: reason } })));
  expect(en(outcomeSaid({ type: 'misconfigured', reason }))).toBe('The rule is incomplete: the rule has no dealership selected.');
  // A reason stored as a Russian string by an earlier version is shown inside the phrase as it is.
  expect(ru(outcomeSaid({ type: 'defer', until: '2026-12-01T09:00:00+03:00', reason: 'нерабочее время интеграции' }))).toBe('Итог: отложено — нерабочее время интеграции.');
});
