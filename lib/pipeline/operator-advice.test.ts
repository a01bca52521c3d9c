import { describe, expect, test } from 'vitest';
import { operatorAdvice } from './operator-advice';
import type { ErrorInfo, InboxState } from '../db';

const read = { variables: { call_session_id: 1 } };
const item = (state: InboxState, kind: string | null, comm: { variables: Record<string, unknown>; unread?: never } = read) => ({
  state,
  error: kind === null ? null : ({ kind, ru: 'ошибка', en: 'error' } satisfies ErrorInfo),
  comm: comm as never,
});

describe('what the after-call card asks of the operator', () => {
  test('nothing while the item is fine or still on its way', () => {
    for (const state of ['new', 'planned', 'deferred', 'processing', 'done', 'skipped'] as const) expect(operatorAdvice(item(state, null))).toBeNull();
  });

  test('retry when the service was busy or down: the same request can succeed later', () => {
    expect(operatorAdvice(item('failed', 'unavailable'))).toBe('retry');
    expect(operatorAdvice(item('failed', 'rate-limited'))).toBe('retry');
    expect(operatorAdvice(item('needs-fix', 'unavailable'))).toBe('retry');
  });

  test('tell the admin when only a fix helps: template, rule, password, rights, a rejected field', () => {
    for (const kind of ['template', 'rule', 'authentication', 'permission', 'validation', 'ip-not-whitelisted', 'not-found', 'invalid-response']) {
      expect(operatorAdvice(item('needs-fix', kind)), kind).toBe('tell-admin');
    }
  });

  test('retry for a report row that was not read: retrying reads it from CallGear again', () => {
    const unread = { variables: {}, unread: { reason: 'no id', at: 1 } };
    expect(operatorAdvice(item('needs-fix', 'invalid-response', unread as never))).toBe('retry');
  });
});
