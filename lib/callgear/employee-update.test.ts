import { describe, expect, test } from 'vitest';
import { CALL_URL, DATA_URL, fakeRpc, type RpcCall } from '../../tests/tools/fake-callgear-rpc';
import { CallGearClient } from './client';
import { EmployeeUpdateError, employeeUpdateBody } from './employee-update';
import type { Employee } from './types';

const anna: Employee = {
  id: 9001,
  first_name: 'Анна',
  last_name: 'Петрова',
  patronymic: null,
  status_id: 1,
  phone_numbers: [
    { phone_id: 11, phone_number: '79120000042', channels_count: 3, dial_time: 25, status: 'active' },
    { phone_id: 12, phone_number: '74955140578...2345', channels_count: 1, dial_time: 90, status: 'inactive' },
  ],
};
const asRead = [
  { phone_id: 11, phone_number: '79120000042', channels_count: 3, dial_time: 25, status: 'active' },
  { phone_id: 12, phone_number: '74955140578...2345', channels_count: 1, dial_time: 90, status: 'inactive' },
];

describe('update.employees bodies: last_name and the numbers as read are always sent', () => {
  test('a first-name change still sends last_name and every number with its ring settings', () => {
    expect(employeeUpdateBody(anna, { first_name: 'Анна-Мария' })).toEqual({ id: 9001, last_name: 'Петрова', first_name: 'Анна-Мария', phone_numbers: asRead });
  });

  test('a new number goes after the existing ones, which keep their settings; a number already there is not repeated', () => {
    expect(employeeUpdateBody(anna, { addPhoneNumber: '79990001122' }).phone_numbers).toEqual([...asRead, { phone_number: '79990001122' }]);
    expect(employeeUpdateBody(anna, { addPhoneNumber: '7 912 000-00-42' }).phone_numbers).toEqual(asRead);
  });

  test('the status goes as status_id, never the deprecated status', () => {
    const body = employeeUpdateBody(anna, { status_id: 5 });
    expect(body).toMatchObject({ status_id: 5, last_name: 'Петрова', phone_numbers: asRead });
    expect(body).not.toHaveProperty('status');
  });

  test('settings the account did not return are not invented', () => {
    const bare: Employee = { id: 1, last_name: 'Иванов', phone_numbers: [{ phone_number: '79160000000' }] };
    expect(employeeUpdateBody(bare, { first_name: 'Иван' }).phone_numbers).toEqual([{ phone_number: '79160000000' }]);
  });

  test('without the numbers as read, or without any last name, or past ten numbers, nothing is sent', () => {
    const refusal = (current: Employee, changes: Parameters<typeof employeeUpdateBody>[1]) => {
      try {
        employeeUpdateBody(current, changes);
      } catch (error) {
        expect(error).toBeInstanceOf(EmployeeUpdateError);
        return (error as EmployeeUpdateError).said;
      }
      return undefined;
    };
    expect(refusal({ id: 1, last_name: 'Иванов' }, { first_name: 'Иван' })).toEqual({ key: 'employeeUpdate.numbersUnread', params: { id: 1 } });
    expect(refusal({ id: 1, last_name: null, phone_numbers: [] }, { first_name: 'Иван' })).toEqual({ key: 'employeeUpdate.lastNameMissing', params: { id: 1 } });
    const ten = Array.from({ length: 10 }, (_, i) => ({ phone_number: `7916000000${i}` }));
    expect(refusal({ id: 1, last_name: 'Иванов', phone_numbers: ten }, { addPhoneNumber: '79170000000' })).toEqual({ key: 'employeeUpdate.tooManyNumbers', params: { id: 1, max: 10 } });
  });
});

describe('“Disable in CallGear”', () => {
  test('reads the employee and the not_at_work status, then sends status_id with last_name and the numbers as read', async () => {
    const rpc = fakeRpc((call: RpcCall) => {
      if (call.method === 'get.employees') return { body: { result: { data: [anna], metadata: { total_items: 1 } } } };
      if (call.method === 'get.statuses') return { body: { result: { data: [{ id: 41, name: 'Не работает', mnemonic: 'not_at_work', is_deleted: false }] } } };
      return { body: { result: { data: { id: 9001 } } } };
    });
    await new CallGearClient({ dataApiUrl: DATA_URL, callApiUrl: CALL_URL, auth: { kind: 'token', token: 'k' }, fetch: rpc.fetch }).disableEmployee(9001);
    expect(rpc.calls.find((c) => c.method === 'get.statuses')?.params.filter).toEqual({ field: 'mnemonic', operator: '=', value: 'not_at_work' });
    const update = rpc.calls.find((c) => c.method === 'update.employees')!.params;
    expect(update).toEqual({ access_token: 'k', id: 9001, last_name: 'Петрова', phone_numbers: asRead, status_id: 41 });
  });
});
