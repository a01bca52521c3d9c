import { describe, expect, test } from 'vitest';
import { errorFields, unwrap } from './envelope';

describe('unwrap: every envelope variant the swagger responses show', () => {
  test.each<[string, unknown, unknown]>([
    ['status 1 with result', { status: 1, result: { id: 5 } }, { id: 5 }],
    ['status "1"', { status: '1', result: [1] }, [1]],
    ['success: true (trade-in stages)', { success: true, result: { id: 2 }, errors: [] }, { id: 2 }],
    ['no status on case POST', { result: { id: 9 }, errors: [] }, { id: 9 }],
    ['status without result (stage actions, POST /lead)', { status: 1, errors: [] }, undefined],
    ['a bare object with its own string status (GET /call/{id})', { id: 3, status: 'answered' }, { id: 3, status: 'answered' }],
    ['a bare list', [{ id: 1 }], [{ id: 1 }]],
  ])('%s', (_, body, expected) => {
    expect(unwrap(body, 200, 'GET /x')).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ['status 0 with a field map', { status: 0, errors: { phone: ['Неверный формат'] } }],
    ['status 0 with a list', { status: 0, errors: ['Необходимо заполнить «Автосалон».'] }],
    ['success: false', { success: false, errors: ['нельзя'] }],
    ['errors beside status 1', { status: 1, result: {}, errors: { name: ['занято'] } }],
  ])('%s is a validation error', (_, body) => {
    expect(() => unwrap(body, 200, 'POST /x')).toThrow(expect.objectContaining({ kind: 'validation' }));
  });

  test('non-JSON-object bodies are not the API', () => {
    expect(() => unwrap('<html>', 200, 'GET /x')).toThrow(expect.objectContaining({ kind: 'invalid-response' }));
  });
});

describe('errorFields', () => {
  test('map, list, string and Yii’s message', () => {
    expect(errorFields({ errors: { phone: ['a', 'b'], name: 'c' } })).toEqual({ phone: ['a', 'b'], name: ['c'] });
    expect(errorFields({ errors: ['x'] })).toEqual({ _: ['x'] });
    expect(errorFields({ errors: 'y' })).toEqual({ _: ['y'] });
    expect(errorFields({ name: 'Unauthorized', message: 'Your request was made with invalid credentials.' })).toEqual({ _: ['Your request was made with invalid credentials.'] });
    expect(errorFields({ errors: [] })).toEqual({});
  });
});
