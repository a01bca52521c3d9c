import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DateTime } from 'luxon';
import { AutocrmClient, type AutocrmAuth } from '@/lib/autocrm/client';
import { failure } from './expect-failure';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import { SIM_BASIC } from '../sim/autocrm/seed';
import { serve, type RunningServer } from '../sim/serve';

let sim: AutocrmSim;
let server: RunningServer;
let client: AutocrmClient;

/** A request straight to the simulator, for what the client (product code) does not expose. */
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- the simulator's JSON of many shapes, read by the assertions
  const response = await fetch(`${server.url()}/yii/api/${path}`, {
    method,
    headers: { authorization: 'Bearer sim-key-integration', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const make = (auth: AutocrmAuth = { kind: 'bearer', token: 'sim-key-integration' }, timeoutMs?: number) =>
  new AutocrmClient({ url: server.url(), auth, timeoutMs });


beforeAll(async () => {
  ({ sim, server } = await startAutocrmSim());
});
afterAll(() => server.close());
beforeEach(() => {
  sim.reset();
  client = make();
});

describe('users and dealerships', () => {
  test('active, unblocked users by default; fired and blocked ones on request', async () => {
    const active = await client.listUsers();
    expect(active.map((u) => u.id).sort((a, b) => a - b)).toEqual([1, 42, 43, 44, 45]);
    const all = await client.listUsers({ includeFired: true });
    expect(all.map((u) => u.id)).toEqual(expect.arrayContaining([46, 47]));
    expect(all.find((u) => u.id === 46)).toMatchObject({ status: 2, fired_date: '01.10.2026' });
    expect(all.find((u) => u.id === 47)).toMatchObject({ blocked: 1 });
  });

  test('pages through every page with the endpoint’s own page parameter', async () => {
    sim.setFaults({ perPage: 2 });
    const users = await client.listUsers({ includeFired: true });
    expect(users).toHaveLength(7);
    const pages = sim.log.filter((r) => r.path === '/yii/api/user').map((r) => r.query.UserSearch_page ?? '1');
    expect(pages).toEqual(['1', '2', '3', '4']);
  });

  test('stops when the server ignores the page parameter instead of looping', async () => {
    sim.setFaults({ perPage: 2, ignorePageParam: true });
    const users = await client.listUsers({ includeFired: true });
    expect(users.map((u) => u.id)).toEqual([1, 42]);
    expect(sim.log.filter((r) => r.path === '/yii/api/user')).toHaveLength(2);
  });

  test('a key sees only its user’s dealerships', async () => {
    await expect(client.listAutosalons()).resolves.toHaveLength(3);
    const sever = await make({ kind: 'bearer', token: 'sim-key-sever' }).listAutosalons();
    expect(sever).toEqual([expect.objectContaining({ id: 1, name: 'Автосалон «Север»' })]);
  });

  test('HTTP Basic login and password work too', async () => {
    const basic = make({ kind: 'basic', ...SIM_BASIC });
    await expect(basic.listAutosalons()).resolves.toHaveLength(3);
  });
});

describe('clients', () => {
  test.each([
    ['8 (912) 345-67-89', 1],
    ['+79123456789', 1],
    ['7 495 229-00-01', 1],
    ['9161112233', 2],
    ['+7 (495) 777-00-11', 3],
    ['8-926-100-20-30', 3],
  ])('finds the client by %s', async (phone, id) => {
    const found = await client.findClientsByPhone(phone);
    expect(found.map((c) => c.id)).toEqual([id]);
  });

  test('an unknown number finds nobody, after trying each form', async () => {
    await expect(client.findClientsByPhone('+7 999 000-00-00')).resolves.toEqual([]);
    expect(sim.log.filter((r) => r.path === '/yii/api/client').map((r) => r.query.phone)).toEqual(['+79990000000', '79990000000', '9990000000', '89990000000']);
  });

  test('creates individual and business clients, then finds them', async () => {
    const person = await client.createClient('individual', { firstName: 'Пётр', lastName: 'Васильев', phones: [{ type: 2, number: '+79250001122' }] });
    expect(person.primaryPerson?.firstName).toBe('Пётр');
    const company = await client.createClient('business', { name: 'ООО «Ромашка»', personPhones: [{ type: 1, number: '+74950001122' }] });
    expect(company.type).toBe('business');
    await expect(client.findClientsByPhone('89250001122')).resolves.toEqual([expect.objectContaining({ id: person.id })]);
    await expect(client.getClient(company.id)).resolves.toMatchObject({ company: { name: 'ООО «Ромашка»' } });
  });

  test('a client without a name is a validation error naming the field', async () => {
    const error = await failure(client.createClient('individual', { phones: [] }));
    expect(error.kind).toBe('validation');
    expect(error.fields?._?.[0]).toContain('firstName');
    expect(error.text.ru).toContain('AutoCRM отклонил данные');
  });
});

describe('inquiries (leads/request)', () => {
  const inquiry = { salon_id: 1, type: 5, request_type_id: 1, source_id: 3, phone: '+79990001122', first_name: 'Гость' };

  test('finds open inquiries by phone and creates new ones', async () => {
    await expect(client.findRequestsByPhone('8 912 345 67 89')).resolves.toEqual([expect.objectContaining({ id: 123, status: 2, assignee_id: 42 })]);
    const created = await client.createRequest({ ...inquiry, external_id: 'callgear:call:1' });
    expect(created).toMatchObject({ status: 1, source_id: 3, external_id: 'callgear:call:1' });
    await expect(client.findRequests({ external_id: 'callgear:call:1' })).resolves.toEqual([expect.objectContaining({ id: created.id })]);
  });

  test('external_id is a plain attribute, not an idempotency key: a repeated create is a second inquiry', async () => {
    const first = await client.createRequest({ ...inquiry, external_id: 'callgear:call:7' });
    const again = await client.createRequest({ ...inquiry, external_id: 'callgear:call:7' });
    expect(again.id).not.toBe(first.id);
    await expect(client.findRequests({ external_id: 'callgear:call:7' })).resolves.toHaveLength(2);
  });

  test('attributes the Request model lacks are dropped silently: call2_id is not stored (definitions.Request)', async () => {
    const created = await api('POST', 'leads/request', { ...inquiry, call2_id: 77, no_such_attribute: 'x' });
    expect(created.body).toMatchObject({ status: 1, result: { call2_id: null } });
    expect(created.body.result).not.toHaveProperty('no_such_attribute');
    const updated = await api('PUT', `leads/request/${created.body.result.id}`, { call2_id: 78, comment: 'обновлено' });
    expect(updated.body).toMatchObject({ status: 1, result: { call2_id: null, comment: 'обновлено' } });
  });

  test('a second open inquiry for the same phone and dealership is stored as a duplicate (status 5)', async () => {
    await client.createRequest(inquiry);
    await expect(client.createRequest(inquiry)).resolves.toMatchObject({ status: 5 });
  });

  test('updates an inquiry', async () => {
    await expect(client.updateRequest(123, { assignee_id: 43 })).resolves.toMatchObject({ id: 123, assignee_id: 43 });
  });

  test('missing required fields come back as a validation error (list form)', async () => {
    const error = await failure(client.createRequest({ salon_id: 1, type: 5 } as never));
    expect(error).toMatchObject({ kind: 'validation', status: 200 });
    expect(error.fields?._?.join(' ')).toMatch(/request_type_id.*source_id/);
  });

  test('injected validation errors on chosen fields, answered as 422 when asked', async () => {
    sim.setFaults({ validation: [{ resource: 'leads/request', field: 'phone', message: 'Неверный формат телефона.' }], validationAs422: true });
    const error = await failure(client.createRequest(inquiry));
    expect(error).toMatchObject({ kind: 'validation', status: 422 });
    expect(error.text.en).toContain('Неверный формат телефона.');
  });

  test('dictionaries: purposes and results', async () => {
    await expect(client.listRequestTypes()).resolves.toContainEqual(expect.objectContaining({ id: 1, name: 'Покупка нового автомобиля', is_active: 1 }));
    await expect(client.listRequestResults()).resolves.toHaveLength(2);
  });
});

describe('service inquiries and worksheets', () => {
  test('creates a service inquiry and finds it by its marker', async () => {
    const created = await client.createPreparedServiceCase({ salonId: 3, primaryStatus: 5, phoneNumber: '+79161112233', external_id: 'callgear:call:9', comment: 'Запись на ТО' });
    expect(created).toMatchObject({ salonId: 3, external_id: 'callgear:call:9' });
    await expect(client.findPreparedServiceCases({ external_id: 'callgear:call:9' })).resolves.toEqual([expect.objectContaining({ id: created.id })]);
  });

  test('finds a client’s worksheets by phone, with state and responsible', async () => {
    // Client 1's phone is stored as "8 (912) 345-67-89"; by default numbers match on their digits.
    const cases = await client.findCases('retail', { clientPhone: '89123456789' });
    expect(cases).toEqual([expect.objectContaining({ id: 501, state: 1, assigneeId: 42, assignee: expect.objectContaining({ person: 'Петрова Анна Викторовна' }) })]);
  });

  test('creates a worksheet (envelope without status) and finds it by marker', async () => {
    const created = await client.createCase('retail', { salonId: 1, primaryContactType: 5, assigneeId: 42, brandId: 152, modelId: 19585, clientId: 1, externalId: 'callgear:call:11' });
    expect(created).toMatchObject({ type: 4, category: 8, external_id: 'callgear:call:11' });
    await expect(client.findCases('retail', { external_id: 'callgear:call:11' })).resolves.toHaveLength(1);
  });

  test('a worksheet without a responsible is refused with the field named', async () => {
    const error = await failure(client.createCase('retail', { salonId: 1, primaryContactType: 5, brandId: 152, modelId: 19585 } as never));
    expect(error.fields?._?.[0]).toContain('assigneeId');
  });

  test('POST /lead?type= creates a worksheet and its client without returning an id', async () => {
    await expect(client.createCaseFromLead(5, { salonId: 2, brandId: 152, modelId: 1, firstName: 'Марина', phoneNumber: '+79260004455', externalId: 'callgear:lead:3' })).resolves.toBeUndefined();
    await expect(client.findCases('saleUsed', { external_id: 'callgear:lead:3' })).resolves.toHaveLength(1);
    await expect(client.findClientsByPhone('89260004455')).resolves.toHaveLength(1);
  });

  test('case states dictionary', async () => {
    await expect(client.listCaseStates()).resolves.toContainEqual({ id: 1, name: 'В работе' });
  });

  test('SaleUsedCase takes external_id (snake case) and has no call2Id; RetailCase takes externalId and call2Id', async () => {
    const base = { salonId: 2, primaryContactType: 5, brandId: 152, modelId: 1, clientId: 5 };
    const used = await api('POST', 'saleUsedCase', { ...base, external_id: 'callgear:call:21', call2Id: 5 });
    expect(used.body.result).toMatchObject({ external_id: 'callgear:call:21', call2Id: null });
    const camel = await api('POST', 'saleUsedCase', { ...base, externalId: 'callgear:call:22' });
    expect(camel.body.result).toMatchObject({ external_id: null });
    const retail = await api('POST', 'retailCase', { ...base, salonId: 1, assigneeId: 42, externalId: 'callgear:call:23', call2Id: 6 });
    expect(retail.body.result).toMatchObject({ external_id: 'callgear:call:23', call2Id: 6 });
  });
});

describe('sources', () => {
  test('finds by name and creates with the dealerships it is active in (definitions.Source salon_ids)', async () => {
    await expect(client.findSources('яндекс.директ')).resolves.toEqual([expect.objectContaining({ id: 1 })]);
    await expect(client.findSources('VK Реклама')).resolves.toEqual([]);
    const created = await client.createSource({ name: 'VK Реклама', salon_ids: [1] });
    expect(created).toMatchObject({ name: 'VK Реклама', salon_ids: [1] });
  });

  test('a duplicate source name: a second source by default, refused when the switch says so (undocumented)', async () => {
    await client.createSource({ name: 'VK Реклама', salon_ids: [1] });
    await client.createSource({ name: 'VK Реклама', salon_ids: [1] });
    await expect(client.findSources('VK Реклама')).resolves.toHaveLength(2);
    sim.setQuirks({ duplicateSourceNames: 'refused' });
    const error = await failure(client.createSource({ name: 'VK Реклама', salon_ids: [1] }));
    expect(error.fields?._?.[0]).toContain('уже занято');
  });

  test('sub-sources under a parent', async () => {
    await expect(client.findSources2('haval_jolion_2026', 1)).resolves.toHaveLength(1);
    const created = await client.createSource2({ name: 'tiggo_7_pro', parent_id: 1 });
    await expect(client.findSources2('tiggo_7_pro', 1)).resolves.toEqual([expect.objectContaining({ id: created.id, parent_id: 1 })]);
  });
});

// Bodies cast `as never` are deliberately outside the vendor's input model: the simulator must drop or refuse them.
describe('calls, tasks, events', () => {
  test('a logged call keeps only Call attributes; GET by id is a bare object', async () => {
    const call = await client.createCall({ datetime: '2026-11-24 10:00:00', datetime_end: '2026-11-24 10:03:07', from: '79123456789', to: '74952290000', status: 'answered', direction: 'incoming', record: 'https://app.callgear.com/system/media/talk/1/abc/', user_id: 42, autosalon_id: 1 } as never);
    expect(call).not.toHaveProperty('user_id');
    expect(call).not.toHaveProperty('client_id');
    await expect(client.getCall(call.id)).resolves.toMatchObject({ id: call.id, record: 'https://app.callgear.com/system/media/talk/1/abc/' });
  });

  test('PUT /call {case_id} stores nothing (definitions.Call has no case_id); PUT /retailCase {call2Id} links the call', async () => {
    const call = await client.createCall({ datetime: '2026-11-24 10:00:00', from: '79123456789', to: '74952290000', status: 'answered', direction: 'incoming' });
    await client.updateCall(call.id, { case_id: 501 } as never);
    await expect(client.findCalls({ case_id: 501 })).resolves.toEqual([]);
    await expect(api('PUT', 'retailCase/501', { call2Id: call.id })).resolves.toMatchObject({ status: 200, body: { result: { id: 501, call2Id: call.id } } });
    await expect(client.findCalls({ case_id: 501 })).resolves.toEqual([expect.objectContaining({ id: call.id })]);
  });

  test('tasks and case comments', async () => {
    await expect(client.createTask({ authorId: 1, workerId: 42, startAt: '2026-11-24 10:05:00', endAt: '2026-11-24 12:05:00', title: 'Перезвонить', text: 'Пропущенный звонок' })).resolves.toMatchObject({ workerId: 42, status: 1 });
    await expect(client.createEvent({ caseId: 501, type: 2, objectType: 1, comment: 'Звонок клиента' })).resolves.toMatchObject({ caseId: 501 });
    const error = await failure(client.createTask({ title: 'без исполнителя' } as never));
    expect(error.kind).toBe('validation');
  });
});

describe('undocumented behaviour, each variant (POST /__control/quirks)', () => {
  test.each([
    ['exact', '8 (912) 345-67-89', '89123456789'],
    ['digits', '89123456789', '+79123456789'],
    ['contains', '345-67-89', '3456789'],
  ] as const)('phone matching %s: %s finds client 1, %s does not', async (phoneMatch, hit, miss) => {
    sim.setQuirks({ phoneMatch });
    expect((await api('GET', `client?phone=${encodeURIComponent(hit)}`)).body.result.map((c: { id: number }) => c.id)).toEqual([1]);
    expect((await api('GET', `client?phone=${encodeURIComponent(miss)}`)).body.result).toEqual([]);
  });

  test('GET /call end: the instant HH:mm:00, or through the whole minute', async () => {
    await client.createCall({ datetime: '2026-11-24 10:00:20', from: '79123456789', to: '74952290000', status: 'answered', direction: 'incoming' });
    const query = 'call?start=24.11.2026%2010:00&end=24.11.2026%2010:00';
    expect((await api('GET', query)).body.result).toEqual([]);
    sim.setQuirks({ callEnd: 'whole-minute' });
    expect((await api('GET', query)).body.result).toHaveLength(1);
  });

  test.each(['headers', 'body', 'both', 'none'] as const)('paging metadata: %s', async (pagingMeta) => {
    sim.setQuirks({ pagingMeta });
    const page = await api('GET', 'client');
    expect(page.headers.has('x-pagination-total-count')).toBe(pagingMeta === 'headers' || pagingMeta === 'both');
    expect('meta' in page.body).toBe(pagingMeta === 'body' || pagingMeta === 'both');
  });

  test('validation errors: 200 with status 0, or 422', async () => {
    expect(await api('POST', 'leads/request', { salon_id: 1 })).toMatchObject({ status: 200, body: { status: 0 } });
    sim.setQuirks({ validationStatus: 422 });
    expect(await api('POST', 'leads/request', { salon_id: 1 })).toMatchObject({ status: 422, body: { status: 0 } });
  });

  test('company phones come from personPhones by default, from phones when switched', async () => {
    const byPerson = await api('POST', 'client?type=business', { name: 'ООО «Ромашка»', phones: [{ type: 1, number: '+74950001122' }] });
    expect(byPerson.body.result.company.phones).toEqual([]);
    sim.setQuirks({ companyPhones: 'phones' });
    const byPhones = await api('POST', 'client?type=business', { name: 'ООО «Лютик»', phones: [{ type: 1, number: '+74950001133' }] });
    expect(byPhones.body.result.company.phones).toEqual([expect.objectContaining({ number: '+74950001133' })]);
  });

  test('the server prints its times in its own zone (serverZone)', async () => {
    sim.setQuirks({ serverZone: 'Asia/Aqtau' });
    const created = await api('POST', 'leads/request', { salon_id: 1, type: 5, request_type_id: 1, source_id: 3 });
    const printed = DateTime.fromFormat(created.body.result.created_at, 'yyyy-MM-dd HH:mm:ss', { zone: 'Asia/Aqtau' });
    expect(Math.abs(printed.toMillis() - Date.now())).toBeLessThan(5_000);
  });

  test('GET /call documents no page parameter: every page asked is page 1', async () => {
    sim.setFaults({ perPage: 2 });
    for (let i = 0; i < 3; i++) await client.createCall({ datetime: `2026-11-24 10:0${i}:00`, from: '79123456789', to: '74952290000', status: 'answered', direction: 'incoming' });
    const second = await api('GET', 'call?CallSearch_page=2');
    expect(second.headers.get('x-pagination-current-page')).toBe('1');
    expect(second.body.result).toHaveLength(2);
  });

  test('case states: an array of {id, name}, or a map', async () => {
    expect((await api('GET', 'case/states')).body.result).toContainEqual({ id: 1, name: 'В работе' });
    sim.setQuirks({ caseStates: 'map' });
    expect((await api('GET', 'case/states')).body.result).toMatchObject({ 1: 'В работе', 2: 'Завершён' });
  });
});

describe('errors the pipeline acts on', () => {
  test('a wrong key is an authentication error, not retryable', async () => {
    const error = await failure(make({ kind: 'bearer', token: 'wrong' }).listAutosalons());
    expect(error).toMatchObject({ kind: 'authentication', status: 401, retryable: false });
    expect(error.text.ru).toContain('не принял логин и пароль');
  });

  test('a wrong password', async () => {
    const error = await failure(make({ kind: 'basic', login: SIM_BASIC.login, password: 'nope' }).listAutosalons());
    expect(error.kind).toBe('authentication');
  });

  test('a user without API rights is a permission error that says what to ask for', async () => {
    const error = await failure(make({ kind: 'bearer', token: 'sim-key-no-api' }).listAutosalons());
    expect(error).toMatchObject({ kind: 'permission', status: 403 });
    expect(error.text.ru).toContain('выдать этому пользователю права на API');
  });

  test('a key revoked mid-run: 401 after N requests', async () => {
    sim.setFaults({ unauthorizedAfter: 1 });
    await client.listAutosalons();
    await expect(failure(client.listAutosalons())).resolves.toMatchObject({ kind: 'authentication' });
  });

  test('5xx (with an HTML body) is unavailable and retryable', async () => {
    sim.setFaults({ error5xxRate: 1 });
    await expect(failure(client.listAutosalons())).resolves.toMatchObject({ kind: 'unavailable', status: 500, retryable: true });
  });

  test('429 carries when to retry', async () => {
    sim.setFaults({ rate429: 1, retryAfterSec: 2 });
    await expect(failure(client.listAutosalons())).resolves.toMatchObject({ kind: 'rate-limited', retryAfterMs: 2000, retryable: true });
  });

  test('a request that hangs past the timeout is unavailable (timeout)', async () => {
    sim.setFaults({ timeoutRate: 1, hangMs: 1_500 });
    await expect(failure(make(undefined, 300).listAutosalons())).resolves.toMatchObject({ kind: 'unavailable', code: 'timeout' });
  });

  test('an unknown id is not-found', async () => {
    await expect(failure(client.getClient(999_999))).resolves.toMatchObject({ kind: 'not-found', status: 404 });
  });

  test('an unreachable host is unavailable (network)', async () => {
    const dead = await serve(() => undefined);
    const url = dead.url();
    await dead.close();
    const error = await failure(new AutocrmClient({ url, auth: { kind: 'bearer', token: 'x' } }).listAutosalons());
    expect(error).toMatchObject({ kind: 'unavailable', code: 'network' });
  });

  test('something that is not AutoCRM: HTML where JSON belongs, or data of the wrong shape', async () => {
    const impostor = await serve((req, res) => {
      if (req.url?.startsWith('/yii/api/user')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 1, result: [{ name: 'no id here' }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Welcome to nginx!</body></html>');
    });
    const other = new AutocrmClient({ url: impostor.url(), auth: { kind: 'bearer', token: 'x' } });
    const notApi = await failure(other.listAutosalons());
    expect(notApi.kind).toBe('invalid-response');
    expect(notApi.text.ru).toContain('не API AutoCRM');
    await expect(failure(other.listUsers())).resolves.toMatchObject({ kind: 'invalid-response' });
    await impostor.close();
  });
});
