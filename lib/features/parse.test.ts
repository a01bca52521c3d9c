import { describe, expect, test } from 'vitest';
import { parseRequest } from './parse';

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

  test('says in words what is wrong with a field', () => {
    expect(parseRequest({ type: 'inbox.steps', key: 5 }, 'page')).toEqual({ ok: false, error: { code: 'invalid', message: 'key: Invalid input: expected string, received number' } });
    expect(parseRequest({ type: 'inbox.steps', key: 'x'.repeat(101) }, 'page')).toMatchObject({ ok: false, error: { message: 'key: Too big: expected string to have <=100 characters' } });
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

describe('deep payloads (docs/security.md, R11)', () => {
  const deepGroup = (depth: number) => {
    let when: unknown = { field: 'scenario_id', op: 'eq', value: 1 };
    for (let i = 0; i < depth; i++) when = { op: 'and', items: [when] };
    return when;
  };
  const deepContext = (depth: number) => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = { v: value };
    return { a: value };
  };

  test('a 1,000-deep render context or rule set is answered with an error, not a stack overflow', () => {
    expect(parseRequest({ type: 'render', template: '{{ a }}', context: deepContext(1_000) }, 'page')).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'message: nested deeper than 64 levels' },
    });
    const ruleSet = { rules: [{ id: 'r', name: 'r', enabled: true, when: deepGroup(1_000), fields: {} }] };
    expect(parseRequest({ type: 'rules.save', kind: 'incomingCalls', ruleSet }, 'page')).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  test('ordinary nesting still parses', () => {
    expect(parseRequest({ type: 'render', template: '{{ a }}', context: deepContext(40) }, 'page')).toMatchObject({ ok: true });
  });
});
