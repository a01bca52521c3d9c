import { describe, expect, test } from 'vitest';
import { CALL_URL, DATA_URL, fakeRpc, limits, rpcErr, type RpcCall, type RpcReply } from '../../tests/tools/fake-callgear-rpc';
import { isApiError, type ApiError } from '../api-error';
import { CallGearClient, type CallGearAuth } from './client';
import { MemorySessionStore, SessionKeeper } from './session-store';

const LOGIN: CallGearAuth = { kind: 'login', login: 'admin', password: 'secret' };
const KEY: CallGearAuth = { kind: 'token', token: 'permanent' };
const account: RpcReply = { body: { result: { data: [{ app_id: 1, name: 'A', timezone: 'Europe/Moscow' }], metadata: { limits: limits() } } } };

function client(answer: (call: RpcCall) => RpcReply | Promise<RpcReply>, auth: CallGearAuth = KEY, sessions?: SessionKeeper) {
  const rpc = fakeRpc(answer);
  return { rpc, client: new CallGearClient({ dataApiUrl: DATA_URL, callApiUrl: CALL_URL, auth, sessions, fetch: rpc.fetch }) };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('JSON-RPC error bodies are read whatever the HTTP status', () => {
  test.each([400, 401, 403, 429, 500])('an error object on HTTP %i is CallGear’s answer', async (status) => {
    const { client: c } = client(() => ({ status, body: rpcErr(-32001, 'access_token_invalid') }));
    await expect(failure(c.account())).resolves.toMatchObject({ kind: 'authentication', code: 'access_token_invalid' });
  });

  test('limit_exceeded on HTTP 429 is a rate limit, not "not CallGear"', async () => {
    const { client: c } = client(() => ({ status: 429, body: rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'minute' }, metadata: { limits: limits({ minute_remaining: 0, minute_reset: 12 }) } }) }));
    await expect(failure(c.account())).resolves.toMatchObject({ kind: 'rate-limited', retryAfterMs: 12_000 });
  });

  test('a 5xx without a JSON-RPC body is unavailable; a 4xx or 200 without one is not CallGear', async () => {
    const html = '<html>Bad gateway</html>';
    await expect(failure(client(() => ({ status: 502, body: null, raw: html })).client.account())).resolves.toMatchObject({ kind: 'unavailable', status: 502 });
    await expect(failure(client(() => ({ status: 404, body: null, raw: html })).client.account())).resolves.toMatchObject({ kind: 'invalid-response', status: 404 });
    await expect(failure(client(() => ({ status: 200, body: null, raw: html })).client.account())).resolves.toMatchObject({ kind: 'invalid-response' });
  });
});

describe('limits: metadata.limits of every answer; limit_exceeded waits for the documented reset', () => {
  test('limits are read from successful and error answers alike', async () => {
    let n = 0;
    const { client: c } = client(() => (++n === 1 ? account : { body: rpcErr(-32602, 'invalid_parameter_value', { metadata: { limits: limits({ day_remaining: 700 }) } }) }));
    await c.account();
    expect(c.lastLimits).toMatchObject({ day_limit: 1000, day_remaining: 900 });
    await failure(c.account());
    expect(c.lastLimits).toMatchObject({ day_remaining: 700 });
    expect(c.pointsUsed).toBe(1); // points go only to successful requests
  });

  test('the day limit waits until day_reset (seconds), not an hour', async () => {
    const body = rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'day', limit_max_value: 1000 }, metadata: { limits: limits({ day_remaining: 0, day_reset: 5 * 3600 }) } });
    await expect(failure(client(() => ({ body })).client.account())).resolves.toMatchObject({ kind: 'rate-limited', retryAfterMs: 5 * 3600_000 });
  });

  test('without limit_type, nothing remaining for the day means the day limit', async () => {
    const body = rpcErr(-32029, 'limit_exceeded', { metadata: { limits: limits({ day_remaining: 0, day_reset: 600, minute_reset: 20 }) } });
    await expect(failure(client(() => ({ body })).client.account())).resolves.toMatchObject({ retryAfterMs: 600_000 });
  });

  test('an unknown limit_type with nothing left today is the day limit; a reset that cannot be seconds is capped', async () => {
    const daily = rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'daily' }, metadata: { limits: limits({ day_remaining: 0, day_reset: 900 }) } });
    await expect(failure(client(() => ({ body: daily })).client.account())).resolves.toMatchObject({ retryAfterMs: 900_000 });
    const timestamp = rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'day' }, metadata: { limits: limits({ day_remaining: 0, day_reset: 1_798_000_000 }) } });
    await expect(failure(client(() => ({ body: timestamp })).client.account())).resolves.toMatchObject({ retryAfterMs: 24 * 3_600_000 });
    const minuteMs = rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'minute' }, metadata: { limits: limits({ minute_remaining: 0, minute_reset: 41_000 }) } });
    await expect(failure(client(() => ({ body: minuteMs })).client.account())).resolves.toMatchObject({ retryAfterMs: 60_000 });
  });

  test('the minute limit waits until minute_reset; without metadata, a minute or an hour', async () => {
    const minute = rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'minute' }, metadata: { limits: limits({ minute_remaining: 0, minute_reset: 41 }) } });
    await expect(failure(client(() => ({ body: minute })).client.account())).resolves.toMatchObject({ retryAfterMs: 41_000 });
    await expect(failure(client(() => ({ body: rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'minute' } }) })).client.account())).resolves.toMatchObject({ retryAfterMs: 60_000 });
    await expect(failure(client(() => ({ body: rpcErr(-32029, 'limit_exceeded', { params: { limit_type: 'day' } }) })).client.account())).resolves.toMatchObject({ retryAfterMs: 3_600_000 });
  });
});

describe('login.user sessions', () => {
  const hourAhead = () => Math.floor(Date.now() / 1000) + 3600;
  function server() {
    let issued = 0;
    return (call: RpcCall): RpcReply => {
      if (call.method === 'login.user') return { body: { result: { data: { access_token: `${call.host}-${++issued}`, expire_at: hourAhead() } } } };
      if (call.method === 'start.employee_call') return { body: { result: { data: { call_session_id: 77 } } } };
      return account;
    };
  }
  const logins = (calls: RpcCall[]) => calls.filter((c) => c.method === 'login.user');

  test('six parallel requests share one login', async () => {
    const { client: c, rpc } = client(server(), LOGIN);
    await Promise.all(Array.from({ length: 6 }, () => c.account()));
    expect(logins(rpc.calls)).toHaveLength(1);
    expect(new Set(rpc.calls.filter((x) => x.method === 'get.account').map((x) => x.params.access_token))).toEqual(new Set(['data.test-1']));
  });

  test('clients sharing a keeper reuse the session; a keeper over the same store (a new worker life) too', async () => {
    const store = new MemorySessionStore();
    const keeper = new SessionKeeper(store);
    const first = client(server(), LOGIN, keeper);
    await first.client.account();
    const second = client(server(), LOGIN, keeper);
    await second.client.account();
    const nextLife = client(server(), LOGIN, new SessionKeeper(store));
    await nextLife.client.account();
    expect(logins([...first.rpc.calls, ...second.rpc.calls, ...nextLife.rpc.calls])).toHaveLength(1);
    expect(nextLife.rpc.calls[0]).toMatchObject({ method: 'get.account', params: { access_token: 'data.test-1' } });
  });

  test('a stored session near its end is not used: a fresh login replaces it', async () => {
    const store = new MemorySessionStore();
    await store.put('data', { token: 'old', expiresAt: Date.now() + 30_000 });
    const { client: c, rpc } = client(server(), LOGIN, new SessionKeeper(store));
    await c.account();
    expect(logins(rpc.calls)).toHaveLength(1);
    expect((await store.get('data'))?.token).toBe('data.test-1');
  });

  test('the Call API gets its own login.user on its own host', async () => {
    const { client: c, rpc } = client(server(), LOGIN);
    await c.account();
    await c.startEmployeeCall({ employeeId: 1, contact: '79161234567', virtualNumber: '74950000000' });
    expect(logins(rpc.calls).map((x) => x.host)).toEqual(['data.test', 'call.test']);
    expect(rpc.calls.find((x) => x.method === 'start.employee_call')?.params.access_token).toBe('call.test-2');
  });

  test('an ended session is forgotten and replaced by one login, then the request is repeated once', async () => {
    const store = new MemorySessionStore();
    const base = server();
    const { client: c, rpc } = client((call) => {
      if (call.method === 'get.account' && call.params.access_token === 'data.test-1') return { body: rpcErr(-32001, 'access_token_expired') };
      return base(call);
    }, LOGIN, new SessionKeeper(store));
    await c.account();
    expect(logins(rpc.calls)).toHaveLength(2);
    expect((await store.get('data'))?.token).toBe('data.test-2');
    expect(rpc.calls.filter((x) => x.method === 'get.account')).toHaveLength(2);
  });

  test('a permanent key is sent as is to both APIs, with no login', async () => {
    const { client: c, rpc } = client(server(), KEY);
    await c.account();
    await c.startEmployeeCall({ employeeId: 1, contact: '79161234567', virtualNumber: '74950000000' });
    expect(logins(rpc.calls)).toHaveLength(0);
    expect(rpc.calls.map((x) => x.params.access_token)).toEqual(['permanent', 'permanent']);
  });
});

describe('Call API rights', () => {
  test.each(['component_disabled', 'method_component_disabled', 'forbidden', 'access_token_invalid'])('%s on start.employee_call says what the user lacks', async (mnemonic) => {
    const { client: c } = client((call) => (call.method === 'start.employee_call' ? { body: rpcErr(-32008, mnemonic) } : account));
    const error = await failure(c.startEmployeeCall({ employeeId: 1, contact: '79161234567', virtualNumber: '74950000000' }));
    expect(error.text.ru).toContain('Call API Basic set');
  });
});

describe('get.employees paging', () => {
  test('an answer without total_items that ignores offset ends at the short first page, never loops', async () => {
    const employees = [1, 2, 3].map((id) => ({ id, last_name: `L${id}`, phone_numbers: [] }));
    const { rpc, client: c } = client(() => ({ body: { result: { data: employees, metadata: { limits: limits() } } } }));
    await expect(c.employees()).resolves.toHaveLength(3);
    expect(rpc.calls.filter((call) => call.method === 'get.employees')).toHaveLength(1);
  });
});
