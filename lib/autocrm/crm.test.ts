import { describe, expect, test } from 'vitest';
import { AutocrmClient } from './client';
import { AutocrmCrm } from './crm';
import { fakeAutocrm, ok, type FakeAnswer, type FakeHandler } from './testing/fake-fetch';

function crmWith(routes: Record<string, FakeHandler | FakeAnswer>, options: ConstructorParameters<typeof AutocrmCrm>[1] = {}) {
  const fake = fakeAutocrm(routes);
  const client = new AutocrmClient({ url: 'https://dealer.autocrm.ru', auth: { kind: 'bearer', token: 'k' }, fetch: fake.fetch });
  return { crm: new AutocrmCrm(client, options), seen: fake.seen };
}

const echo: FakeHandler = (r) => ({ body: { result: { id: 77, ...(r.body as object) }, errors: [] } });

describe('worksheets', () => {
  const worksheet = { marker: 'callgear:call:1', salonId: 1, contactType: 5, responsibleId: 42, brandId: 152, modelId: 19585, clientId: 9, callId: 300, sourceId: 3 };

  test('a used-car worksheet carries snake-case external_id and no call link (SaleUsedCase)', async () => {
    const { crm, seen } = crmWith({ 'POST saleUsedCase': (r) => ({ body: { result: { id: 77, external_id: (r.body as { external_id: string }).external_id }, errors: [] } }) });
    const created = await crm.createWorksheet('saleUsed', worksheet);
    expect(created).toEqual({ id: 77, markerStored: true });
    expect(seen[0]!.body).toEqual({ salonId: 1, primaryContactType: 5, brandId: 152, modelId: 19585, clientId: 9, informationSourceId: 3, assigneeId: 42, external_id: 'callgear:call:1' });
  });

  test('a new-car worksheet carries camel-case externalId and the call as call2Id (RetailCase)', async () => {
    const { crm, seen } = crmWith({ 'POST retailCase': { body: { result: { id: 78, external_id: 'callgear:call:1' }, errors: [] } } });
    await crm.createWorksheet('retail', worksheet);
    expect(seen[0]!.body).toMatchObject({ externalId: 'callgear:call:1', call2Id: 300, assigneeId: 42 });
    expect(seen[0]!.body).not.toHaveProperty('external_id');
  });

  test('a marker the answer does not carry back is reported as not stored', async () => {
    const { crm } = crmWith({ 'POST retailCase': { body: { result: { id: 78 }, errors: [] } } });
    await expect(crm.createWorksheet('retail', worksheet)).resolves.toEqual({ id: 78, markerStored: false });
  });

  test('a field the model requires and the rule lacks is refused before any request', async () => {
    const { crm, seen } = crmWith({});
    await expect(crm.createWorksheet('retail', { ...worksheet, responsibleId: undefined })).rejects.toMatchObject({ kind: 'validation', fields: { assigneeId: ['required'] }, phrase: { key: 'autocrm.requiredField', params: { field: { said: { key: 'responsible' } } } } });
    expect(seen).toHaveLength(0);
  });

  test('worksheets are searched by every phone form until one hits', async () => {
    const { crm, seen } = crmWith({ 'GET retailCase': (r) => ok(r.query.clientPhone === '89123456789' ? [{ id: 5, state: 1 }] : []) });
    await expect(crm.findWorksheetsByPhone('retail', '+79123456789')).resolves.toEqual([{ id: 5, state: 1 }]);
    expect(seen.map((r) => r.query.clientPhone)).toEqual(['+79123456789', '79123456789', '9123456789', '89123456789']);
  });

  test('the stored forms that hit are tried first: a hit costs one request', async () => {
    const { crm, seen } = crmWith({ 'GET retailCase': ok([{ id: 5 }]), 'GET client': ok([{ id: 7 }]) });
    const preferring = new AutocrmCrm((crm as unknown as { client: AutocrmClient }).client, { phoneForms: ['national'] });
    await preferring.findWorksheetsByPhone('retail', '+79123456789');
    await preferring.findClientByPhone('+79123456789');
    expect(seen.map((r) => [r.path, r.query.clientPhone ?? r.query.phone])).toEqual([['retailCase', '9123456789'], ['client', '9123456789']]);
  });

  test('a client stored in a form the check never saw is still found (no duplicate)', async () => {
    const { crm, seen } = crmWith({ 'GET client': (r) => ok(r.query.phone === '89123456789' ? [{ id: 7 }] : []) });
    const preferring = new AutocrmCrm((crm as unknown as { client: AutocrmClient }).client, { phoneForms: ['national'] });
    await expect(preferring.findClientByPhone('+79123456789')).resolves.toEqual({ id: 7 });
    expect(seen.map((r) => r.query.phone)).toEqual(['9123456789', '+79123456789', '79123456789', '89123456789']);
  });
});

describe('inquiries', () => {
  test('the inquiry body is a Request: no call2_id, the marker as external_id', async () => {
    const { crm, seen } = crmWith({ 'POST leads/request': echo });
    const created = await crm.createInquiry({ marker: 'callgear:lead:4', salonId: 1, contactType: 11, requestTypeId: 2, sourceId: 3, clientType: 'individual', phone: '+79123456789', utm: { utm_source: 'yandex' } });
    expect(created).toEqual({ id: 77, markerStored: true });
    expect(seen[0]!.body).toEqual({ salon_id: 1, type: 11, request_type_id: 2, source_id: 3, client_type: 'individual', phone: '+79123456789', external_id: 'callgear:lead:4', utm_source: 'yandex' });
  });
});

describe('attaching a call', () => {
  const note = 'Повторный звонок с +79123456789 (CallGear callgear:call:9), в журнале звонков AutoCRM #300';

  test('to an inquiry: not supported by AutoCRM, and nothing is sent', async () => {
    const { crm, seen } = crmWith({});
    const outcome = await crm.attachCall({ entity: 'inquiry', id: 123 }, note);
    expect(outcome).toEqual({ status: 'unsupported', reason: { key: 'autocrm.attach.inquiryUnsupported' } });
    expect(seen).toHaveLength(0);
  });

  test('to a worksheet of any kind: a comment event naming the call, read back; call2Id is never overwritten', async () => {
    const events: { comment: string }[] = [];
    const { crm, seen } = crmWith({
      'GET event': () => ok(events.map((e, i) => ({ id: i + 1, caseId: 501, type: 2, comment: e.comment }))),
      'POST event': (r) => {
        events.push(r.body as { comment: string });
        return ok({ id: events.length });
      },
    });
    await expect(crm.attachCall({ entity: 'worksheet', id: 501 }, note)).resolves.toEqual({ status: 'attached' });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET event', 'POST event', 'GET event']);
    expect(seen[1]!.body).toEqual({ caseId: 501, type: 2, objectType: 1, comment: note });
    await crm.attachCall({ entity: 'worksheet', id: 501 }, note); // again (a retry): no second comment
    expect(events).toHaveLength(1);
    expect(seen.some((r) => r.method === 'PUT')).toBe(false);
  });

  test('a comment accepted and not stored is said, never reported as attached', async () => {
    const { crm } = crmWith({ 'GET event': ok([]), 'POST event': ok({ id: 9 }) });
    await expect(crm.attachCall({ entity: 'worksheet', id: 601 }, note)).resolves.toMatchObject({ status: 'not-stored' });
  });
});

describe('calls and the AutoCRM time zone', () => {
  const call = { marker: 'callgear:call:9', entryId: '77', at: '2026-11-24T07:00:50Z', durationSec: 187, customer: '+79123456789', ours: '+74952290000', direction: 'in' as const, answered: true, salonId: 1 };

  test('a logged call is a Call in AutoCRM’s zone, with no user_id', async () => {
    const { crm, seen } = crmWith({ 'POST call': echo }, { zone: 'Asia/Almaty' });
    await crm.logCall(call);
    expect(seen[0]!.body).toEqual({
      entry_id: '77', call_id: 'callgear:call:9', datetime: '2026-11-24 12:00:50', datetime_end: '2026-11-24 12:03:57',
      from: '79123456789', to: '74952290000', status: 'answered', direction: 'incoming', autosalon_id: 1,
    });
  });

  test('Moscow time when no zone is set', async () => {
    const { crm, seen } = crmWith({ 'POST call': echo });
    await crm.logCall(call);
    expect(seen[0]!.body).toMatchObject({ datetime: '2026-11-24 10:00:50' });
  });

  test('the look-up window runs two minutes past the call’s minute; the call is matched by call_id here', async () => {
    const { crm, seen } = crmWith({ 'GET call': ok([{ id: 1, call_id: 'other' }, { id: 2, call_id: 'callgear:call:9' }]) });
    await expect(crm.findLoggedCall('callgear:call:9', call.at)).resolves.toBe(2);
    expect(seen[0]!.query).toMatchObject({ start: '24.11.2026 10:00', end: '24.11.2026 10:02' });
  });

  test('tasks are written in AutoCRM’s zone and linked to the worksheet', async () => {
    const { crm, seen } = crmWith({ 'POST task': echo }, { zone: 'Asia/Yekaterinburg' });
    await crm.createTask({ authorId: 1, workerId: 42, startAt: '2026-11-24T07:00:00Z', deadline: '2026-11-24T09:00:00Z', title: 'Перезвонить', text: 'x', worksheetId: 501 });
    expect(seen[0]!.body).toEqual({ authorId: 1, workerId: 42, startAt: '2026-11-24 12:00:00', endAt: '2026-11-24 14:00:00', title: 'Перезвонить', text: 'x', objectType: 2, objectId: 501 });
  });
});

describe('clients', () => {
  test('a company gets its phone in `phones` and `personPhones` in the one create (which array is the company’s is undocumented), and is read back', async () => {
    const { crm, seen } = crmWith({ 'POST client': ok({ id: 9, type: 'business' }), 'GET client/9': ok({ id: 9, company: { phones: [{ id: 1, type: 2, number: '+79123456789' }] } }) });
    await expect(crm.createClient({ type: 'business', name: 'ООО Ромашка', phone: '+79123456789' })).resolves.toEqual({ id: 9, phoneStored: true });
    // No second write: a company must be findable by its phone from the moment it exists.
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST client', 'GET client/9']);
    expect(seen[0]).toMatchObject({ query: { type: 'business' }, body: { name: 'ООО Ромашка', phones: [{ type: 2, number: '+79123456789' }], personPhones: [{ type: 2, number: '+79123456789' }] } });
  });

  test('a phone stored nowhere is said', async () => {
    const { crm } = crmWith({ 'POST client': ok({ id: 9 }), 'GET client/9': ok({ id: 9, company: { phones: [] } }) });
    await expect(crm.createClient({ type: 'business', name: 'ООО Ромашка', phone: '+79123456789' })).resolves.toEqual({ id: 9, phoneStored: false });
  });

  test('a person’s phones are documented in `phones`: no read-back', async () => {
    const { crm, seen } = crmWith({ 'POST client': ok({ id: 10 }) });
    await crm.createClient({ type: 'individual', name: 'Анна', phone: '+79123456789' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({ firstName: 'Анна', phones: [{ type: 2, number: '+79123456789' }] });
  });
});

describe('sources', () => {
  test('a new source is created active in the rule’s salon', async () => {
    const { crm, seen } = crmWith({ 'POST source': ok({ id: 12, name: 'VK', salon_ids: [1] }) });
    await expect(crm.createSource('VK', 1)).resolves.toEqual({ id: 12, salonStored: true });
    expect(seen[0]!.body).toEqual({ name: 'VK', salon_ids: [1] });
  });

  test('salon_ids missing from the answer is said', async () => {
    const { crm } = crmWith({ 'POST source': ok({ id: 12, name: 'VK' }) });
    await expect(crm.createSource('VK', 1)).resolves.toEqual({ id: 12, salonStored: false });
  });

  test('twin sources of one name: the lowest id, whatever the order; only exact names count', async () => {
    const { crm } = crmWith({ 'GET source': ok([{ id: 40, name: 'vk' }, { id: 31, name: 'VK' }, { id: 2, name: 'VK Реклама' }]) });
    await expect(crm.findSource('VK')).resolves.toBe(31);
  });
});
