import { describe, expect, test } from 'vitest';
import { parseRequest } from './message-schemas';

describe('parseRequest', () => {
  test('accepts a well-formed request from an allowed sender', () => {
    expect(parseRequest({ type: 'render', template: '{{ a }}', context: { a: 'x', n: [1, { b: null }] } }, 'page')).toEqual({
      ok: true,
      request: { type: 'render', template: '{{ a }}', context: { a: 'x', n: [1, { b: null }] } },
    });
    expect(parseRequest({ type: 'status' }, 'content')).toEqual({ ok: true, request: { type: 'status' } });
  });

  test('refuses a request the sender may not make', () => {
    expect(parseRequest({ type: 'render', template: '', context: {} }, 'content')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('names what is wrong with a malformed payload', () => {
    const result = parseRequest({ type: 'render', template: '{{ a }}', context: { f: () => 1 } }, 'page');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!result.ok && result.error.message).toMatch(/^context\.f:/);
  });

  test.each([[null], ['status'], [{ type: 'toString' }], [{ type: '__proto__' }], [{}]])('rejects %j as an unknown type', (raw) => {
    expect(parseRequest(raw, 'page')).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });
});
