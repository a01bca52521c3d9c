import { describe, expect, test } from 'vitest';
import { planCounts, planSync, technicalReason, type PlanEmployee, type PlanUser } from './plan';

const anna: PlanUser = { id: 42, first_name: 'Анна', last_name: 'Петрова', middle_name: 'Викторовна', login: 'petrova', email: 'a@x.ru', phone: '+79120000042', status: 1, blocked: 0 };
const api: PlanUser = { id: 1, first_name: 'Интеграция', last_name: 'API', login: 'integration', email: 'api@x.ru', status: 1, blocked: 0 };
const nameless: PlanUser = { id: 2, login: 'crm-bridge', status: 1, blocked: 0 };
const petrova: PlanEmployee = { id: 9001, last_name: 'Петрова', first_name: 'Анна', patronymic: null, full_name: 'Петрова Анна', email: 'a@x.ru', phone_numbers: [{ phone_number: '79120000042' }] };

describe('technical users', () => {
  test('an account without a person name, or whose login or name says integration/api/robot, is technical', () => {
    expect(technicalReason(nameless)).toEqual({ key: 'syncWhyNoName' });
    expect(technicalReason(api)).toEqual({ key: 'syncWhyTechnical', params: ['integration'] });
    expect(technicalReason({ id: 3, last_name: 'Робот', first_name: 'Обзвона', login: 'dialer' })).toEqual({ key: 'syncWhyTechnical', params: ['робот'] });
    expect(technicalReason(anna)).toBeNull();
  });

  test('a word inside a login is not enough: "apisheva" is a person', () => {
    expect(technicalReason({ id: 4, last_name: 'Аписева', first_name: 'Ольга', login: 'apiseva' })).toBeNull();
  });
});

describe('the sync preview', () => {
  test('says per user: create, update with the fields, keep, excluded, with the reasons', () => {
    const orlov: PlanUser = { id: 45, first_name: 'Дмитрий', last_name: 'Орлов', login: 'orlov', email: 'd@x.ru', status: 1, blocked: 0 };
    const rows = planSync({ users: [api, { ...anna, middle_name: 'Викторовна' }, orlov], employees: [petrova], links: new Map() });
    expect(rows.map((r) => [r.userId, r.action])).toEqual([[1, 'excluded'], [42, 'update'], [45, 'create']]);
    expect(rows[1]).toMatchObject({ employeeId: 9001, employeeName: 'Петрова Анна', matchedBy: 'email', changes: ['patronymic'] });
    expect(rows[1]!.reasons[0]).toEqual({ key: 'syncWhyMatched_email' });
    expect(rows[2]).toMatchObject({ name: 'Орлов Дмитрий', reasons: [{ key: 'syncWhyNoMatch' }] });
    expect(planCounts(rows)).toMatchObject({ create: 1, update: 1, excluded: 1, keep: 0 });
  });

  test('a technical user the admin picked by hand is synced all the same', () => {
    expect(planSync({ users: [api, anna], employees: [], links: new Map(), chosen: [1] })).toMatchObject([{ userId: 1, action: 'create' }]);
  });

  test('fired and blocked users with an employee are disabled; one already off, or with none, is kept', () => {
    const fired: PlanUser = { ...anna, status: 2 };
    expect(planSync({ users: [fired], employees: [petrova], links: new Map() })[0]).toMatchObject({ action: 'disable', employeeId: 9001, reasons: [{ key: 'syncWhyFired' }] });
    expect(planSync({ users: [{ ...anna, blocked: 1 }], employees: [{ ...petrova, status: 'not_at_work' }], links: new Map() })[0]).toMatchObject({ action: 'keep', reasons: [{ key: 'syncWhyBlocked' }, { key: 'syncWhyAlreadyDisabled' }] });
    expect(planSync({ users: [fired], employees: [], links: new Map() })[0]).toMatchObject({ action: 'keep', reasons: [{ key: 'syncWhyFired' }, { key: 'syncWhyNoEmployee' }] });
  });

  test('an employee already up to date is kept; a phone held by another employee is named, not taken', () => {
    const other: PlanEmployee = { id: 9009, last_name: 'Козлов', full_name: 'Козлов Пётр', phone_numbers: [{ phone_number: '79120000042' }] };
    const bare = { ...petrova, phone_numbers: [] };
    const rows = planSync({ users: [{ ...anna, middle_name: null }], employees: [bare, other], links: new Map([[42, 9001]]) });
    expect(rows[0]).toMatchObject({ action: 'keep', matchedBy: 'link', reasons: [{ key: 'syncWhyMatched_link' }, { key: 'syncWhyUpToDate' }, { key: 'syncWhyPhoneHeld', params: ['79120000042', 'Козлов Пётр'] }] });
  });

  test('several candidates are ambiguous and named', () => {
    const one = { ...petrova, full_name: 'Петрова Анна Викторовна' };
    const twin = { ...one, id: 9002, full_name: 'петрова анна викторовна' };
    const rows = planSync({ users: [{ ...anna, email: null, phone: null }], employees: [one, twin], links: new Map() });
    expect(rows[0]).toMatchObject({ action: 'ambiguous', candidates: [9001, 9002], reasons: [{ key: 'syncWhyAmbiguous', params: ['Петрова Анна Викторовна, петрова анна викторовна'] }] });
  });
});
