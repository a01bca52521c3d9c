import { expect, test } from 'vitest';
import type { StepRecord } from '../db';
import { outcomeSaid, timeline } from './timeline';

const step = (seq: number, name: string, detail: unknown): StepRecord => ({ seq, key: 'call:1', at: 1_000 + seq, step: name, detail });

test('steps read as a timeline: what happened, its result, and links, in order', () => {
  const entries = timeline([
    step(3, 'done', { reason: null, created: [{ entity: 'inquiry', id: 10004, url: 'https://x.autocrm.ru/request/10004' }] }),
    step(1, 'request', { label: 'найти клиента по телефону 79163334455', ok: true, result: null }),
    step(2, 'decide', { rule: 'базовое правило', outcome: { type: 'create', entity: 'inquiry', fields: {} } }),
  ]);
  expect(entries.map((e) => e.what)).toEqual([{ line: 'найти клиента по телефону 79163334455' }, { key: 'journalStepDecide', params: ['базовое правило'] }, { key: 'journalStepDone' }]);
  expect(entries[0]).toMatchObject({ result: { key: 'journalFoundNothing' }, tone: 'ok' });
  expect(entries[1]!.result).toEqual({ key: 'journalOutcomeCreate', params: ['entity_inquiry'] });
  expect(entries[2]!.links).toEqual([{ entity: 'inquiry', id: 10004, url: 'https://x.autocrm.ru/request/10004' }]);
});

test('a failed request shows its error in both languages; records found are counted', () => {
  const [failed, found] = timeline([
    step(1, 'request', { label: 'создать обращение', ok: false, error: { kind: 'http', ru: 'AutoCRM ответила 500', en: 'AutoCRM answered 500' } }),
    step(2, 'request', { label: 'обращения клиента', ok: true, result: [{ id: 1 }, { id: 2 }] }),
  ]);
  expect(failed).toMatchObject({ tone: 'error', result: { localized: { ru: 'AutoCRM ответила 500', en: 'AutoCRM answered 500' } } });
  expect(found!.result).toEqual({ key: 'journalFoundCount', params: ['2'] });
});

test('the dry run and the row say the same reason', () => {
  expect(outcomeSaid({ type: 'misconfigured', reason: 'в правиле не выбран автосалон' })).toEqual({ key: 'journalOutcomeMisconfigured', params: ['в правиле не выбран автосалон'] });
  expect(outcomeSaid({ type: 'defer', until: '2026-12-01T09:00:00+03:00', reason: 'нерабочее время интеграции' })).toEqual({ key: 'journalOutcomeDefer', params: ['нерабочее время интеграции'] });
});
