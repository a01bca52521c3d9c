import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_INSTALLATION } from '@/lib/pipeline/config';
import { useSimulators } from '../sim/use-simulators';
import { accountNow, CONTACTS, EMPLOYEES, VIRTUAL_NUMBERS } from '../sim/callgear/fixtures';
import { BLACKLISTED_CONTACTS, CALLGEAR_KEYS, CALLGEAR_LOGIN, CALLGEAR_LOGIN_DATA_ONLY } from '../sim/callgear/server';
import { seed, SIM_BASIC, SIM_KEYS } from '../sim/autocrm/seed';
import { createPipeline, TEST_RULES, TestClock, type TestPipeline } from './pipeline-harness';
import { ConfigStore } from '@/lib/config-store';
import { observeExchanges } from '@/lib/http';
import { RequestLog } from '@/lib/diagnostics/request-log';
import { startRequestLog } from '@/lib/diagnostics/service';
import { collectDiagnosticReport } from '@/lib/diagnostics/collect';
import { LAST_CHECK_KEY, type DiagnosticReport } from '@/lib/diagnostics/report';
import { settingsLogStore } from '@/lib/diagnostics/store';
import type { RuleKind } from '@/lib/domain/communication';

const { autocrm, callgear } = useSimulators();

afterEach(() => observeExchanges(null));

/** Numbers fired at the simulators in this test, each in a format dealers and visitors type. */
const FIRED = { call: '+7 (916) 204-11-87', chat: '8 903 771-55-20', lead: '79267778899', leadTwo: '7-985-612-40-09' };
const VISITOR = { name: 'Мария Иванова', email: 'maria@example.ru', chatName: 'Валентин Прохоров', chatEmail: 'prokhorov.v@mail.example' };

/** Every phone number the simulators hold or were sent, as its last ten digits. */
function simulatorPhones(): string[] {
  const data = seed();
  const autocrmPhones = [
    ...data.users.map((u) => u.phone),
    ...data.autosalons.map((s) => String(s.phone)),
    ...data.clients.flatMap((c) => [...[c.primaryPerson, ...c.persons].flatMap((p) => p?.phones.map((ph) => ph.number) ?? []), ...(c.company?.phones.map((ph) => ph.number) ?? [])]),
    ...data.requests.map((r) => String(r.phone)),
    ...data.preparedServiceCases.map((c) => String(c.phoneNumber)),
  ];
  const callgearPhones = [...EMPLOYEES.map((e) => e.phone ?? ''), ...CONTACTS.flatMap((c) => c.phone_numbers), ...VIRTUAL_NUMBERS.map((v) => v.virtual_phone_number), ...BLACKLISTED_CONTACTS];
  return [...autocrmPhones, ...callgearPhones, ...Object.values(FIRED)].map((p) => p.replace(/\D/g, '')).filter((d) => d.length >= 10).map((d) => d.slice(-10));
}

/**
 * People's names and e-mails in the simulators' data. Left out: the AutoCRM API user «API Интеграция»
 * and CallGear's «Оператор Без телефона», placeholder accounts whose words are ordinary vocabulary.
 */
function simulatorPeople(): { words: string[]; emails: string[] } {
  const data = seed();
  const people = [
    ...data.users.filter((u) => u.id !== 1).flatMap((u) => [u.first_name, u.last_name, u.middle_name]),
    ...data.clients.flatMap((c) => [c.primaryPerson, ...c.persons].flatMap((p) => (p ? [p.firstName, p.lastName, p.middleName] : []))),
    ...data.requests.flatMap((r) => [String(r.first_name), String(r.last_name)]),
    ...EMPLOYEES.filter((e) => e.id !== 9004).flatMap((e) => [e.first_name, e.last_name, e.patronymic]),
    ...CONTACTS.flatMap((c) => [c.first_name, c.last_name]),
    ...VISITOR.name.split(' '),
    ...VISITOR.chatName.split(' '),
  ];
  const emails = [
    ...data.users.map((u) => u.email),
    ...data.clients.flatMap((c) => [c.primaryPerson, ...c.persons].map((p) => p?.email)),
    ...EMPLOYEES.map((e) => e.email),
    CALLGEAR_LOGIN.login,
    CALLGEAR_LOGIN_DATA_ONLY.login,
    VISITOR.email,
    VISITOR.chatEmail,
  ];
  return { words: [...new Set(people.filter((w): w is string => typeof w === 'string' && w.length >= 3))], emails: emails.filter((e): e is string => Boolean(e)) };
}

/** Every string of a stored value (the session keys are JSON). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') {
    try {
      return [value, ...stringsOf(JSON.parse(value))];
    } catch {
      return [value];
    }
  }
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The digits of every run of digits and phone separators in a text. */
const digitRuns = (text: string) => (text.match(/\d[\d\s().+-]*\d/g) ?? []).map((run) => run.replace(/\D/g, ''));

describe('the diagnostic report after a run against the strict simulators', () => {
  let clock: TestClock;
  let p: TestPipeline;
  let config: ConfigStore;
  let log: RequestLog;

  beforeEach(async () => {
    clock = new TestClock();
    p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock });
    config = new ConfigStore(p.db);
    log = new RequestLog();
    await startRequestLog(p.db, log);
  });

  async function runEverything(): Promise<void> {
    const start = accountNow().minus({ minutes: 30 });
    callgear.sim.addCall({ start, contact: FIRED.call.replace(/\D/g, ''), employeeId: 9001, campaignId: 701 });
    callgear.sim.addCall({ start, contact: FIRED.chat.replace(/\D/g, '').replace(/^8/, '7'), direction: 'out', employeeId: 9002 });
    callgear.sim.addChat({ start, visitorPhone: FIRED.chat.replace(/\D/g, '').replace(/^8/, '7'), visitorName: VISITOR.chatName, visitorEmail: VISITOR.chatEmail, employeeId: 9001 });
    callgear.sim.addLead({ start, visitorPhone: FIRED.lead, visitorName: VISITOR.name, visitorEmail: VISITOR.email });
    callgear.sim.addLead({ start, visitorPhone: FIRED.leadTwo.replace(/\D/g, '') });
    // An inquiry AutoCRM refuses, its message naming a number, a client and an e-mail.
    autocrm.sim.setFaults({ validation: [{ resource: 'leads/request', field: 'phone', message: `Номер ${FIRED.call} уже у клиента «Иванов Сергей» (ivanov@example.ru)` }] });

    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // integration credentials are a coordinator's
    // The accounts as an admin saves them: CallGear by login and password (login.user is logged), AutoCRM by Basic.
    await config.saveAccount({ kind: 'callgear', name: 'CallGear', brand: 'callgear', auth: 'login', login: CALLGEAR_LOGIN.login, secret: CALLGEAR_LOGIN.password, dataApiUrl: `${callgear.server.url()}/v2.0`, callApiUrl: `${callgear.server.url()}/v4.0` });
    await config.saveAccount({ kind: 'autocrm', name: 'AutoCRM', url: autocrm.server.url(), auth: 'basic', login: SIM_BASIC.login, secret: SIM_BASIC.password });
    for (const [kind, ruleSet] of Object.entries(TEST_RULES)) await config.saveRuleSet(kind as RuleKind, ruleSet);
    await p.db.userMap.bulkPut(EMPLOYEES.slice(0, 2).map((e, i) => ({ autocrmUserId: 42 + i, callgearEmployeeId: e.id, name: `${e.last_name} ${e.first_name}` })));

    await p.pollAll();
    await p.processor.drain({ owner: 'diagnostics' });

    const cg = (await config.callgearClient())!;
    await cg.account();
    await cg.employees();
    await expect(cg.startEmployeeCall({ employeeId: 9001, contact: BLACKLISTED_CONTACTS[0]!, virtualNumber: VIRTUAL_NUMBERS[0]!.virtual_phone_number })).rejects.toThrow();
    const crm = (await config.autocrmClient())!;
    await crm.listUsers({ includeFired: true });
    await crm.findClientsByPhone(seed().clients[0]!.primaryPerson!.phones[0]!.number);

    // What an integration check might have stored: people in name fields and in its text.
    await p.db.settings.put({
      key: LAST_CHECK_KEY,
      value: { at: '2026-11-30T08:00:00Z', items: [{ id: 'employees', status: 'yellow', unmapped: [{ name: 'Козлова Елена', phone: '79120000044' }], text: `Сопоставлены: Петрова Анна, Смирнов Игорь; нет пользователя для ${EMPLOYEES[2]!.email}` }] },
    });
  }

  const reportOf = async () =>
    collectDiagnosticReport({ db: p.db, config, log, extensionVersion: '1.4.0', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' });

  test('holds what each API answered: methods, paths, parameter names, statuses, shapes and error bodies', async () => {
    await runEverything();
    const report = JSON.parse(await reportOf()) as DiagnosticReport;
    expect(report).toMatchObject({ extension: { version: '1.4.0' }, browser: { userAgent: expect.stringContaining('Chrome/131') }, accounts: expect.arrayContaining([{ kind: 'callgear', auth: 'login', brand: 'callgear' }, { kind: 'autocrm', auth: 'basic', brand: null }]) });
    expect(report.configuration.rules.incomingCalls).toEqual(TEST_RULES.incomingCalls);

    const data = report.requests['callgear-data'];
    expect(data.find((r) => r.method === 'login.user')).toMatchObject({ path: '/v2.0', params: [], status: 200, shape: { result: { data: { access_token: 'string' } } } });
    expect(data.find((r) => r.method === 'get.calls_report')).toMatchObject({ params: expect.arrayContaining(['date_from', 'date_till', 'fields']), status: 200 });
    expect(data.find((r) => r.method === 'get.calls_report')!.shape).toMatchObject({ result: { data: [expect.objectContaining({ contact_phone_number: expect.any(String) })] } });

    const call = report.requests['callgear-call'];
    expect(call.map((r) => r.method)).toEqual(['login.user', 'start.employee_call']);
    expect(call[1]!.error).toMatchObject({ kind: 'callgear', mnemonic: 'contact_in_blacklist' });

    const crm = report.requests.autocrm;
    expect(crm.find((r) => r.method === 'POST' && r.path.endsWith('/leads/request'))!.error).toMatchObject({ kind: 'autocrm', fields: ['phone'], messages: [expect.stringContaining('<phone>')] });
    expect(crm.find((r) => r.path.endsWith('/client'))).toMatchObject({ method: 'GET', params: ['phone'], status: 200 });
    expect(crm.every((r) => !r.path.includes('//') && r.status !== null)).toBe(true);
  });

  test('holds no secret, no phone, no name and no e-mail from the simulators', async () => {
    await runEverything();
    const text = await reportOf();

    const secrets = [
      ...Object.values(CALLGEAR_KEYS), CALLGEAR_LOGIN.password, CALLGEAR_LOGIN_DATA_ONLY.password, SIM_BASIC.login, SIM_BASIC.password,
      ...Object.keys(SIM_KEYS), ...seed().users.flatMap((u) => [u.login, u.password]),
      ...(await p.db.secrets.toArray()).flatMap((s) => stringsOf(s.secret)).filter((s) => s.length >= 8),
      btoa(`${SIM_BASIC.login}:${SIM_BASIC.password}`),
    ];
    expect((await p.db.secrets.toArray()).some((s) => s.id.includes(':session:'))).toBe(true); // login.user keys exist to look for
    // Whole tokens: the simulator's Basic login is the word "integration", which `integrationCheck` holds as a part.
    for (const secret of secrets) expect(text, `secret ${secret}`).not.toMatch(new RegExp(`(?<![\\w-])${escapeRegExp(secret)}(?![\\w-])`));

    const runs = digitRuns(text);
    for (const phone of simulatorPhones()) {
      expect(runs.filter((run) => run.includes(phone.slice(-7))), `phone ${phone}`).toEqual([]);
    }

    const { words, emails } = simulatorPeople();
    for (const email of emails) expect(text.toLowerCase(), `e-mail ${email}`).not.toContain(email.toLowerCase());
    for (const word of words) expect(text, `name ${word}`).not.toMatch(new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'iu'));
  });

  test('the log survives a worker restart: a new life reads back what the last one saved', async () => {
    await runEverything();
    await log.flush();
    const saved = await settingsLogStore(p.db).load();
    expect(saved).toEqual(log.entries());
    const nextLife = new RequestLog();
    await startRequestLog(p.db, nextLife);
    expect(nextLife.entries()).toEqual(log.entries());
  });
});
