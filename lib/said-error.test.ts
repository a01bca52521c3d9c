import { describe, expect, test } from 'vitest';
import { askBackground } from './messages';
import { phrase } from './phrase';
import { errorParam, SaidError, saidOfError } from './said-error';

describe('an error that says a phrase', () => {
  test('keeps its phrase, and its message is the key for logs', () => {
    const error = new SaidError(phrase('credential.operator.loginMissing'));
    expect(saidOfError(error)).toEqual({ key: 'credential.operator.loginMissing' });
    expect(error.message).toBe('credential.operator.loginMissing');
    expect(saidOfError(new Error('plain'))).toBeUndefined();
  });

  test('crosses the message layer as JSON and is thrown again with its phrase', async () => {
    const said = phrase('managed.lockedSettings', { names: 'hours' });
    const reply = JSON.parse(JSON.stringify({ ok: false, error: { code: 'internal', message: 'x', said } }));
    const caught = await askBackground(async () => reply, { type: 'status' }).catch((error: unknown) => error);
    expect(saidOfError(caught)).toEqual(said);
    const plain = await askBackground(async () => ({ ok: false, error: { code: 'internal', message: 'boom' } }), { type: 'status' }).catch((error: unknown) => error);
    expect(plain).toBeInstanceOf(Error);
    expect(saidOfError(plain)).toBeUndefined();
  });

  test('as a parameter of another phrase, an error gives its phrase, or its message as data', () => {
    const said = phrase('employeeUpdate.notFound', { id: 7 });
    expect(errorParam(new SaidError(said))).toEqual({ said });
    expect(errorParam(new Error('timeout'))).toBe('timeout');
  });
});
