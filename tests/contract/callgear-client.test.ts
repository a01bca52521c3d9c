import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DateTime } from 'luxon';
import { CallGearClient, type CallGearAuth } from '@/lib/callgear/client';
import { callRowSchema } from '@/lib/callgear/types';
import { failure } from './expect-failure';
import { CALLGEAR_KEYS, CALLGEAR_LOGIN, CALLGEAR_LOGIN_DATA_ONLY, PHONE_DEFAULTS, SMALL_TARIFF, startCallGearSim, type CallGearSim } from '../sim/callgear/server';
import { REPORT_FIELDS } from '../sim/callgear/documented';
import { accountNow, formatAccountTime } from '../sim/callgear/fixtures';
import { serve, type RunningServer } from '../sim/serve';

let sim: CallGearSim;
let server: RunningServer;
let client: CallGearClient;

const make = (auth: CallGearAuth = { kind: 'token', token: CALLGEAR_KEYS.permanent }, timeoutMs?: number) =>
  new CallGearClient({ dataApiUrl: `${server.url()}/v2.0`, callApiUrl: `${server.url()}/v4.0`, auth, timeoutMs });

/** A JSON-RPC request straight to the simulator, for what the client (product code) does not expose. */
async function rawRpc(path: 'v2.0' | 'v4.0', method: string, params: Record<string, unknown>): Promise<{ result?: Record<string, unknown>; error?: Record<string, unknown> }> {
  const response = await fetch(`${server.url()}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return (await response.json()) as { result?: Record<string, unknown>; error?: Record<string, unknown> };
}

const window = (hoursBack = 24) => ({ date_from: formatAccountTime(accountNow().minus({ hours: hoursBack })), date_till: formatAccountTime(accountNow().plus({ minutes: 1 })) });


beforeAll(async () => {
  ({ sim, server } = await startCallGearSim());
});
afterAll(() => server.close());
beforeEach(() => {
  sim.reset();
  client = make();
});

describe('reports', () => {
  test('the account and its time zone', async () => {
    await expect(client.account()).resolves.toMatchObject({ timezone: 'Europe/Moscow', app_id: 41077 });
  });

  test('without fields a report answers its documented default fields only (get_calls_report "Default response")', async () => {
    sim.addCall({ employeeId: 9001, campaignId: 701 });
    const rows = (await client.rpc('data', 'get.calls_report', window())).data as Record<string, unknown>[];
    expect(Object.keys(rows[0]!).sort()).toEqual([...REPORT_FIELDS.calls.default].sort());
    expect(rows[0]).not.toHaveProperty('scenario_name');
    expect(rows[0]).not.toHaveProperty('last_answered_employee_id');
  });

  test.each([
    ['get.calls_report', 'calls'],
    ['get.chats_report', 'chats'],
    ['get.offline_messages_report', 'offline_messages'],
    ['get.communications_report', 'communications'],
  ] as const)('%s without fields: exactly the fields its page marks "Default response"', async (method, report) => {
    sim.addCall({});
    sim.addChat({});
    sim.addLead({});
    const { data } = await client.rpc('data', method, window());
    expect((data as Record<string, unknown>[]).length).toBeGreaterThan(0);
    for (const row of data as Record<string, unknown>[]) expect(Object.keys(row).sort()).toEqual([...REPORT_FIELDS[report].default].sort());
  });

  test('calls with the fields the product uses: marketing, scenario, employee, record, lost flag', async () => {
    const fields = ['id', 'start_time', 'direction', 'is_lost', 'call_records', 'full_record_file_link', 'scenario_name', 'campaign_name', 'utm_source', 'utm_campaign', 'last_answered_employee_id', 'tags'];
    const answered = sim.addCall({ employeeId: 9001, campaignId: 701 });
    sim.addCall({ lost: true, contact: '79035550101' });
    const { rows, total } = await client.callsReport({ ...window(), fields });
    expect(total).toBe(2);
    const row = rows.find((r) => r.id === answered.id)!;
    expect(row).toMatchObject({
      direction: 'in',
      is_lost: false,
      scenario_name: 'Входящие: отдел продаж',
      campaign_name: 'Яндекс.Директ — Haval Jolion',
      utm_source: 'yandex',
      utm_campaign: 'haval_jolion_2026',
      last_answered_employee_id: 9001,
      full_record_file_link: expect.stringMatching(new RegExp(`/system/media/talk/${answered.id}/[0-9a-f]{32}/$`)),
    });
    expect(rows.find((r) => r.id !== answered.id)).toMatchObject({ is_lost: true, call_records: [], last_answered_employee_id: null });
  });

  test('chats: visitor_phone_number is a number; the report has no visitor_name or visitor_email (get_chats_report)', async () => {
    sim.addChat({ channelId: 902, employeeId: 9003, visitorPhone: '79035554433' });
    const result = await client.rpc('data', 'get.chats_report', { ...window(), fields: ['id', 'chat_channel_type', 'employee_id', 'visitor_phone_number'] });
    expect(result.data).toEqual([expect.objectContaining({ chat_channel_type: 'telegram', employee_id: 9003, visitor_phone_number: 79035554433 })]);
    await expect(failure(client.rpc('data', 'get.chats_report', { ...window(), fields: ['id', 'visitor_name'] }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
    await expect(failure(client.rpc('data', 'get.chats_report', { ...window(), fields: ['id', 'visitor_email'] }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
  });

  test('chats read through the client with the fields it uses', async () => {
    sim.addChat({ channelId: 902, employeeId: 9003 });
    await expect(client.chatsReport({ ...window(), fields: ['id', 'status', 'date_time', 'chat_channel_type', 'employee_id', 'visitor_phone_number'] })).resolves.toMatchObject({ rows: [expect.objectContaining({ chat_channel_type: 'telegram', employee_id: 9003 })] });
  });

  test('leads: date_time is not a default field; named in fields it is there', async () => {
    sim.addLead({ formName: 'Заявка на кредит' });
    const bare = await client.rpc('data', 'get.offline_messages_report', window());
    expect(bare.data).toEqual([expect.not.objectContaining({ date_time: expect.anything() })]);
    const named = await client.offlineMessagesReport({ ...window(), fields: ['id', 'date_time', 'form_name', 'visitor_name', 'visitor_phone_number'] });
    expect(named.rows).toEqual([expect.objectContaining({ form_name: 'Заявка на кредит', visitor_name: 'Мария', date_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) })]);
  });

  test('chat messages and the all-communications report', async () => {
    const chat = sim.addChat({ channelId: 902, employeeId: 9003 });
    sim.addLead({});
    await expect(client.chatMessages(chat.id)).resolves.toMatchObject({ total: 2 });
    const all = await client.communicationsReport({ ...window(), fields: ['id', 'communication_type', 'date_time'] });
    expect(all.rows.map((r) => r.communication_type).sort()).toEqual(['chat', 'offline_message']);
  });

  test('outgoing calls are not communications unless the account lists them (undocumented: both variants)', async () => {
    sim.addCall({ direction: 'out', employeeId: 9002 });
    const incoming = sim.addCall({});
    const fields = ['id', 'communication_type', 'date_time'];
    const strict = await client.communicationsReport({ ...window(), fields });
    expect(strict.rows.map((r) => r.id)).toEqual([incoming.communication_id]);
    sim.setFaults({ communicationsIncludeOutgoing: true });
    expect((await client.communicationsReport({ ...window(), fields })).rows).toHaveLength(2);
  });

  test('reportRows pages with limit and offset until total_items', async () => {
    for (let i = 0; i < 25; i++) sim.addCall({ start: accountNow().minus({ minutes: 30 - i }) });
    const rows = [];
    for await (const row of client.reportRows(callRowSchema, 'get.calls_report', { ...window(), limit: 10 })) rows.push(row);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => r.id)).size).toBe(25);
    expect(client.pointsUsed).toBe(3);
  });

  test('filters (simple and and/or trees), fields and sort', async () => {
    sim.addCall({ scenarioId: 302, virtualNumber: '74953330000' });
    sim.addCall({ scenarioId: 301, lost: true });
    sim.addCall({ scenarioId: 303, source: 'sitephone' });
    const fields = ['id', 'start_time', 'direction', 'is_lost', 'scenario_id'];
    const lostOrWidget = await client.callsReport({ ...window(), fields, filter: { condition: 'or', filters: [{ field: 'is_lost', operator: '=', value: true }, { field: 'source', operator: '=', value: 'sitephone' }] } });
    expect(lostOrWidget.rows.map((r) => r.scenario_id).sort()).toEqual([301, 303]);
    const service = await client.callsReport({ ...window(), filter: { field: 'scenario_id', operator: '=', value: 302 }, fields });
    expect(Object.keys(service.rows[0]!).sort()).toEqual(['direction', 'id', 'is_lost', 'scenario_id', 'start_time']);
    const desc = await client.callsReport({ ...window(), fields, sort: [{ field: 'start_time', order: 'desc' }] });
    expect(desc.rows.map((r) => r.start_time)).toEqual([...desc.rows.map((r) => r.start_time)].sort().reverse());
  });

  test('filtering or sorting outside the documented lists is refused (data_api/index.html "Filters", "Data sorting")', async () => {
    sim.addCall({});
    // start_time has no Filtering mark, id no Sorting mark in get_calls_report.
    await expect(failure(client.callsReport({ ...window(), filter: { field: 'start_time', operator: '>', value: '2026-01-01 00:00:00' } }))).resolves.toMatchObject({ code: 'filter_prohibited' });
    await expect(failure(client.callsReport({ ...window(), sort: [{ field: 'id', order: 'desc' }] }))).resolves.toMatchObject({ code: 'sort_prohibited' });
    await expect(failure(client.callsReport({ ...window(), filter: { field: 'no_such_field', operator: '=', value: 1 } }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
  });

  test("only the brand's documented operators: CallGear has no overlap, UIS/CoMagic do", async () => {
    const filter = { field: 'phone_numbers', operator: 'overlap', value: ['79035554433'] };
    await expect(failure(client.rpc('data', 'get.contacts', { filter }))).resolves.toMatchObject({ code: 'invalid_parameter_value' });
    sim.setFaults({ brand: 'uis' });
    await expect(client.rpc('data', 'get.contacts', { filter })).resolves.toMatchObject({ data: [expect.objectContaining({ id: 7002 })] });
  });

  test('jsquery finds a contact by one of its phone numbers', async () => {
    const found = await client.rpc('data', 'get.contacts', { filter: { field: 'phone_numbers', operator: 'jsquery', value: '# = "79035554433"' } });
    expect((found.data as { id: number }[]).map((c) => c.id)).toEqual([7002]);
    await expect(failure(client.rpc('data', 'get.contacts', { filter: { field: 'phone_numbers', operator: 'jsquery', value: 'nonsense(' } }))).resolves.toMatchObject({ code: 'invalid_parameter_value' });
  });

  test('required parameters and unknown parameters', async () => {
    await expect(failure(client.rpc('data', 'get.calls_report', { date_till: window().date_till }))).resolves.toMatchObject({ code: 'required_parameter_missed', fields: { date_from: [expect.any(String)] } });
    await expect(failure(client.rpc('data', 'get.calls_report', { ...window(), include_everything: true }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
    await expect(failure(client.rpc('data', 'get.employees', { status: 'active' }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
  });

  test('a row that appears late is found by a re-read', async () => {
    sim.addCall({});
    const late = sim.addCall({ late: true });
    expect((await client.callsReport(window())).rows.map((r) => r.id)).not.toContain(late.id);
    sim.reveal();
    expect((await client.callsReport(window())).rows.map((r) => r.id)).toContain(late.id);
  });

  test('a window over three months is refused with the documented mnemonic', async () => {
    const error = await failure(client.callsReport({ date_from: '2026-01-01 00:00:00', date_till: '2026-05-01 00:00:00' }));
    expect(error).toMatchObject({ kind: 'validation', code: 'date_interval_limit_reached' });
    await expect(failure(client.callsReport({ date_from: '01.11.2026', date_till: '2026-11-02 00:00:00' }))).resolves.toMatchObject({ code: 'invalid_parameter_value', fields: { date_from: [expect.any(String)] } });
  });

  test('an unknown field is refused, on an empty page too; the client drops it and asks once more', async () => {
    await expect(failure(client.rpc('data', 'get.calls_report', { ...window(), fields: ['id', 'no_such_field'] }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
    sim.addCall({});
    await expect(failure(client.rpc('data', 'get.calls_report', { ...window(), fields: ['id', 'no_such_field'] }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
    const page = await client.callsReport({ ...window(), fields: ['id', 'start_time', 'direction', 'is_lost', 'no_such_field'] });
    expect(page).toMatchObject({ dropped: ['no_such_field'], rows: [expect.objectContaining({ direction: 'in' })] });
  });

  test('the call record link serves audio', async () => {
    const call = sim.addCall({ employeeId: 9001 });
    const response = await fetch(String(call.full_record_file_link));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect((await fetch(`${server.url()}/system/media/talk/${call.id}/ffffffffffffffffffffffffffffffff/`)).status).toBe(404);
  });
});

describe('employees, contacts, dictionaries', () => {
  /** A raw update.employees, so the simulator's own checks are exercised with bodies the product would never send. */
  const updateRaw = (id: number, params: Record<string, unknown>) => client.rpc('data', 'update.employees', { ...params, id });

  test('the product\'s update (the employee as read + changes) keeps every number\'s ring settings', async () => {
    const [anna] = await client.employees({ field: 'id', operator: '=', value: 9001 });
    const before = anna!.phone_numbers!;
    await client.updateEmployee(anna!, { first_name: 'Анна-Мария', addPhoneNumber: '79120000098' });
    const [after] = await client.employees({ field: 'id', operator: '=', value: 9001 });
    expect(after).toMatchObject({ first_name: 'Анна-Мария' });
    expect(after!.phone_numbers!.slice(0, before.length)).toEqual(before);
    expect(after!.phone_numbers!.at(-1)).toMatchObject({ phone_number: '79120000098' });
  });

  test('lists, creates and updates employees; create answers result.id', async () => {
    const before = await client.employees();
    expect(before.map((e) => e.id)).toContain(9001);
    const created = await client.rpc('data', 'create.employees', { last_name: 'Орлов', first_name: 'Дмитрий', email: 'd.orlov@vostok-service.ru', phone_numbers: [{ phone_number: '79120000045' }] });
    expect(created).toMatchObject({ id: expect.any(Number) });
    const id = (created as { id: number }).id;
    await updateRaw(id, { last_name: 'Орлов', first_name: 'Дмитрий П.', phone_numbers: [{ phone_number: '79120000045' }] });
    await expect(client.employees({ field: 'id', operator: '=', value: id })).resolves.toEqual([expect.objectContaining({ full_name: 'Орлов Дмитрий П.', email: 'd.orlov@vostok-service.ru' })]);
  });

  test('update.employees requires last_name and phone_numbers (data_api/employee/update_employees)', async () => {
    await expect(failure(updateRaw(9001, { first_name: 'Анна' }))).resolves.toMatchObject({ code: 'required_parameter_missed' });
    await expect(failure(updateRaw(9001, { last_name: 'Петрова' }))).resolves.toMatchObject({ code: 'required_parameter_missed', fields: { phone_numbers: [expect.any(String)] } });
  });

  test('phone_numbers replaces the stored array: settings sent back are kept, settings left out fall back to defaults', async () => {
    const [anna] = (await client.rpc('data', 'get.employees', { filter: { field: 'id', operator: '=', value: 9001 } })).data as { phone_numbers: Record<string, unknown>[] }[];
    const stored = anna!.phone_numbers[0]!;
    expect(stored).toMatchObject({ channels_count: 2, dial_time: 25 });
    await updateRaw(9001, { last_name: 'Петрова', phone_numbers: [stored, { phone_number: '79120000099' }] });
    const kept = ((await client.rpc('data', 'get.employees', { filter: { field: 'id', operator: '=', value: 9001 } })).data as { phone_numbers: unknown[] }[])[0]!;
    expect(kept.phone_numbers).toEqual([stored, expect.objectContaining({ phone_number: '79120000099', channels_count: PHONE_DEFAULTS.channels_count, dial_time: PHONE_DEFAULTS.dial_time })]);
    await updateRaw(9001, { last_name: 'Петрова', phone_numbers: [{ phone_number: stored.phone_number }] });
    const reset = ((await client.rpc('data', 'get.employees', { filter: { field: 'id', operator: '=', value: 9001 } })).data as { phone_numbers: unknown[] }[])[0]!;
    expect(reset.phone_numbers).toEqual([{ ...stored, channels_count: PHONE_DEFAULTS.channels_count, dial_time: PHONE_DEFAULTS.dial_time }]);
  });

  test('status is deprecated: status_id names one of get.statuses', async () => {
    const statuses = (await client.rpc('data', 'get.statuses', {})).data as { id: number; mnemonic: string }[];
    const notAtWork = statuses.find((s) => s.mnemonic === 'not_at_work')!;
    await updateRaw(9002, { last_name: 'Смирнов', phone_numbers: [{ phone_number: '79120000043' }], status_id: notAtWork.id });
    await expect(client.employees({ field: 'id', operator: '=', value: 9002 })).resolves.toEqual([expect.objectContaining({ status_id: notAtWork.id })]);
    await expect(failure(updateRaw(9002, { last_name: 'Смирнов', phone_numbers: [{ phone_number: '79120000043' }], status_id: 999 }))).resolves.toMatchObject({ code: 'invalid_parameter_value' });
  });

  test('a phone format CallGear rejects names the field', async () => {
    const error = await failure(client.createEmployee({ last_name: 'Тест', phone_numbers: [{ phone_number: '8 (912) 000' }] }));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid_parameter_value', fields: { 'phone_numbers.0.phone_number': [expect.any(String)] } });
    await expect(failure(client.createEmployee({ first_name: 'Без фамилии' }))).resolves.toMatchObject({ code: 'required_parameter_missed' });
  });

  test('contacts carry a personal manager, and are found by id and by phone', async () => {
    const created = await client.rpc('data', 'create.contacts', { last_name: 'Иванов', first_name: 'Сергей', phone_numbers: ['79161234567'] });
    expect(created).toMatchObject({ id: expect.any(Number) });
    const id = (created as { id: number }).id;
    expect(await client.rpc('data', 'update.contacts', { id, last_name: 'Иванов', phone_numbers: ['79161234567'], personal_manager_id: 9001 })).not.toHaveProperty('data');
    await expect(client.contact(id)).resolves.toMatchObject({ full_name: 'Иванов Сергей', personal_manager_id: 9001 });
    await expect(client.contactsByPhone('79161234567')).resolves.toEqual([expect.objectContaining({ id })]);
    await expect(client.contactsByPhone('79035554433')).resolves.toEqual([expect.objectContaining({ id: 7002, phone_numbers: ['74951112233', '79035554433'] })]);
    await expect(client.contactsByPhone('79990000000')).resolves.toEqual([]);
    await expect(client.contact(999)).resolves.toBeNull();
  });

  test('contact errors name the field', async () => {
    const id = await client.createContact({ last_name: 'Иванов', phone_numbers: ['79161234567'] });
    await expect(failure(client.updateContact(id, { last_name: 'Иванов', phone_numbers: ['79161234567'], personal_manager_id: 1 }))).resolves.toMatchObject({ kind: 'validation', fields: { personal_manager_id: [expect.any(String)] } });
    await expect(failure(client.updateContact(id, { personal_manager_id: 9001 }))).resolves.toMatchObject({ kind: 'validation', code: 'required_parameter_missed' });
    await expect(failure(client.createContact({ last_name: 'Тест', phone_numbers: ['8 (916) 123'] }))).resolves.toMatchObject({ kind: 'validation', fields: { 'phone_numbers.0': [expect.any(String)] } });
    await expect(failure(client.updateContact(999, { last_name: 'Иванов', phone_numbers: ['79161234567'] }))).resolves.toMatchObject({ kind: 'not-found' });
  });

  test('dictionaries for the rule editor', async () => {
    await expect(client.scenarios()).resolves.toContainEqual(expect.objectContaining({ name: 'Входящие: сервис (IVR 2)' }));
    await expect(client.sites()).resolves.toContainEqual(expect.objectContaining({ domain_name: 'sever-auto.ru' }));
    await expect(client.campaigns()).resolves.toHaveLength(3);
    await expect(client.virtualNumbers()).resolves.toContainEqual(expect.objectContaining({ virtual_phone_number: '74952290000' }));
    await expect(client.tags()).resolves.toContainEqual(expect.objectContaining({ name: 'Целевой' }));
  });
});

describe('Call API: start.employee_call', () => {
  const call = { employeeId: 9001, contact: '79123456789', virtualNumber: '74952290000' };

  test('starts a call with the employee and the number', async () => {
    const session = await client.startEmployeeCall({ ...call, externalId: 'click:1' });
    expect(session).toBeGreaterThan(0);
    expect(sim.employeeCalls).toEqual([{ call_session_id: session, params: expect.objectContaining({ first_call: 'employee', contact: '79123456789', employee: { id: 9001 }, virtual_phone_number: '74952290000', external_id: 'click:1' }) }]);
  });

  test.each([
    [{ employeeId: 1 }, 'employee_not_found', 'нет такого сотрудника'],
    [{ employeeId: 9004 }, 'no_active_phone_number', 'нет активного номера'],
    [{ contact: '79990000666' }, 'contact_in_blacklist', 'чёрном списке'],
    [{ virtualNumber: '70000000000' }, 'virtual_phone_number_not_found', 'Виртуальный номер'],
  ])('%j → %s, said plainly', async (change, mnemonic, words) => {
    const error = await failure(client.startEmployeeCall({ ...call, ...change }));
    expect(error.code).toBe(mnemonic);
    expect(error.text.ru).toContain(words);
  });
});

describe('Call API rights and sessions (call_api/index.html, call_api/authentication/login_user)', () => {
  const employeeCall = { first_call: 'employee', virtual_phone_number: '74952290000', contact: '79123456789', employee: { id: 9001 } };

  test('a Data API login.user key is not a Call API key; the Call API has its own login.user', async () => {
    const data = await rawRpc('v2.0', 'login.user', CALLGEAR_LOGIN);
    const dataToken = (data.result as { data: { access_token: string } }).data.access_token;
    await expect(rawRpc('v4.0', 'start.employee_call', { ...employeeCall, access_token: dataToken })).resolves.toMatchObject({ error: { data: { mnemonic: 'access_token_invalid' } } });
    const call = await rawRpc('v4.0', 'login.user', CALLGEAR_LOGIN);
    const callToken = (call.result as { data: { access_token: string } }).data.access_token;
    await expect(rawRpc('v4.0', 'start.employee_call', { ...employeeCall, access_token: callToken })).resolves.toMatchObject({ result: { data: { call_session_id: expect.any(Number) } } });
    await expect(rawRpc('v2.0', 'get.account', { access_token: callToken })).resolves.toMatchObject({ error: { data: { mnemonic: 'access_token_invalid' } } });
  });

  test('a user without the Call API component gets component_disabled; without access to the Call API, forbidden', async () => {
    await expect(failure(make({ kind: 'token', token: CALLGEAR_KEYS.dataOnly }).startEmployeeCall({ employeeId: 9001, contact: '79123456789', virtualNumber: '74952290000' }))).resolves.toMatchObject({ code: 'component_disabled' });
    await expect(make({ kind: 'token', token: CALLGEAR_KEYS.dataOnly }).account()).resolves.toMatchObject({ app_id: 41077 });
    await expect(rawRpc('v4.0', 'login.user', CALLGEAR_LOGIN_DATA_ONLY)).resolves.toMatchObject({ error: { code: -32008, data: { mnemonic: 'component_disabled' } } });
    sim.setFaults({ callApiForbidden: true });
    await expect(failure(client.startEmployeeCall({ employeeId: 9001, contact: '79123456789', virtualNumber: '74952290000' }))).resolves.toMatchObject({ code: 'forbidden' });
  });
});

describe('authentication, limits and failures', () => {
  test('an unknown or blocked key is an authentication error', async () => {
    await expect(failure(make({ kind: 'token', token: 'nope' }).account())).resolves.toMatchObject({ kind: 'authentication', code: 'access_token_invalid' });
    await expect(failure(make({ kind: 'token', token: CALLGEAR_KEYS.blocked }).account())).resolves.toMatchObject({ kind: 'authentication', code: 'access_token_blocked' });
  });

  test('login and password: a session key, renewed once when it ends', async () => {
    const byLogin = make({ kind: 'login', ...CALLGEAR_LOGIN });
    await byLogin.account();
    sim.expireSessions();
    await expect(byLogin.account()).resolves.toMatchObject({ timezone: 'Europe/Moscow' });
    expect(sim.log.filter((entry) => entry.method === 'login.user')).toHaveLength(2);
  });

  test('a wrong password', async () => {
    const error = await failure(make({ kind: 'login', login: CALLGEAR_LOGIN.login, password: 'wrong' }).account());
    expect(error).toMatchObject({ kind: 'authentication', code: 'auth_error' });
    expect(error.text.ru).toContain('логин или пароль');
  });

  test('ip_not_whitelisted tells the admin where to allow the address', async () => {
    sim.setFaults({ ipWhitelisted: false });
    const error = await failure(client.account());
    expect(error).toMatchObject({ kind: 'ip-not-whitelisted', retryable: false });
    expect(error.text.ru).toContain('Правила и настройки безопасности');
  });

  test('every answer carries metadata.limits (data_api/index.html "Meta parameters")', async () => {
    const first = await rawRpc('v2.0', 'get.account', { access_token: CALLGEAR_KEYS.permanent });
    const second = await rawRpc('v2.0', 'get.account', { access_token: CALLGEAR_KEYS.permanent });
    const limits = (second.result as { metadata: { limits: Record<string, number> } }).metadata.limits;
    expect(Object.keys(limits).sort()).toEqual(['day_limit', 'day_remaining', 'day_reset', 'minute_limit', 'minute_remaining', 'minute_reset']);
    expect(limits.day_remaining).toBe((first.result as { metadata: { limits: Record<string, number> } }).metadata.limits.day_remaining! - 1);
  });

  test('limit_exceeded carries the limits in error.data.metadata.limits', async () => {
    sim.setFaults({ limitExceededRequests: 1 });
    const answer = await rawRpc('v2.0', 'get.account', { access_token: CALLGEAR_KEYS.permanent });
    expect(answer.error).toMatchObject({ code: -32029, data: { mnemonic: 'limit_exceeded', params: { limit_type: 'minute' }, metadata: { limits: { minute_remaining: 0, minute_reset: 1 } } } });
    sim.setFaults({ limitExceededRequests: 1 });
    // The client waits as long as error.data.metadata.limits says (minute_reset: 1 s here).
    await expect(failure(client.account())).resolves.toMatchObject({ kind: 'rate-limited', code: 'limit_exceeded', retryAfterMs: 1000, retryable: true });
    await expect(client.account()).resolves.toBeDefined();
  });

  test('a small tariff: 1,000 points a day, then limit_exceeded per day until day_reset', async () => {
    sim.setFaults({ ...SMALL_TARIFF, minuteLimit: 10_000 });
    for (let i = 0; i < 1_000; i++) await rawRpc('v2.0', 'get.account', { access_token: CALLGEAR_KEYS.permanent });
    const answer = await rawRpc('v2.0', 'get.account', { access_token: CALLGEAR_KEYS.permanent });
    expect(answer.error).toMatchObject({ data: { mnemonic: 'limit_exceeded', params: { limit_type: 'day', limit_max_value: 1_000 }, metadata: { limits: { day_limit: 1_000, day_remaining: 0, day_reset: expect.any(Number) } } } });
  });

  test('internal_error and HTTP 5xx are unavailable; a hang is a timeout', async () => {
    sim.setFaults({ internalErrorRate: 1 });
    await expect(failure(client.account())).resolves.toMatchObject({ kind: 'unavailable', code: 'internal_error' });
    sim.setFaults({ internalErrorRate: 0, error5xxRate: 1 });
    await expect(failure(client.account())).resolves.toMatchObject({ kind: 'unavailable', status: 502 });
    sim.setFaults({ error5xxRate: 0, timeoutRate: 1, hangMs: 1_000 });
    await expect(failure(make(undefined, 200).account())).resolves.toMatchObject({ kind: 'unavailable', code: 'timeout' });
  });

  test('something that is not CallGear', async () => {
    const impostor = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    const other = new CallGearClient({ dataApiUrl: impostor.url(), callApiUrl: impostor.url(), auth: { kind: 'token', token: 'x' } });
    await expect(failure(other.account())).resolves.toMatchObject({ kind: 'invalid-response' });
    await impostor.close();
  });

  test('a malformed report row is set aside with the reason; the rest of the page still arrives', async () => {
    const good = sim.addCall({});
    const broken = sim.addCall({});
    (broken as Record<string, unknown>).direction = 'sideways';
    const page = await client.callsReport(window());
    expect(page.rows.map((r) => r.id)).toEqual([good.id]);
    expect(page.rejected).toEqual([expect.objectContaining({ id: broken.id, reason: expect.stringContaining('direction') })]);
    expect(page.total).toBe(2);
  });

  test('report times are account-local strings', () => {
    const t = formatAccountTime(DateTime.fromISO('2026-11-24T06:00:00Z'));
    expect(t).toBe('2026-11-24 09:00:00');
  });
});
