import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DateTime } from 'luxon';
import { CallGearClient, type CallGearAuth } from '@/lib/callgear/client';
import { callRowSchema } from '@/lib/callgear/types';
import { failure } from './expect-failure';
import { CALLGEAR_KEYS, CALLGEAR_LOGIN, startCallGearSim, type CallGearSim } from '../sim/callgear/server';
import { accountNow, formatAccountTime } from '../sim/callgear/fixtures';
import { serve, type RunningServer } from '../sim/serve';

let sim: CallGearSim;
let server: RunningServer;
let client: CallGearClient;

const make = (auth: CallGearAuth = { kind: 'token', token: CALLGEAR_KEYS.permanent }, timeoutMs?: number) =>
  new CallGearClient({ dataApiUrl: `${server.url()}/v2.0`, callApiUrl: `${server.url()}/v4.0`, auth, timeoutMs });

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

  test('calls with the field sets the product uses: marketing, scenario, employee, record, lost flag', async () => {
    const answered = sim.addCall({ employeeId: 9001, campaignId: 701 });
    sim.addCall({ lost: true, contact: '79035550101' });
    const { rows, total } = await client.callsReport(window());
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

  test('chats, leads, chat messages and the all-communications report', async () => {
    const chat = sim.addChat({ channelId: 902, employeeId: 9003 });
    sim.addLead({ formName: 'Заявка на кредит' });
    await expect(client.chatsReport(window())).resolves.toMatchObject({ rows: [expect.objectContaining({ chat_channel_type: 'telegram', employee_id: 9003 })] });
    await expect(client.offlineMessagesReport(window())).resolves.toMatchObject({ rows: [expect.objectContaining({ form_name: 'Заявка на кредит', visitor_name: 'Мария' })] });
    await expect(client.chatMessages(chat.id)).resolves.toMatchObject({ total: 2 });
    const all = await client.communicationsReport(window());
    expect(all.rows.map((r) => r.communication_type).sort()).toEqual(['chat', 'offline_message']);
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
    const lostOrWidget = await client.callsReport({ ...window(), filter: { condition: 'or', filters: [{ field: 'is_lost', operator: '=', value: true }, { field: 'source', operator: '=', value: 'sitephone' }] } });
    expect(lostOrWidget.rows.map((r) => r.scenario_id).sort()).toEqual([301, 303]);
    const service = await client.callsReport({ ...window(), filter: { field: 'scenario_id', operator: '=', value: 302 }, fields: ['id', 'start_time', 'direction', 'is_lost', 'scenario_id'] });
    expect(Object.keys(service.rows[0]!).sort()).toEqual(['direction', 'id', 'is_lost', 'scenario_id', 'start_time']);
    const desc = await client.callsReport({ ...window(), sort: [{ field: 'id', order: 'desc' }] });
    expect(desc.rows.map((r) => r.id)).toEqual([...desc.rows.map((r) => r.id)].sort((a, b) => b - a));
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

  test('an unknown field is refused', async () => {
    sim.addCall({});
    await expect(failure(client.callsReport({ ...window(), fields: ['id', 'no_such_field'] }))).resolves.toMatchObject({ code: 'unexpected_parameters' });
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
  test('lists, creates and updates employees', async () => {
    const before = await client.employees();
    expect(before.map((e) => e.id)).toContain(9001);
    const id = await client.createEmployee({ last_name: 'Орлов', first_name: 'Дмитрий', email: 'd.orlov@vostok-service.ru', phone_numbers: [{ phone_number: '79120000045' }] });
    await client.updateEmployee((await client.employee(id))!, { first_name: 'Дмитрий П.' });
    await expect(client.employees({ field: 'id', operator: '=', value: id })).resolves.toEqual([expect.objectContaining({ full_name: 'Орлов Дмитрий П.', email: 'd.orlov@vostok-service.ru' })]);
  });

  test('a phone format CallGear rejects names the field', async () => {
    const error = await failure(client.createEmployee({ last_name: 'Тест', phone_numbers: [{ phone_number: '8 (912) 000' }] }));
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid_parameter_value', fields: { 'phone_numbers.0.phone_number': [expect.any(String)] } });
    await expect(failure(client.createEmployee({ first_name: 'Без фамилии' }))).resolves.toMatchObject({ code: 'required_parameter_missed' });
  });

  test('contacts carry a personal manager, and are found by id and by phone', async () => {
    const id = await client.createContact({ last_name: 'Иванов', first_name: 'Сергей', phone_numbers: ['79161234567'] });
    await client.updateContact(id, { last_name: 'Иванов', phone_numbers: ['79161234567'], personal_manager_id: 9001 });
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

  test('points: limits are read from every answer; limit_exceeded says when to retry', async () => {
    await client.account();
    await client.account();
    expect(client.lastLimits).toMatchObject({ day_limit: 10_000, day_remaining: 9_998 });
    expect(client.pointsUsed).toBe(2);
    sim.setFaults({ limitExceededRequests: 1 });
    await expect(failure(client.account())).resolves.toMatchObject({ kind: 'rate-limited', code: 'limit_exceeded', retryAfterMs: 1000, retryable: true });
    await expect(client.account()).resolves.toBeDefined();
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
