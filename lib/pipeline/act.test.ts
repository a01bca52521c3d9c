import { describe, expect, test } from 'vitest';
import { AutocrmClient } from '../autocrm/client';
import { fakeAutocrm, ok, type FakeAnswer, type FakeHandler, type SeenRequest } from '../autocrm/testing/fake-fetch';
import { openDb } from '../db';
import type { Communication } from '../domain/communication';
import { execute, type ActDeps } from './act';
import { Inbox } from './inbox';
import type { Plan } from './plan';
import type { Said } from '../phrase';
import { ru } from '../../tests/tools/locale-words';

const call: Communication = {
  kind: 'call',
  id: 501,
  communicationId: 9001,
  at: '2026-11-24T07:00:50Z',
  direction: 'in',
  lost: false,
  contactPhone: '+79123456789',
  employeeId: null,
  finished: true,
  variables: { virtual_phone_number: '74952290000', total_duration: 60 },
};

const texts = { comment: 'Звонок', source: 'VK', subSource: '', taskTitle: '' };

function setUp(routes: Record<string, FakeHandler | FakeAnswer>, extra: Partial<ActDeps> = {}) {
  const fake = fakeAutocrm(routes);
  const db = openDb(`act-${Math.random()}`);
  const inbox = new Inbox(db, () => 0);
  const deps: ActDeps = {
    db,
    inbox,
    autocrm: new AutocrmClient({ url: 'https://dealer.autocrm.ru', auth: { kind: 'bearer', token: 'k' }, fetch: fake.fetch }),
    renderer: { render: async () => ({ ok: true, text: '' }) } as unknown as ActDeps['renderer'],
    now: () => Date.parse('2026-11-24T07:05:00Z'),
    ...extra,
  };
  type Request = { label: Said; ok: boolean; unsupported?: Said; notStored?: Said; error?: unknown };
  /** The request steps with their label as the Russian page shows it. */
  const requests = async (key: string) =>
    (await inbox.steps(key)).filter((s) => s.step === 'request').map((s) => s.detail as Request).map((r) => ({ ...r, label: ru(r.label), unsupported: r.unsupported && ru(r.unsupported), notStored: r.notStored && ru(r.notStored) }));
  return { deps, seen: fake.seen, requests };
}

const skipPlan = (attachTo: { entity: 'inquiry' | 'worksheet'; id: number; kind?: string }): Plan => ({
  ruleId: 'r', ruleName: 'r', task: null, logCall: true, explanation: [],
  outcome: { type: 'skip', reason: 'открытое обращение', attachTo },
});

describe('attaching a repeat call', () => {
  test('to an open inquiry: the call is logged, and the attach is recorded as not supported, never ok', async () => {
    const { deps, seen, requests } = setUp({ 'GET call': ok([]), 'POST call': ok({ id: 300 }) });
    const result = await execute(deps, 'call:501', call, skipPlan({ entity: 'inquiry', id: 123 }), { takerUserId: null }, texts);
    expect(result.state).toBe('skipped');
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET call', 'POST call']);
    const attach = (await requests('call:501')).find((r) => r.label.includes('обращению № 123'));
    expect(attach).toMatchObject({ ok: false, unsupported: expect.stringContaining('call2_id') });
  });

  test('to an open worksheet: a comment event naming the logged call, read back, logged ok', async () => {
    const comments: string[] = [];
    const { deps, seen, requests } = setUp({
      'GET call': ok([]),
      'POST call': ok({ id: 300 }),
      'GET event': () => ok(comments.map((comment, i) => ({ id: i + 1, caseId: 77, type: 2, comment }))),
      'POST event': (r) => {
        comments.push((r.body as { comment: string }).comment);
        return ok({ id: 1 });
      },
    });
    await execute(deps, 'call:501', call, skipPlan({ entity: 'worksheet', id: 77, kind: 'retail' }), { takerUserId: null }, texts);
    expect(comments).toEqual([expect.stringContaining('журнале звонков AutoCRM #300')]);
    expect(seen.some((r) => r.method === 'PUT')).toBe(false);
    const attach = (await requests('call:501')).find((r) => r.label.includes('рабочему листу № 77'));
    expect(attach).toMatchObject({ ok: true });
  });
});

describe('a refused attach', () => {
  test('the worksheet gone (404): the call stays logged, the step says not stored, the item finishes', async () => {
    const { deps, requests } = setUp({ 'GET call': ok([]), 'POST call': ok({ id: 300 }) });
    const result = await execute(deps, 'call:501', call, skipPlan({ entity: 'worksheet', id: 77, kind: 'retail' }), { takerUserId: null }, texts);
    expect(result.state).toBe('skipped');
    expect((await requests('call:501')).find((r) => r.label.includes('рабочему листу № 77'))).toMatchObject({ ok: false, error: { kind: expect.any(String) } });
  });

  test('AutoCRM failing (5xx) is retried later, not swallowed', async () => {
    const { deps } = setUp({ 'GET call': ok([]), 'POST call': ok({ id: 300 }), 'GET event': { status: 503, text: 'busy' } });
    await expect(execute(deps, 'call:501', call, skipPlan({ entity: 'worksheet', id: 77, kind: 'retail' }), { takerUserId: null }, texts)).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
  });
});

describe('creating', () => {
  const createPlan: Plan = {
    ruleId: 'r', ruleName: 'r', task: null, logCall: true, explanation: [],
    outcome: { type: 'create', entity: 'worksheet', fields: { salonId: 1, contactType: 5, caseKind: 'saleUsed', brandId: 152, modelId: 7 }, responsibleId: 42, createClient: false, templates: {} },
  };

  test('a source refused as a duplicate is found again (the lowest id of the twins), and created for the salon', async () => {
    let created = false;
    const { deps, seen, requests } = setUp({
      'GET source': () => ok(created ? [{ id: 40, name: 'VK' }, { id: 31, name: 'vk' }] : []),
      'POST source': () => {
        created = true;
        return { body: { status: 0, errors: { name: ['Значение «VK» уже занято.'] } } };
      },
      'GET saleUsedCase': ok([]),
      'GET call': ok([]),
      'POST call': ok({ id: 300 }),
      'POST saleUsedCase': { body: { result: { id: 88, external_id: 'callgear:call:501' }, errors: [] } },
      'GET event': ok([]),
      'POST event': { body: { result: { id: 5 }, errors: [] } },
    });
    const result = await execute(deps, 'call:501', call, createPlan, { takerUserId: null, client: { id: 9 } }, texts);
    expect(result).toMatchObject({ state: 'done', created: [{ entity: 'worksheet', id: 88 }, { entity: 'client', id: 9 }] });
    expect(seen.find((r) => r.method === 'POST' && r.path === 'source')?.body).toEqual({ name: 'VK', salon_ids: [1] });
    const worksheet = seen.find((r) => r.path === 'saleUsedCase' && r.method === 'POST')!.body;
    expect(worksheet).toMatchObject({ informationSourceId: 31, external_id: 'callgear:call:501' });
    expect(worksheet).not.toHaveProperty('call2Id');
    expect((await requests('call:501')).find((r) => r.label.includes('Привязка звонка'))).toMatchObject({ ok: false, unsupported: expect.stringContaining('пробегом') });
  });

  test('twin sources created at the same moment by two installations: both settle on the lowest id', async () => {
    const { deps, seen } = setUp({
      'GET source': () => ok(seen.some((r) => r.method === 'POST' && r.path === 'source') ? [{ id: 41, name: 'VK' }, { id: 40, name: 'VK' }] : []),
      'POST source': ok({ id: 41, name: 'VK', salon_ids: [1] }),
      'GET saleUsedCase': ok([]), 'GET call': ok([]), 'POST call': ok({ id: 300 }),
      'POST saleUsedCase': { body: { result: { id: 88, external_id: 'callgear:call:501' }, errors: [] } },
      'GET event': ok([]), 'POST event': { body: { result: { id: 5 }, errors: [] } },
    });
    await execute(deps, 'call:501', call, createPlan, { takerUserId: null, client: { id: 9 } }, texts);
    expect(seen.find((r) => r.path === 'saleUsedCase' && r.method === 'POST')!.body).toMatchObject({ informationSourceId: 40 });
    await expect(deps.db.cache.get('source:vk')).resolves.toMatchObject({ id: 40 });
  });

  test('the call is written in the configured AutoCRM zone', async () => {
    const { deps, seen } = setUp(
      { 'GET source': ok([{ id: 3, name: 'VK' }]), 'GET saleUsedCase': ok([]), 'GET call': ok([]), 'POST call': ok({ id: 300 }), 'POST saleUsedCase': { body: { result: { id: 88 }, errors: [] } }, 'GET event': ok([]), 'POST event': { body: { result: { id: 5 }, errors: [] } } },
      { autocrmZone: 'Asia/Almaty' },
    );
    await execute(deps, 'call:501', call, createPlan, { takerUserId: null, client: { id: 9 } }, texts);
    expect(seen.find((r) => r.method === 'GET' && r.path === 'call')?.query).toMatchObject({ start: '24.11.2026 12:00', end: '24.11.2026 12:02' });
    expect(seen.find((r) => r.method === 'POST' && r.path === 'call')?.body).toMatchObject({ datetime: '2026-11-24 12:00:50' });
  });
});

describe('a business client whose create answer was lost', () => {
  // AutoCRM does not document which array of `definitions.Client` becomes a company's phones (docs/api-fidelity.md, A7 and U13):
  // each variant is emulated. The phone filter compares the stored string, as the `exact` quirk does.
  const plan: Plan = {
    ruleId: 'r', ruleName: 'r', task: null, logCall: false, explanation: [],
    outcome: { type: 'create', entity: 'worksheet', fields: { salonId: 1, contactType: 11, caseKind: 'retail', brandId: 152, modelId: 7, clientType: 'business' }, responsibleId: 42, createClient: true, templates: {} },
  };
  const noTexts = { comment: '', source: '', subSource: '', taskTitle: '' };
  type Phones = { number: string }[];
  /** The work is done, the answer never arrives: what the browser sees when a gateway gives up on AutoCRM. */
  const lost: FakeAnswer = { status: 504, text: '<html><body>504 Gateway Time-out</body></html>' };

  function companyAutocrm(companyArray: 'phones' | 'personPhones', loseAnswerOf: 'POST client' | 'GET client/9') {
    const clients = new Map<number, { id: number; type: string; company: { phones: Phones } }>();
    let lostOnce = false;
    const answer = (key: string, result: unknown): FakeAnswer => {
      if (key !== loseAnswerOf || lostOnce) return ok(result);
      lostOnce = true;
      return lost;
    };
    const readBack = (id: number) => () => (clients.has(id) ? answer(`GET client/${id}`, clients.get(id)) : { status: 404, body: { status: 0, errors: ['Not found'] } });
    const update = (id: number) => (r: SeenRequest) => {
      const phones = (r.body as Record<string, Phones | undefined>)[companyArray];
      if (phones) clients.get(id)!.company.phones = phones;
      return ok(clients.get(id));
    };
    return {
      clients,
      routes: {
        'GET retailCase': ok([]),
        'POST retailCase': { body: { result: { id: 88, external_id: 'callgear:call:501' }, errors: [] } },
        'GET client': (r: SeenRequest) => ok([...clients.values()].filter((c) => c.company.phones.some((p) => p.number === r.query.phone))),
        'POST client': (r: SeenRequest) => {
          const id = 9 + clients.size;
          clients.set(id, { id, type: 'business', company: { phones: (r.body as Record<string, Phones | undefined>)[companyArray] ?? [] } });
          return answer('POST client', { id, type: 'business' });
        },
        'GET client/9': readBack(9),
        'GET client/10': readBack(10),
        'PUT client/9': update(9),
        'PUT client/10': update(10),
      } satisfies Record<string, FakeHandler | FakeAnswer>,
    };
  }

  test.each([
    ['personPhones', 'POST client'],
    ['personPhones', 'GET client/9'],
    ['phones', 'POST client'],
    ['phones', 'GET client/9'],
  ] as const)('company phones from `%s`, the answer to %s lost: the retry finds the company, never creates a second', async (companyArray, loseAnswerOf) => {
    const autocrm = companyAutocrm(companyArray, loseAnswerOf);
    const { deps, seen } = setUp(autocrm.routes);
    await expect(execute(deps, 'call:501', call, plan, { takerUserId: null, client: null, fresh: true }, noTexts)).rejects.toMatchObject({ retryable: true });
    // The next attempt: the processor keeps the first attempt's look-ups (no client), no longer fresh.
    const result = await execute(deps, 'call:501', call, plan, { takerUserId: null, client: null, fresh: false }, noTexts);
    expect(seen.filter((r) => r.method === 'POST' && r.path === 'client')).toHaveLength(1);
    expect([...autocrm.clients.keys()]).toEqual([9]);
    expect(result).toMatchObject({ state: 'done', created: [{ entity: 'worksheet', id: 88 }, { entity: 'client', id: 9 }] });
    expect(seen.find((r) => r.method === 'POST' && r.path === 'retailCase')?.body).toMatchObject({ clientId: 9 });
  });
});
