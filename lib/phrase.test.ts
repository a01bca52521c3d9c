import { describe, expect, test } from 'vitest';
import { en, ru, wordsFor } from '../tests/tools/locale-words';
import { formatInZone, phrase, saidFromId, saidId, sayText } from './phrase';

describe('phrases', () => {
  test('a string stored before phrases is shown as it was written', () => {
    const legacy = 'обрабатывает установка сотрудника #9002';
    expect(sayText(legacy, wordsFor('ru'))).toBe(legacy);
    expect(sayText(legacy, wordsFor('en'))).toBe(legacy);
  });

  test('a phrase inside a phrase, and a person the lists do not know', () => {
    const error = phrase('pipeline.error.ruleIncomplete', { reason: { said: phrase('pipeline.reason.noDealership') } });
    expect(ru(error)).toBe('Правило не готово: в правиле не выбран автосалон.');
    expect(en(error)).toBe('The rule is incomplete: the rule has no dealership selected.');
    expect(ru(phrase('pipeline.owner.operator', { employee: { employee: 1 } }))).toBe('обрабатывает компьютер оператора сотрудник не из списка');
  });

  test('a key a locale lacks shows the key rather than nothing', () => {
    expect(sayText(phrase('pipeline.reason.noSuchKey'), wordsFor('ru'))).toBe('pipeline.reason.noSuchKey');
  });

  test('a reason grouped by its id is worded back the same', () => {
    const reason = phrase('pipeline.reason.openInquiry', { id: 5, status: { said: phrase('autocrm.status.Inquiry1') } });
    expect(saidFromId(saidId(reason))).toEqual(reason);
    expect(saidFromId(saidId('старая причина'))).toBe('старая причина');
  });
});

describe('formatInZone', () => {
  test('a moment in the zone asked for, as dd.MM.yyyy HH:mm', () => {
    expect(formatInZone('2026-11-30T21:05:00Z', 'Europe/Moscow')).toBe('01.12.2026 00:05');
    expect(formatInZone('2026-07-01T09:30:00+03:00', 'Asia/Vladivostok')).toBe('01.07.2026 16:30');
  });
});
