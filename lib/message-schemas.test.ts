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

  test('the refused report fields are for the extension’s pages only', () => {
    expect(parseRequest({ type: 'callgear.droppedFields' }, 'page')).toEqual({ ok: true, request: { type: 'callgear.droppedFields' } });
    expect(parseRequest({ type: 'callgear.droppedFields' }, 'content')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test.each(['check.run', 'check.last', 'check.progress'])('the integration check’s %s is for the extension’s pages only, and carries nothing', (type) => {
    expect(parseRequest({ type }, 'page')).toEqual({ ok: true, request: { type } });
    expect(parseRequest({ type }, 'content')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(parseRequest({ type, lang: 'ru' }, 'page')).toEqual({ ok: true, request: { type } });
  });

  test('settings.save carries the AutoCRM zone and the point budget share, checked', () => {
    const settings = { autocrmZone: 'Asia/Aqtau', pointBudgetShare: 0.3 };
    expect(parseRequest({ type: 'settings.save', settings }, 'page')).toEqual({ ok: true, request: { type: 'settings.save', settings } });
    expect(parseRequest({ type: 'settings.save', settings: { autocrmZone: 'Mars/Olympus' } }, 'page')).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^settings\.autocrmZone:/) } });
    expect(parseRequest({ type: 'settings.save', settings: { pointBudgetShare: 0.01 } }, 'page')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(parseRequest({ type: 'settings.save', settings }, 'content')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test.each([[null], ['status'], [{ type: 'toString' }], [{ type: '__proto__' }], [{}]])('rejects %j as an unknown type', (raw) => {
    expect(parseRequest(raw, 'page')).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });
});
