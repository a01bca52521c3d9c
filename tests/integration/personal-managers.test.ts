import { beforeEach, describe, expect, test } from 'vitest';
import { NEVER } from '@/lib/db';
import { ru } from '../tools/locale-words';
import { notePersonalManager, PersonalManagerSync, personalManagerOverview, retryPersonalManagers } from '@/lib/users/personal-managers';
import { useSimulators } from '../sim/use-simulators';
import { seededRandom } from '../sim/http-util';
import { createPipeline, TEST_RULES, TestClock, type TestPipeline } from './pipeline-harness';

const { autocrm, callgear } = useSimulators();
let clock: TestClock;
let p: TestPipeline;
let sync: PersonalManagerSync;

beforeEach(async () => {
  clock = new TestClock();
  // Incoming calls get a responsible here (user 42), so calls also touch personal managers.
  const rules = { ...TEST_RULES, incomingCalls: { ...TEST_RULES.incomingCalls, base: { ...TEST_RULES.incomingCalls.base, responsibleId: 42 } } };
  p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, rules });
  p.config.personalManagers = true;
  // The user sync's mapping: AutoCRM user → CallGear employee (45 is left unmapped).
  await p.db.userMap.bulkPut([
    { autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна' },
    { autocrmUserId: 43, callgearEmployeeId: 9002, name: 'Смирнов Игорь' },
  ]);
  sync = new PersonalManagerSync(p.db, p.callgear, clock.now, seededRandom(3));
});

async function processAll() {
  await p.pollAll();
  await p.processor.drain({ owner: 'worker' });
  expect(await p.db.inbox.where('dueAt').below(NEVER).toArray()).toEqual([]);
}

const contactWith = (phone: string) => callgear.sim.contacts.filter((c) => (c.phone_numbers as string[]).includes(phone));
const row = (phone: string) => p.db.personalManagers.get(phone);

describe('personal managers: the client’s CallGear contact carries the AutoCRM responsible', () => {
  test('an existing contact found by phone gets the manager; its other numbers are kept', async () => {
    callgear.sim.addLead({ visitorPhone: '79035554433' }); // leads: responsible 43 → employee 9002
    await processAll();
    expect(await row('+79035554433')).toMatchObject({ state: 'pending', autocrmUserId: 43 });
    expect(await sync.run()).toMatchObject({ done: 1, failed: 0 });
    expect(contactWith('79035554433')).toEqual([expect.objectContaining({ id: 7002, personal_manager_id: 9002, phone_numbers: ['74951112233', '79035554433'], last_name: 'Иванова' })]);
    expect(await row('+79035554433')).toMatchObject({ state: 'done', employeeId: 9002, contactId: 7002 });
    expect(ru((await row('+79035554433'))!.reason!)).toBe('Менеджер указан.');
  });

  test('a caller without a contact gets one, named from the communication, with the manager', async () => {
    // chats: responsible 42 → 9001. The chats report has no visitor_name (get_chats_report), so the name comes from the phone.
    callgear.sim.addChat({ visitorPhone: '79261112233', visitorName: 'Сергей Морозов' });
    await processAll();
    await sync.run();
    expect(contactWith('79261112233')).toEqual([expect.objectContaining({ last_name: 'Клиент +79261112233', personal_manager_id: 9001 })]);
    expect(await row('+79261112233')).toMatchObject({ state: 'done' });
    expect(ru((await row('+79261112233'))!.reason!)).toBe('Контакт создан с менеджером.');
  });

  test('a call names its contact (contact_id): that contact is changed to the new responsible', async () => {
    callgear.sim.addCall({ contact: '79165550101', employeeId: null }); // contact 7001 has manager 9002; the rule says user 42 → 9001
    await processAll();
    expect(await row('+79165550101')).toMatchObject({ contactId: 7001 });
    const lookupsBefore = callgear.sim.log.filter((l) => l.method === 'get.contacts').length;
    await sync.run();
    expect(callgear.sim.contacts.find((c) => c.id === 7001)).toMatchObject({ personal_manager_id: 9001, phone_numbers: ['79165550101'] });
    expect(await row('+79165550101')).toMatchObject({ state: 'done' });
    expect(ru((await row('+79165550101'))!.reason!)).toBe('Менеджер изменён (был Петрова Анна).');
    expect(callgear.sim.log.filter((l) => l.method === 'get.contacts').length - lookupsBefore).toBe(1);
  });

  test('a manager already in place costs one look-up and no write; the same wish again costs nothing', async () => {
    await p.db.userMap.put({ autocrmUserId: 42, callgearEmployeeId: 9002, name: 'Смирнов Игорь' });
    callgear.sim.addCall({ contact: '79165550101', employeeId: null });
    await processAll();
    await sync.run();
    expect(await row('+79165550101')).toMatchObject({ state: 'done' });
    expect(ru((await row('+79165550101'))!.reason!)).toBe('Менеджер уже указан.');
    expect(callgear.sim.log.some((l) => l.method === 'update.contacts')).toBe(false);
    const requests = callgear.sim.log.length;
    await notePersonalManager(p.db, { phone: '8 (916) 555-01-01', autocrmUserId: 42, clientName: null, contactId: null }, clock.now());
    expect(await sync.run()).toMatchObject({ done: 0, skipped: 0, failed: 0 });
    expect(callgear.sim.log.length).toBe(requests);
  });

  test('an unmapped responsible is skipped with the reason, and done after the mapping and a retry', async () => {
    await notePersonalManager(p.db, { phone: '+7 903 555-44-33', autocrmUserId: 45, clientName: 'Иванова', contactId: null }, clock.now());
    expect(await sync.run()).toMatchObject({ skipped: 1 });
    expect(await row('+79035554433')).toMatchObject({ state: 'skipped' });
    expect(ru((await row('+79035554433'))!.reason!)).toContain('не сопоставлен');
    await p.db.userMap.put({ autocrmUserId: 45, callgearEmployeeId: 9003, name: 'Козлова Елена' });
    expect(await retryPersonalManagers(p.db, clock.now())).toBe(1);
    expect((await personalManagerOverview(p.db)).counts).toEqual({ pending: 1, done: 0, skipped: 0, failed: 0 });
    expect(await sync.run()).toMatchObject({ done: 1 });
    expect(callgear.sim.contacts.find((c) => c.id === 7002)).toMatchObject({ personal_manager_id: 9003 });
  });

  test('CallGear’s point limit pauses the run; it resumes where it stopped', async () => {
    for (const phone of ['79260000001', '79260000002', '79260000003']) await notePersonalManager(p.db, { phone, autocrmUserId: 43, clientName: null, contactId: null }, clock.now());
    callgear.sim.setFaults({ limitExceededRequests: 1, limitExceededMethods: ['create.contacts'] });
    const first = await sync.run();
    expect(first.pausedUntil).toBeGreaterThan(clock.now());
    expect(first.done).toBe(0);
    expect(await p.db.personalManagers.where('state').equals('pending').count()).toBe(3);
    expect(await sync.run()).toMatchObject({ done: 0 }); // not due yet: nothing is asked of CallGear
    clock.advance(2);
    expect(await sync.run()).toMatchObject({ done: 3 });
    for (const phone of ['79260000001', '79260000002', '79260000003']) expect(contactWith(phone)).toEqual([expect.objectContaining({ personal_manager_id: 9002, last_name: `Клиент +${phone}` })]);
  });

  test('a rejected contact fails with CallGear’s reason and does not stop the others', async () => {
    await p.db.userMap.put({ autocrmUserId: 44, callgearEmployeeId: 8888, name: 'Удалённый сотрудник' });
    await notePersonalManager(p.db, { phone: '79261230001', autocrmUserId: 44, clientName: null, contactId: null }, clock.now());
    await notePersonalManager(p.db, { phone: '79261230002', autocrmUserId: 43, clientName: null, contactId: null }, clock.now());
    expect(await sync.run()).toMatchObject({ done: 1, failed: 1 });
    expect(await row('+79261230001')).toMatchObject({ state: 'failed' });
    expect(ru((await row('+79261230001'))!.reason!)).toMatch(/personal_manager_id/);
    expect(contactWith('79261230002')).toHaveLength(1);
  });

  test('a 5xx keeps the row pending for a later retry', async () => {
    await notePersonalManager(p.db, { phone: '79261230003', autocrmUserId: 43, clientName: null, contactId: null }, clock.now());
    callgear.sim.setFaults({ error5xxRate: 1 });
    expect(await sync.run()).toMatchObject({ done: 0, failed: 0 });
    expect(await row('+79261230003')).toMatchObject({ state: 'pending', attempts: 1 });
    expect(ru((await row('+79261230003'))!.reason!)).toMatch(/повторится автоматически/);
    callgear.sim.setFaults({ error5xxRate: 0 });
    clock.advance(1);
    expect(await sync.run()).toMatchObject({ done: 1 });
  });

  test('a newer responsible noted while the run works is kept, and applied next', async () => {
    await notePersonalManager(p.db, { phone: '79261230004', autocrmUserId: 43, clientName: null, contactId: null }, clock.now());
    callgear.sim.setFaults({ latencyMs: 150 });
    const running = sync.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await notePersonalManager(p.db, { phone: '79261230004', autocrmUserId: 42, clientName: null, contactId: null }, clock.now());
    await running;
    callgear.sim.setFaults({ latencyMs: 0 });
    expect(await row('+79261230004')).toMatchObject({ state: 'pending', autocrmUserId: 42 });
    await sync.run();
    expect(contactWith('79261230004')).toEqual([expect.objectContaining({ personal_manager_id: 9001 })]);
  });

  test('with the setting off, the pipeline notes nothing', async () => {
    p.config.personalManagers = false;
    callgear.sim.addLead({ visitorPhone: '79035554433' });
    await processAll();
    expect(await p.db.personalManagers.count()).toBe(0);
  });
});
