import { describe, expect, test } from 'vitest';
import type { AutocrmClient } from '../autocrm/client';
import type { AutocrmUser } from '../autocrm/types';
import type { CallGearClient } from '../callgear/client';
import { employeeUpdateBody, type EmployeeChanges } from '../callgear/employee-update';
import type { Employee } from '../callgear/types';
import { openDb } from '../db';
import { UserSync } from './sync';

const ringing = { channels_count: 2, dial_time: 35, status: 'active' };
const employees: Employee[] = [
  { id: 1, last_name: 'Петрова', first_name: 'Анна', email: 'anna@x.ru', phone_numbers: [{ phone_id: 10, phone_number: '79120000042', ...ringing }] },
  { id: 2, last_name: 'Смирнов', first_name: 'Игорь', full_name: 'Смирнов Игорь', email: 'igor@x.ru', phone_numbers: [{ phone_id: 20, phone_number: '79120000099', ...ringing }] },
];
const user = (over: Partial<AutocrmUser>): AutocrmUser => ({ id: 1, person: null, first_name: null, last_name: null, middle_name: null, login: null, email: null, phone: null, status: 1, blocked: 0, ...over }) as AutocrmUser;

function setUp(users: AutocrmUser[]) {
  const sent: Record<string, unknown>[] = [];
  const callgear = {
    employees: async () => employees,
    updateEmployee: async (current: Employee, changes: EmployeeChanges) => void sent.push(employeeUpdateBody(current, changes)),
  } as unknown as CallGearClient;
  const autocrm = { listUsers: async () => users } as unknown as AutocrmClient;
  return { sent, sync: new UserSync(openDb(`sync-${Math.random()}`), autocrm, callgear) };
}

describe('user sync leaves existing numbers’ ring settings unchanged', () => {
  test('a name change and a new mobile send last_name and the numbers as read, plus the new one', async () => {
    const { sent, sync } = setUp([user({ id: 5, email: 'anna@x.ru', last_name: 'Петрова', first_name: 'Анна-Мария', phone: '+7 916 111-22-33' })]);
    const state = await sync.start();
    // What changed is the row's reason from the preview, with the fields by name (rendered as the admin knows them).
    expect(state.rows[0]).toMatchObject({ outcome: 'updated', employeeId: 1, reasons: expect.arrayContaining([{ key: 'syncWhyChanged', params: ['first_name,addPhoneNumber'] }]) });
    expect(state.rows[0]!.reason).toBeUndefined();
    expect(sent).toEqual([{ id: 1, last_name: 'Петрова', first_name: 'Анна-Мария', phone_numbers: [{ phone_id: 10, phone_number: '79120000042', ...ringing }, { phone_number: '79161112233' }] }]);
  });

  test('a mobile held by another employee is not moved: the row says whose it is', async () => {
    const { sent, sync } = setUp([user({ id: 5, email: 'anna@x.ru', last_name: 'Петрова', first_name: 'Анна', phone: '8 912 000-00-99' })]);
    const state = await sync.start();
    expect(sent).toEqual([]);
    expect(state.rows[0]).toMatchObject({ outcome: 'unchanged', reason: { key: 'syncPhoneHeld', params: { phone: '79120000099', employee: '#2 (Смирнов Игорь)' } } });
  });
});
