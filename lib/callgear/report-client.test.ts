import { describe, expect, test } from 'vitest';
import { CallGearClient } from './client';
import { requestedFields } from './requested-fields';
import { communicationRowSchema } from './types';

type Rpc = { method: string; params: Record<string, unknown> };
type Answer = { result?: unknown; error?: unknown };

/** A Data API stand-in: records each JSON-RPC request and answers with what `reply` returns. */
function fakeApi(reply: (rpc: Rpc, index: number) => Answer) {
  const requests: Rpc[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = (await request.json()) as Rpc & { id: number };
    const rpc = { method: body.method, params: body.params };
    requests.push(rpc);
    return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, ...reply(rpc, requests.length - 1) }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  const client = new CallGearClient({ dataApiUrl: 'https://data.test/v2.0', callApiUrl: 'https://call.test/v4.0', auth: { kind: 'token', token: 't' }, fetch });
  return { client, requests };
}

const window = { date_from: '2026-11-24 00:00:00', date_till: '2026-11-24 23:59:59' };
const unexpected = (data: Record<string, unknown>) => ({ error: { code: -32602, message: 'Unexpected method parameter(s)', data: { mnemonic: 'unexpected_parameters', ...data } } });
const page = (data: unknown[], total?: number) => ({ result: { data, metadata: total === undefined ? {} : { total_items: total } } });

describe('report requests', () => {
  test('every report names its fields; calls and chats sort by their documented sortable time, leads do not sort', async () => {
    const { client, requests } = fakeApi(() => page([], 0));
    await client.callsReport(window);
    await client.chatsReport(window);
    await client.offlineMessagesReport(window);
    await client.communicationsReport(window);
    const [calls, chats, leads, comms] = requests.map((r) => r.params);
    expect(calls!.fields).toEqual(requestedFields('call'));
    expect(calls!.sort).toEqual([{ field: 'start_time', order: 'asc' }]);
    expect(chats!.fields).toEqual(requestedFields('chat'));
    expect(chats!.sort).toEqual([{ field: 'date_time', order: 'asc' }]);
    expect(leads!.fields).toEqual(expect.arrayContaining(['date_time', 'form_name']));
    expect(leads!.sort).toBeUndefined();
    expect(comms!.fields).toEqual(['id', 'communication_type', 'date_time']);
  });

  test.each([
    ['data.value names the field', { field: 'fields', value: 'scenario_name' }],
    ['data.field names the field', { field: 'fields.scenario_name' }],
    ['data.field gives the index in fields', { field: `fields.${requestedFields('call').indexOf('scenario_name')}` }],
  ])('unexpected_parameters (%s): the name is dropped and the request made once more', async (_, data) => {
    const { client, requests } = fakeApi((_rpc, index) => (index === 0 ? unexpected(data) : page([{ id: 1, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false }], 1)));
    const result = await client.callsReport(window);
    expect(requests).toHaveLength(2);
    expect(result.dropped).toEqual(['scenario_name']);
    expect(requests[1]!.params.fields).toEqual(requestedFields('call').filter((f) => f !== 'scenario_name'));
    expect(result.rows.map((r) => r.id)).toEqual([1]);
  });

  test('only once: a second refusal is the error; an unexpected parameter that is no field name is not retried', async () => {
    const twice = fakeApi((rpc) => unexpected({ field: 'fields', value: rpc.params.fields && (rpc.params.fields as string[]).includes('tags') ? 'tags' : 'utm_term' }));
    await expect(twice.client.callsReport(window)).rejects.toMatchObject({ code: 'unexpected_parameters' });
    expect(twice.requests).toHaveLength(2);
    const other = fakeApi(() => unexpected({ field: 'user_id' }));
    await expect(other.client.callsReport(window)).rejects.toMatchObject({ code: 'unexpected_parameters' });
    expect(other.requests).toHaveLength(1);
  });

  test('visitor_phone_number arrives as the documented number or as text: both read as digits', async () => {
    const row = (id: number, phone: unknown) => ({ id, date_time: '2026-11-24 10:00:00', status: 'succeed', visitor_phone_number: phone });
    const { client } = fakeApi(() => page([row(1, 79035554433), row(2, '79035554434'), row(3, null)], 3));
    const { rows, rejected } = await client.chatsReport(window);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.visitor_phone_number)).toEqual(['79035554433', '79035554434', null]);
  });

  test('a row of an unexpected shape is set aside, its reason in words (zod/mini keeps the English locale)', async () => {
    const row = (id: number, date_time: unknown) => ({ id, date_time, status: 'succeed' });
    const { client } = fakeApi(() => page([row(1, '2026-11-24 10:00:00'), row(2, 5)], 2));
    const { rows, rejected } = await client.chatsReport(window);
    expect(rows.map((r) => r.id)).toEqual([1]);
    expect(rejected).toEqual([expect.objectContaining({ id: 2, reason: 'date_time: Invalid input: expected string, received number' })]);
  });

  test('reportRows without total_items: follows full pages, stops at a short one or at a repeated one', async () => {
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i, communication_type: 'call', date_time: '2026-11-24 10:00:00' }));
    const paged = fakeApi((rpc) => page((rpc.params.offset as number) === 0 ? rows(1, 2) : rows(3, 1)));
    const read: unknown[] = [];
    for await (const row of paged.client.reportRows(communicationRowSchema, 'get.communications_report', { ...window, limit: 2 })) read.push(row);
    expect(read).toHaveLength(3);
    const stuck = fakeApi(() => page(rows(1, 2)));
    const again: unknown[] = [];
    for await (const row of stuck.client.reportRows(communicationRowSchema, 'get.communications_report', { ...window, limit: 2 })) again.push(row);
    expect(again).toHaveLength(2);
    expect(stuck.requests).toHaveLength(2);
  });

  test('without metadata.total_items the total is unknown, not the page length', async () => {
    const { client } = fakeApi(() => page([{ id: 1, communication_type: 'call', date_time: '2026-11-24 10:00:00' }]));
    expect((await client.communicationsReport(window)).total).toBe(Number.POSITIVE_INFINITY);
  });
});
