import { describe, expect, test } from 'vitest';
import { en, ru } from '@/tests/tools/locale-words';
import { httpError, unwrap } from './envelope';
import { fieldsSaid } from './field-labels';

describe('AutoCRM validation errors name fields as the admin knows them', () => {
  test('known fields by their label, unknown ones by their API name, AutoCRM’s words kept', () => {
    const said = fieldsSaid({ source_id: ['Необходимо заполнить'], utm_term: ['too long'], _: ['общая ошибка'] })!;
    expect(ru(said)).toBe('«Источник»: Необходимо заполнить; «utm_term»: too long; общая ошибка');
    expect(en(said)).toBe('"Source": Необходимо заполнить; "utm_term": too long; общая ошибка');
  });

  test('no fields, no detail', () => {
    expect(fieldsSaid({})).toBeNull();
  });

  test('a 422 and a 200 envelope with errors both word the fields in either language', () => {
    const fromStatus = httpError(422, { errors: { salon_id: ['Значение не найдено'] } }, 'POST /leads/request');
    expect(fromStatus.text.ru).toContain('«Автосалон»: Значение не найдено');
    expect(fromStatus.text.en).toContain('"Dealership": Значение не найдено');
    expect(fromStatus.text.en).not.toContain('salon_id');
    let thrown: unknown;
    try {
      unwrap({ status: 0, errors: { request_type_id: ['required'] } }, 200, 'POST /leads/request');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { text: { ru: string } }).text.ru).toContain('«Цель обращения»: required');
  });
});
