import { describe, expect, test } from 'vitest';
import { openDb } from '../db';
import type { HttpExchange } from '../http';
import { RequestLog, logEntry, type LoggedRequest } from './request-log';
import { packLog, settingsLogStore, unpackLog } from './store';

const at = new Date('2026-11-30T08:00:00Z');
const exchange = (over: Partial<HttpExchange> = {}): HttpExchange => ({
  api: 'callgear-data', method: 'get.calls_report', path: '/v2.0', params: ['access_token', 'date_from', 'fields'], status: 200, body: { result: { data: [] } }, durationMs: 12, ...over,
});

describe('logEntry', () => {
  test('keeps parameter names but never the credential ones, and the shape of the answer', () => {
    const entry = logEntry(exchange({ method: 'login.user', params: ['login', 'password'], body: { jsonrpc: '2.0', id: 1, result: { data: { access_token: 'secret-session', expire_at: 1 } } } }), at);
    expect(entry).toEqual({
      at: at.toISOString(), api: 'callgear-data', method: 'login.user', path: '/v2.0', params: [], status: 200, durationMs: 12,
      shape: { id: 'number', jsonrpc: 'string', result: { data: { access_token: 'string', expire_at: 'number' } } },
    });
    expect(JSON.stringify(logEntry(exchange(), at).params)).toBe('["date_from","fields"]');
  });

  test('a CallGear error keeps code, mnemonic, field and params names; the failed value is left out and the message masked', () => {
    const body = { error: { code: -32602, message: 'Contact 79161112233 is in blacklist', data: { mnemonic: 'contact_in_blacklist', field: 'contact', value: '79161112233', params: { contact: '79161112233' } } } };
    const entry = logEntry(exchange({ api: 'callgear-call', method: 'start.employee_call', status: 200, body }), at);
    expect(entry.error).toEqual({ kind: 'callgear', code: -32602, mnemonic: 'contact_in_blacklist', field: 'contact', params: ['contact'], message: 'Contact <phone> is in blacklist' });
    expect(JSON.stringify(entry)).not.toContain('1112233');
  });

  test('an AutoCRM validation error keeps the field names, from either form of errors, with messages masked', () => {
    const list = logEntry(exchange({ api: 'autocrm', method: 'POST', path: '/yii/api/leads/request', status: 200, body: { status: 0, errors: ['phone: Номер «+7 916 111-22-33» уже занят'] } }), at);
    expect(list.error).toEqual({ kind: 'autocrm', fields: ['phone'], messages: ['Номер «…» уже занят'] });
    const map = logEntry(exchange({ api: 'autocrm', method: 'PUT', status: 422, body: { errors: { email: ['ivanov@example.ru is taken'] } } }), at, ['Иванов Сергей']);
    expect(map.error).toEqual({ kind: 'autocrm', fields: ['email'], messages: ['<e-mail> is taken'] });
  });

  test('a successful AutoCRM answer has no error; no answer and a non-JSON answer are said so', () => {
    expect(logEntry(exchange({ api: 'autocrm', method: 'GET', body: { status: 1, result: [], errors: [] } }), at).error).toBeUndefined();
    expect(logEntry(exchange({ status: null, body: undefined }), at).shape).toBe('no answer');
    expect(logEntry(exchange({ api: 'autocrm', status: 502, body: undefined, textLength: 5120 }), at)).toMatchObject({ shape: 'not json (5120 chars)', error: { kind: 'autocrm', fields: [], messages: [] } });
  });
});

describe('RequestLog', () => {
  test('keeps the last N requests of each API apart', () => {
    let clock = 0;
    const log = new RequestLog({ perApi: 3, now: () => new Date(at.getTime() + clock++) });
    for (let i = 0; i < 5; i++) log.record(exchange({ method: `m${i}` }));
    log.record(exchange({ api: 'autocrm', method: 'GET' }));
    expect(log.entries().map((e) => `${e.api}:${e.method}`)).toEqual(['callgear-data:m2', 'callgear-data:m3', 'callgear-data:m4', 'autocrm:GET']);
  });

  test('saves in batches and a new worker life brings the saved entries back before its own', async () => {
    const db = openDb(`diagnostics-${Math.random()}`);
    let clock = 0;
    const now = () => new Date(at.getTime() + clock++);
    const first = new RequestLog({ saveEvery: 3, saveAfterMs: 60_000, now });
    await first.attach(settingsLogStore(db));
    first.record(exchange({ method: 'a' }));
    first.record(exchange({ method: 'b' }));
    expect(await settingsLogStore(db).load()).toEqual([]); // below the batch size: not written yet
    first.record(exchange({ method: 'c' }));
    await first.flush();
    const second = new RequestLog({ now });
    second.record(exchange({ method: 'd' })); // logged before the saved entries came back
    await second.attach(settingsLogStore(db));
    expect(second.entries().map((e) => e.method)).toEqual(['a', 'b', 'c', 'd']);
    db.close();
  });

  test('a pending batch is written after the delay', async () => {
    const db = openDb(`diagnostics-${Math.random()}`);
    const log = new RequestLog({ saveEvery: 100, saveAfterMs: 10 });
    await log.attach(settingsLogStore(db));
    log.record(exchange());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await settingsLogStore(db).load()).toHaveLength(1);
    db.close();
  });
});

describe('saved form', () => {
  test('stores each distinct shape once and reads back what was saved', () => {
    const entries: LoggedRequest[] = [logEntry(exchange(), at), logEntry(exchange({ method: 'x' }), at), logEntry(exchange({ body: { other: 1 } }), at)];
    const packed = packLog(entries);
    expect(packed.shapes).toHaveLength(2);
    expect(unpackLog(JSON.parse(JSON.stringify(packed)))).toEqual(entries);
    expect(unpackLog({ version: 9 })).toEqual([]);
  });
});
