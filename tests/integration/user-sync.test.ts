import { beforeEach, describe, expect, test } from 'vitest';
import { ru } from '../tools/locale-words';
import { AutocrmClient } from '@/lib/autocrm/client';
import { CallGearClient } from '@/lib/callgear/client';
import { openDb, type AppDb } from '@/lib/db';
import { counts, UserSync, type SyncState } from '@/lib/users/sync';
import { CALLGEAR_KEYS } from '../sim/callgear/server';
import { useSimulators } from '../sim/use-simulators';

const { autocrm, callgear } = useSimulators();
let db: AppDb;
let sync: UserSync;

beforeEach(() => {
  db = openDb(`sync-${Math.random()}`);
  const a = new AutocrmClient({ url: autocrm.server.url(), auth: { kind: 'bearer', token: 'sim-key-integration' } });
  const c = new CallGearClient({ dataApiUrl: `${callgear.server.url()}/v2.0`, callApiUrl: `${callgear.server.url()}/v4.0`, auth: { kind: 'token', token: CALLGEAR_KEYS.permanent } });
  sync = new UserSync(db, a, c);
});

const row = (state: SyncState, userId: number) => state.rows.find((r) => r.userId === userId);
const employee = (id: number | undefined) => callgear.sim.employees.find((e) => e.id === id);

describe('user sync against the simulators', () => {
  test('matches by e-mail, updates what changed, creates the missing, keeps the mapping', async () => {
    const numbersBefore = structuredClone(employee(9003)!.phone_numbers);
    const state = await sync.start();
    expect(state.status).toBe('done');
    expect(row(state, 42)).toMatchObject({ outcome: 'unchanged', employeeId: 9001, matchedBy: 'email' });
    expect(row(state, 44)).toMatchObject({ outcome: 'updated', employeeId: 9003, reasons: expect.arrayContaining([{ key: 'syncWhyChanged', params: ['patronymic'] }]) });
    expect(employee(9003)).toMatchObject({ patronymic: 'Сергеевна' });
    // update.employees replaces the whole array: the numbers go back as read, ring settings included.
    expect(employee(9003)!.phone_numbers).toEqual(numbersBefore);
    expect(row(state, 45)).toMatchObject({ outcome: 'created' });
    expect(employee(row(state, 45)!.employeeId)).toMatchObject({ last_name: 'Орлов', first_name: 'Дмитрий', patronymic: 'Павлович', phone_numbers: [expect.objectContaining({ phone_number: '79120000045' })] });
    // AutoCRM's own API user («API Интеграция») is technical: left out unless the admin ticks it.
    expect(row(state, 1)).toMatchObject({ outcome: 'excluded' });
    expect(counts(state)).toMatchObject({ total: 5, done: 5, created: 1, updated: 1, failed: 0 });
    const mapping = await db.userMap.toArray();
    expect(mapping.map((m) => [m.autocrmUserId, m.callgearEmployeeId])).toEqual(expect.arrayContaining([[42, 9001], [43, 9002], [44, 9003]]));
    const again = await sync.start();
    expect(counts(again)).toMatchObject({ created: 0, updated: 0 }); // never twice; never deleted
    expect(callgear.sim.employees).toHaveLength(5);
  });

  test('matches by phone in another format and by name; an added phone number keeps the others', async () => {
    autocrm.sim.data.users.find((u) => u.id === 43)!.email = 'new-address@sever-auto.ru';
    autocrm.sim.data.users.find((u) => u.id === 44)!.email = '';
    autocrm.sim.data.users.find((u) => u.id === 44)!.phone = '';
    callgear.sim.employees.find((e) => e.id === 9003)!.full_name = 'Козлова Елена Сергеевна';
    const state = await sync.start({ subset: [43, 44] });
    expect(row(state, 43)).toMatchObject({ employeeId: 9002, matchedBy: 'phone' });
    expect(row(state, 44)).toMatchObject({ employeeId: 9003, matchedBy: 'name' });
  });

  test('ambiguous matches are shown for the admin to decide, not guessed', async () => {
    // Two namesakes of user 45 in CallGear.
    callgear.sim.employees.push({ id: 8001, full_name: 'Орлов Дмитрий Павлович', last_name: 'Орлов', phone_numbers: [] }, { id: 8002, full_name: 'Орлов Дмитрий Павлович', last_name: 'Орлов', phone_numbers: [] });
    const state = await sync.start({ subset: [45] });
    expect(state.rows).toEqual([expect.objectContaining({ userId: 45, outcome: 'ambiguous', candidates: [8001, 8002] })]);
    expect(callgear.sim.employees).toHaveLength(6);
  });

  test('fired and blocked users are reported (on request), and can be disabled in CallGear, never deleted', async () => {
    const state = await sync.start({ includeFired: true });
    // Neither has a CallGear employee to disable: they are reported, nothing is created for them.
    expect(row(state, 46)).toMatchObject({ outcome: 'fired' });
    expect(row(state, 47)).toMatchObject({ outcome: 'fired' });
    expect([row(state, 46)?.employeeId, row(state, 47)?.employeeId]).toEqual([undefined, undefined]);
    expect((await sync.start()).rows.some((r) => r.userId === 46)).toBe(false);
    await sync.disable(9002);
    expect(employee(9002)).toMatchObject({ status: 'not_at_work' });
  });

  test('a subset syncs only those users', async () => {
    const state = await sync.start({ subset: [45] });
    expect(state.rows.map((r) => r.userId)).toEqual([45]);
  });

  test('a run stopped by limit_exceeded pauses with a resume time and resumes where it stopped', async () => {
    callgear.sim.setFaults({ limitExceededRequests: 1, limitExceededMethods: ['create.employees'] });
    const paused = await sync.start();
    expect(paused).toMatchObject({ status: 'paused', resumeAt: expect.any(Number), pauseReason: expect.anything() });
    expect(ru(paused.pauseReason!)).toContain('лимит');
    const before = counts(paused);
    expect(before.done).toBeLessThan(before.total);
    const resumed = await sync.run();
    expect(resumed.status).toBe('done');
    expect(counts(resumed)).toMatchObject({ created: 1, failed: 0 });
    expect(callgear.sim.employees).toHaveLength(5);
  });

  test('a run cut off right after creating an employee does not create it again when resumed', async () => {
    const plan = await sync.prepare({ subset: [45] });
    expect(plan.rows).toEqual([expect.objectContaining({ userId: 45, outcome: 'pending', planned: 'create' })]);
    expect(plan.rows[0]?.employeeId).toBeUndefined();
    // The cut-off run's create reached CallGear; its answer and the mapping were never saved.
    callgear.sim.employees.push({ id: 8100, full_name: 'Орлов Дмитрий Павлович', last_name: 'Орлов', first_name: 'Дмитрий', patronymic: 'Павлович', email: 'd.orlov@vostok-service.ru', phone_numbers: [{ phone_number: '79120000045', status: 'active' }] });
    const resumed = await sync.run();
    expect(resumed.rows).toEqual([expect.objectContaining({ userId: 45, employeeId: 8100, outcome: 'unchanged' })]);
    expect(callgear.sim.employees.filter((e) => e.last_name === 'Орлов')).toHaveLength(1);
    await expect(db.userMap.get(45)).resolves.toMatchObject({ callgearEmployeeId: 8100 });
  });

  test('a validation error on one employee does not stop the rest', async () => {
    autocrm.sim.data.users.push({ ...autocrm.sim.data.users.find((u) => u.id === 45)!, id: 48, person: '', first_name: '', last_name: '', middle_name: '', login: 'robot', email: 'robot@sever-auto.ru', phone: '' });
    // A nameless «robot» is technical and left out by default; ticked by hand, it is synced and refused.
    expect((await sync.preview()).find((r) => r.userId === 48)).toMatchObject({ action: 'excluded' });
    const state = await sync.start({ subset: [45, 48] });
    expect(row(state, 48)).toMatchObject({ outcome: 'failed' });
    expect(ru(row(state, 48)!.reason!)).toContain('last_name');
    expect(row(state, 45)).toMatchObject({ outcome: 'created' });
    expect(counts(state)).toMatchObject({ failed: 1, created: 1 });
  });
});
