import { describe, expect, test } from 'vitest';
import { AutocrmClient } from '@/lib/autocrm/client';
import { CallGearClient, type CallGearAuth } from '@/lib/callgear/client';
import { openDb, NEVER, type AppDb, type EntityRef, type InboxItem, type InboxState } from '@/lib/db';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE, type PipelineConfig } from '@/lib/pipeline/config';
import { runIntegrationCheck, LAST_CHECK_KEY, type CheckDeps } from '@/lib/integration-check/run';
import { PHONE_FORMS_KEY, storedPhoneForms } from '@/lib/integration-check/autocrm-probes';
import type { CheckProgress } from '@/lib/integration-check/types';
import { item, shown } from './check-items';
import { accountNow, EMPLOYEES } from '../sim/callgear/fixtures';
import { CALLGEAR_KEYS, CALLGEAR_LOGIN, SMALL_TARIFF } from '../sim/callgear/server';
import { useSimulators } from '../sim/use-simulators';
import { TEST_RULES } from './pipeline-harness';
import { ConfigStore } from '@/lib/config-store';
import { PipelineRunner } from '@/lib/pipeline/runner';
import { benchIntegrationCheck, checkBenchRow } from '../bench/integration-check-bench';

/**
 * The integration check against the strict simulators over real HTTP: a healthy dealership is green
 * throughout, and each simulated failure turns its own item red or yellow with its own meaning and action.
 */
const { autocrm, callgear } = useSimulators();

interface Setup {
  callgearAuth?: CallGearAuth;
  autocrmKey?: string;
  config?: Partial<PipelineConfig>;
  installation?: CheckDeps['installation'];
  fetch?: typeof fetch;
}

function setup(o: Setup = {}) {
  const db = openDb(`check-${Math.random()}`);
  const url = callgear.server.url();
  const cg = new CallGearClient({ dataApiUrl: `${url}/v2.0`, callApiUrl: `${url}/v4.0`, auth: o.callgearAuth ?? { kind: 'token', token: CALLGEAR_KEYS.permanent }, timeoutMs: 5_000 });
  const ac = new AutocrmClient({ url: autocrm.server.url(), auth: { kind: 'bearer', token: o.autocrmKey ?? 'sim-key-integration' }, timeoutMs: 5_000 });
  const config: PipelineConfig = {
    rules: TEST_RULES,
    hours: DEFAULT_HOURS,
    // 120 s: 1,440 points a day, inside a quarter of the simulator's 10,000.
    installation: { ...DEFAULT_INSTALLATION, pollIntervalSec: 120 },
    intake: DEFAULT_INTAKE,
    dealershipZone: 'Europe/Moscow',
    autocrmZone: 'Europe/Moscow',
    ...o.config,
  };
  const installation = o.installation ?? { role: 'coordinator', coordinatorSeen: true, softphoneSeen: true };
  const run = (onProgress?: (p: CheckProgress) => void) => runIntegrationCheck({ callgear: cg, autocrm: ac, config, db, installation, ...(o.fetch ? { fetch: o.fetch } : {}) }, onProgress);
  return { db, cg, ac, config, run };
}

/** A finished inbox item (what the pipeline leaves behind), with what it created. */
async function plantItem(db: AppDb, o: { key: string; state?: InboxState; created?: EntityRef[]; createdAt?: number; updatedAt?: number }) {
  const at = Date.now();
  const state = o.state ?? 'done';
  await db.inbox.put({
    key: o.key, kind: 'call', id: Number(o.key.split(':')[1] ?? 1), communicationId: null, ruleKind: 'incomingCalls', at: new Date(at).toISOString(),
    comm: {} as InboxItem['comm'], state, dueAt: state === 'done' || state === 'needs-fix' ? NEVER : at, leaseOwner: null, attempts: 0, reason: null, error: null, plan: null,
    created: o.created ?? [], createdAt: o.createdAt ?? at, updatedAt: o.updatedAt ?? at,
  });
}

async function mapAllEmployees(db: AppDb) {
  await db.userMap.bulkPut(EMPLOYEES.map((e, i) => ({ autocrmUserId: 100 + i, callgearEmployeeId: e.id, name: `${e.last_name} ${e.first_name}` })));
}

/** Everything a healthy dealership has: calls of both directions listed everywhere, mapped staff, a recent poll, one created client. */
async function healthy(s: ReturnType<typeof setup>) {
  callgear.sim.setFaults({ communicationsIncludeOutgoing: true });
  callgear.sim.addCall({ direction: 'in', employeeId: 9001, start: accountNow().minus({ hours: 2 }) });
  callgear.sim.addCall({ direction: 'out', employeeId: 9002, start: accountNow().minus({ hours: 1 }) });
  await mapAllEmployees(s.db);
  // The coordinator's accounts, as the options page saved them (the check's clients are built from them).
  await s.db.accounts.bulkPut([
    { id: 'a', kind: 'autocrm', name: 'AutoCRM', settings: { url: autocrm.server.url(), auth: 'bearer', identity: 'integration' } },
    { id: 'c', kind: 'callgear', name: 'CallGear', settings: { brand: 'callgear', auth: 'token', identity: 'integration' } },
  ]);
  await s.db.settings.put({ key: 'lastPoll', value: { at: Date.now() - 60_000, ok: true, kinds: ['call'], error: null } });
  const client = await s.ac.createClient('individual', { firstName: 'Проверка', phones: [{ type: 2, number: '+79990001122' }] });
  await plantItem(s.db, { key: 'call:1', created: [{ entity: 'client', id: client.id, url: null }] });
}

describe('a healthy dealership', () => {
  test('every item is green, within 30 s, with progress, the points it cost, the phone forms and the report saved', async () => {
    const s = setup();
    await healthy(s);
    const progress: CheckProgress[] = [];
    const before = callgear.sim.pointsUsed;
    const report = await s.run((p) => progress.push(p));
    expect(report.items.map(shown).filter((i) => i.status !== 'green').map((i) => `${i.id}: ${i.status} ${i.meaning.en}`)).toEqual([]);
    expect(report.items.map(shown).every((i) => i.action === null && i.title.ru && i.title.en && i.meaning.ru && i.meaning.en)).toBe(true);
    expect(new Set(report.items.map((i) => i.group))).toEqual(new Set(['callgear', 'autocrm', 'installation']));
    expect(report.finishedAt - report.startedAt).toBeLessThan(30_000);
    expect(report.pointsUsed).toBe(callgear.sim.pointsUsed - before);
    expect(report.pointsUsed).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: report.items.length, total: report.items.length });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect((await s.db.settings.get(LAST_CHECK_KEY))?.value).toEqual(report);
    // The simulator matches digits: each seeded client's number hits in the form it was typed in.
    expect(await storedPhoneForms(s.db)).toEqual(['e164', 'international', 'trunk']);
    expect(item(report, 'callgear.employees').details?.[0]).toBe(`${EMPLOYEES.length}/${EMPLOYEES.length}`);
    // Harmless: the Call API probe dialled nothing.
    expect(callgear.sim.employeeCalls).toEqual([]);
    // Read-only on AutoCRM: the only write is the test's own client.
    expect(autocrm.sim.created.map((c) => c.resource)).toEqual(['client']);
  });
});

describe('CallGear items', () => {
  test('a blocked key: credentials red with its own words, later CallGear items not checked', async () => {
    const report = await setup({ callgearAuth: { kind: 'token', token: CALLGEAR_KEYS.blocked } }).run();
    const credentials = item(report, 'callgear.credentials');
    expect(credentials.status).toBe('red');
    expect(credentials.meaning.en).toMatch(/blocked/);
    expect(credentials.action?.en).toMatch(/User management/);
    expect(item(report, 'callgear.call-api').status).toBe('skipped');
    expect(item(report, 'callgear.fields').status).toBe('skipped');
  });

  test('a wrong password: credentials red, saying so', async () => {
    const report = await setup({ callgearAuth: { kind: 'login', login: CALLGEAR_LOGIN.login, password: 'wrong' } }).run();
    expect(item(report, 'callgear.credentials')).toMatchObject({ status: 'red', details: ['auth_error'] });
    expect(item(report, 'callgear.credentials').meaning.en).toMatch(/login or password/);
  });

  test('the Call API probe tells the missing component from the missing access', async () => {
    const component = item(await setup({ callgearAuth: { kind: 'token', token: CALLGEAR_KEYS.dataOnly } }).run(), 'callgear.call-api');
    expect(component).toMatchObject({ status: 'yellow', details: ['component_disabled'] });
    expect(component.action?.en).toMatch(/Call API Basic set/);
    callgear.sim.setFaults({ callApiForbidden: true });
    const forbidden = item(await setup().run(), 'callgear.call-api');
    expect(forbidden).toMatchObject({ status: 'yellow', details: ['forbidden'] });
    expect(forbidden.action?.en).toMatch(/Access to Call API/);
    expect(forbidden.meaning.en).not.toBe(component.meaning.en);
  });

  test('a login without the Call API component is refused at the Call API login, with the same advice', async () => {
    const report = await setup({ callgearAuth: { kind: 'login', login: 'reports@sever-auto.ru', password: 'reports-pass' } }).run();
    expect(item(report, 'callgear.credentials').status).toBe('green');
    expect(item(report, 'callgear.call-api')).toMatchObject({ status: 'yellow', details: ['component_disabled'] });
  });

  test('an IP outside the allow-list: the IP item is red with where to add it; credentials cannot be told', async () => {
    callgear.sim.setFaults({ ipWhitelisted: false });
    const report = await setup().run();
    expect(item(report, 'callgear.ip')).toMatchObject({ status: 'red', details: ['Data API', 'Call API'] });
    expect(item(report, 'callgear.ip').action?.en).toMatch(/Rules and security settings/);
    expect(item(report, 'callgear.credentials').status).toBe('skipped');
    expect(item(report, 'callgear.call-api').status).toBe('skipped');
  });

  test('a report field the account refuses: yellow, naming the field and its report', async () => {
    callgear.sim.setFaults({ refusedFields: ['utm_campaign'] });
    const fields = item(await setup().run(), 'callgear.fields');
    expect(fields.status).toBe('yellow');
    expect(fields.details).toEqual(expect.arrayContaining([expect.stringMatching(/^get\.calls_report: .*utm_campaign/)]));
  });

  test('an account zone other than the dealership’s: yellow with both zones', async () => {
    const zone = item(await setup({ config: { dealershipZone: 'Asia/Yekaterinburg' } }).run(), 'callgear.timezone');
    expect(zone.status).toBe('yellow');
    expect(zone.details).toEqual(['CallGear: Europe/Moscow (UTC+03:00)', 'Asia/Yekaterinburg (UTC+05:00)']);
  });

  test('a small tariff slows the polls (yellow); a spent day limit stops them (red)', async () => {
    callgear.sim.setFaults(SMALL_TARIFF);
    const slow = item(await setup({ config: { installation: { ...DEFAULT_INSTALLATION, pollIntervalSec: 60 } } }).run(), 'callgear.limits');
    expect(slow.status).toBe('yellow');
    expect(slow.meaning.en).toMatch(/limit of 1000/);
    callgear.sim.reset();
    callgear.sim.setFaults({ dayLimit: 3 });
    const spent = item(await setup().run(), 'callgear.limits');
    expect(spent.status).toBe('red');
    expect(spent.details?.[0]).toBe('day: 0/3');
  });

  test('employees: none mapped is red, some unmapped is yellow with their names', async () => {
    const none = setup();
    expect(item(await none.run(), 'callgear.employees').status).toBe('red');
    const some = setup();
    await some.db.userMap.put({ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна' });
    const partial = item(await some.run(), 'callgear.employees');
    expect(partial.status).toBe('yellow');
    expect(partial.details).toEqual([`1/${EMPLOYEES.length}`, 'Смирнов Игорь Олегович', 'Козлова Елена', 'Без телефона Оператор']);
  });

  test('outgoing calls missing from the communications report: yellow with both counts', async () => {
    callgear.sim.addCall({ direction: 'in', start: accountNow().minus({ hours: 3 }) });
    callgear.sim.addCall({ direction: 'out', start: accountNow().minus({ hours: 2 }) });
    const outgoing = item(await setup().run(), 'callgear.outgoing');
    expect(outgoing.status).toBe('yellow');
    expect(outgoing.details).toEqual(['get.calls_report: 2 (out: 1)', 'get.communications_report (call): 1']);
  });

  test('no call in the last day: the outgoing comparison is not made', async () => {
    expect(item(await setup().run(), 'callgear.outgoing').status).toBe('skipped');
  });

  test('recording links that ask for a login: yellow', async () => {
    callgear.sim.addCall({ direction: 'in', start: accountNow().minus({ hours: 1 }) });
    callgear.sim.setFaults({ recordsNeedLogin: true });
    const recordings = item(await setup().run(), 'callgear.recordings');
    expect(recordings).toMatchObject({ status: 'yellow' });
    expect(recordings.details?.[0]).toBe('HTTP 401');
    expect(recordings.action?.en).toMatch(/without a login/);
  });
});

describe('AutoCRM items', () => {
  test('a wrong key and a user without API rights are each red with their own advice', async () => {
    const wrong = item(await setup({ autocrmKey: 'no-such-key' }).run(), 'autocrm.credentials');
    const noRights = item(await setup({ autocrmKey: 'sim-key-no-api' }).run(), 'autocrm.credentials');
    expect(wrong).toMatchObject({ status: 'red', details: ['HTTP 401'] });
    expect(noRights).toMatchObject({ status: 'red', details: ['HTTP 403'] });
    expect(noRights.action?.en).toMatch(/API rights/);
    expect(wrong.action?.en).not.toBe(noRights.action?.en);
  });

  test('a user who cannot see a dealership the rules name: red, naming it', async () => {
    const report = await setup({ autocrmKey: 'sim-key-sever' }).run();
    expect(item(report, 'autocrm.dictionaries')).toMatchObject({ status: 'red' });
    expect(item(report, 'autocrm.dictionaries').details).toEqual(expect.arrayContaining(['salonId 3']));
  });

  test('phone search that finds no client in any form is red and forgets saved forms; a partial one is yellow', async () => {
    autocrm.sim.setQuirks({ phoneMatch: 'exact' });
    const partial = setup();
    const yellow = item(await partial.run(), 'autocrm.phone-forms');
    expect(yellow.status).toBe('yellow');
    expect(await storedPhoneForms(partial.db)).toEqual(['e164']);
    for (const client of autocrm.sim.data.clients) {
      for (const person of [client.primaryPerson, ...client.persons]) person?.phones.forEach((p) => (p.number = `тел. ${p.number}`));
    }
    const none = setup();
    await none.db.settings.put({ key: PHONE_FORMS_KEY, value: ['national'] });
    const red = item(await none.run(), 'autocrm.phone-forms');
    expect(red.status).toBe('red');
    expect(red.meaning.en).toMatch(/repeat-contact rules/);
    expect(await storedPhoneForms(none.db)).toBeUndefined();
  });

  test('an instance in another zone than the configured one: red with both offsets; nothing created yet: checked on first use', async () => {
    expect(item(await setup().run(), 'autocrm.timezone').status).toBe('yellow');
    autocrm.sim.setQuirks({ serverZone: 'Asia/Aqtau' });
    const s = setup();
    const client = await s.ac.createClient('individual', { firstName: 'Проверка', phones: [{ type: 2, number: '+79990001122' }] });
    await plantItem(s.db, { key: 'call:7', created: [{ entity: 'client', id: client.id, url: null }] });
    const zone = item(await s.run(), 'autocrm.timezone');
    expect(zone.status).toBe('red');
    expect(zone.details).toEqual([`client #${client.id}`, 'AutoCRM: UTC+5 h', 'Europe/Moscow: UTC+3 h']);
  });

  test('case states as the swagger’s single object: yellow', async () => {
    autocrm.sim.setQuirks({ caseStates: 'object' });
    expect(item(await setup().run(), 'autocrm.case-states')).toMatchObject({ status: 'yellow', details: ['1'] });
    autocrm.sim.setQuirks({ caseStates: 'map' });
    expect(item(await setup().run(), 'autocrm.case-states').status).toBe('green');
  });

  test('optional writes: checked on first use, then the read-backs’ shortfalls', async () => {
    const s = setup();
    expect(item(await s.run(), 'autocrm.optional-writes')).toMatchObject({ status: 'yellow' });
    await plantItem(s.db, { key: 'call:9' });
    // A documented limit (no way to attach a call to an inquiry) is not a dropped write: still green once things are done.
    await s.db.steps.add({ key: 'call:9', at: Date.now(), step: 'request', detail: { label: 'привязать звонок к обращению', ok: false, unsupported: 'AutoCRM не даёт привязать звонок к обращению' } });
    expect(item(await s.run(), 'autocrm.optional-writes')).toMatchObject({ status: 'green' });
    await s.db.steps.add({ key: 'call:9', at: Date.now(), step: 'request', detail: { label: 'телефон клиента #5', ok: false, notStored: 'AutoCRM не сохранил телефон компании' } });
    const shortfall = item(await s.run(), 'autocrm.optional-writes');
    expect(shortfall.status).toBe('yellow');
    expect(shortfall.details).toEqual(['AutoCRM не сохранил телефон компании ×1']);
  });
});

describe('"open in AutoCRM" links', () => {
  test('the simulator serves the client card at the path the links use: green', async () => {
    expect(item(await setup().run(), 'autocrm.links')).toMatchObject({ status: 'green', details: [expect.stringMatching(/^\/clients\/\d+: 200$/)] });
  });

  test('an instance whose web UI has no such path (404): yellow, saying links will not open', async () => {
    const uiWithoutPath: typeof fetch = (input, init) => (String(input instanceof Request ? input.url : input).includes('/clients/') ? Promise.resolve(new Response('not found', { status: 404 })) : fetch(input, init));
    const links = item(await setup({ fetch: uiWithoutPath }).run(), 'autocrm.links');
    expect(links).toMatchObject({ status: 'yellow', details: [expect.stringMatching(/: 404$/)] });
    expect(links.meaning.en).toMatch(/will not open/);
  });
});

describe('installation items', () => {
  test('an operator with no coordinator: red; the softphone not seen: yellow; not yet looked for: skipped', async () => {
    const report = await setup({ installation: { role: 'operator', coordinatorSeen: false, softphoneSeen: false } }).run();
    expect(item(report, 'installation.role').status).toBe('red');
    expect(item(report, 'installation.softphone').status).toBe('yellow');
    const unseen = await setup({ installation: { role: 'operator', coordinatorSeen: true, softphoneSeen: null } }).run();
    expect(item(unseen, 'installation.role').status).toBe('green');
    expect(item(unseen, 'installation.softphone').status).toBe('skipped');
    expect(item(unseen, 'installation.poll').status).toBe('skipped'); // operators poll after softphone calls only
  });

  test('the coordinator’s last poll: never is red, failed is red with its reason, long ago is yellow', async () => {
    const s = setup();
    expect(item(await s.run(), 'installation.poll').status).toBe('red');
    await s.db.settings.put({ key: 'lastPoll', value: { at: Date.now() - 60_000, ok: false, kinds: [], error: { kind: 'authentication', ru: 'ключ не принят', en: 'key rejected' } } });
    const failed = item(await s.run(), 'installation.poll');
    expect(failed.status).toBe('red');
    expect(failed.meaning.en).toMatch(/key rejected/);
    await s.db.settings.put({ key: 'lastPoll', value: { at: Date.now() - 3 * 3600_000, ok: true, kinds: ['call'], error: null } });
    expect(item(await s.run(), 'installation.poll').status).toBe('yellow');
  });

  test('the backlog: an item needing a fix is red; one waiting over an hour is yellow', async () => {
    const s = setup();
    await plantItem(s.db, { key: 'call:2', state: 'new', createdAt: Date.now() - 2 * 3600_000 });
    const late = item(await s.run(), 'installation.backlog');
    expect(late.status).toBe('yellow');
    expect(late.details).toEqual(expect.arrayContaining(['waiting: 1', 'oldest: call:2, 120 min']));
    await plantItem(s.db, { key: 'call:3', state: 'needs-fix' });
    expect(item(await s.run(), 'installation.backlog').status).toBe('red');
  });
});

describe('accounts not connected', () => {
  test('each group says so in its first item and skips the rest', async () => {
    const s = setup();
    const report = await runIntegrationCheck({ callgear: null, autocrm: null, config: s.config, db: s.db, installation: { role: 'coordinator', coordinatorSeen: true, softphoneSeen: true } });
    expect(item(report, 'callgear.credentials').status).toBe('red');
    expect(item(report, 'autocrm.credentials').status).toBe('red');
    expect(report.items.filter((i) => i.group !== 'installation' && !i.id.endsWith('.credentials')).every((i) => i.status === 'skipped')).toBe(true);
    expect(report.pointsUsed).toBe(0);
  });
});

describe('the bench line', () => {
  test('prints the check’s duration and the points the simulator charged', async () => {
    const result = await benchIntegrationCheck(autocrm, callgear);
    expect(result.points).toBe(result.report.pointsUsed);
    expect(result.points).toBeGreaterThan(0);
    const [what, value, target, met] = checkBenchRow(result);
    expect(what).toMatch(/integration check/);
    expect(value).toBe(`${result.seconds.toFixed(1)} s, ${result.points} CallGear points, ${result.report.items.length} items`);
    expect([target, met]).toEqual(['≤ 30 s', result.seconds <= 30]);
  });
});

describe('the saved phone forms', () => {
  test('the pipeline runner searches AutoCRM first in the forms the check saw hit, then in the others', async () => {
    autocrm.sim.setQuirks({ phoneMatch: 'exact' });
    const s = setup();
    const store = new ConfigStore(s.db);
    await store.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // integration credentials are a coordinator's
    await store.saveAccount({ kind: 'autocrm', name: 'a', url: autocrm.server.url(), auth: 'bearer', secret: 'sim-key-integration' });
    await store.saveAccount({ kind: 'callgear', name: 'c', brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent, dataApiUrl: `${callgear.server.url()}/v2.0`, callApiUrl: `${callgear.server.url()}/v4.0` });
    for (const [kind, ruleSet] of Object.entries(TEST_RULES)) await store.saveRuleSet(kind as keyof typeof TEST_RULES, ruleSet);
    await s.run();
    expect(await storedPhoneForms(s.db)).toEqual(['e164']);
    // A lead: its rule looks for the client's open inquiries by phone (leads.base.inquiryStatuses).
    callgear.sim.addLead({ visitorPhone: '79035550000', employeeId: null, start: accountNow().minus({ minutes: 5 }) });
    autocrm.sim.log = [];
    const runner = new PipelineRunner({ db: s.db, config: store, renderer: { render: async () => ({ ok: true, text: 'x' }) }, wakeups: { wakeAt: () => undefined }, owner: 'test' });
    await runner.run('all');
    expect((await s.db.inbox.toArray()).map((i) => i.state)).toEqual(['done']);
    const searched = autocrm.sim.log.flatMap((l) => (l.method === 'GET' ? [l.query.phone, l.query.clientPhone] : [])).filter(Boolean);
    // A new number: every form is tried (a client stored in an unseen form must not be duplicated), the saved one first.
    expect(searched.slice(0, 4)).toEqual(['+79035550000', '79035550000', '9035550000', '89035550000']);
  });
});
