import { describe, expect, test } from 'vitest';
import { shapeOf } from './shape';

describe('shapeOf', () => {
  test('names the type of each primitive, never the value', () => {
    expect(shapeOf('Иванов')).toBe('string');
    expect(shapeOf(42)).toBe('number');
    expect(shapeOf(false)).toBe('boolean');
    expect(shapeOf(null)).toBe('null');
  });

  test('describes objects key by key, recursively, keys sorted', () => {
    expect(shapeOf({ result: { data: { id: 1, name: 'x', tags: null } }, jsonrpc: '2.0' })).toEqual({
      jsonrpc: 'string',
      result: { data: { id: 'number', name: 'string', tags: 'null' } },
    });
  });

  test('summarises an array by the union of its items: types join, keys missing from some items end in ?', () => {
    const rows = [
      { id: 1, phone: '79161112233', tags: [{ tag_id: 1 }] },
      { id: 2, phone: null, tags: [], email: 'a@b.ru' },
    ];
    expect(shapeOf(rows)).toEqual([{ 'email?': 'string', id: 'number', phone: 'null|string', tags: [{ tag_id: 'number' }] }]);
  });

  test('an empty array is [], and an array seen empty and full takes the full one', () => {
    expect(shapeOf([])).toEqual([]);
    expect(shapeOf([{ a: [] }, { a: [1] }])).toEqual([{ a: ['number'] }]);
  });

  test('values of different kinds become a "|" union', () => {
    expect(shapeOf([{ id: 1 }, 'x', null])).toEqual([{ '|': ['null|string', { id: 'number' }] }]);
    expect(shapeOf({ errors: [['a'], 'b'] })).toEqual({ errors: [{ '|': ['string', ['string']] }] });
  });

  test('keys that are data (ids, phones, e-mails) are summarised, not kept', () => {
    expect(shapeOf({ 1: 'Новая', 2: 'В работе', '+7 916 111-22-33': 1, 'ivanov@example.ru': true })).toEqual({
      '<e-mail>': 'boolean',
      '<number>': 'string',
      '<phone>': 'number',
    });
    expect(shapeOf([{ 1: 'a', 2: 'b' }, { 3: 'c' }, {}])).toEqual([{ '<number>?': 'string' }]);
  });

  test('very wide objects and very deep nesting stay bounded', () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(shapeOf(wide)).toEqual({ '<key>': 'number' });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(JSON.stringify(shapeOf(deep))).toContain('…');
  });

  test('a thousand report rows cost one merged shape', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, contact_phone_number: `7916${1000000 + i}`, finish_reason: i % 2 ? 'x' : null }));
    expect(shapeOf({ result: { data: rows, metadata: { total_items: 1000 } } })).toEqual({
      result: { data: [{ contact_phone_number: 'string', finish_reason: 'null|string', id: 'number' }], metadata: { total_items: 'number' } },
    });
  });
});
