import { describe, expect, test } from 'vitest';
import { matchUsers, type EmployeeFacts, type UserFacts } from './match';

const employees: EmployeeFacts[] = [
  { id: 1, full_name: 'Петрова Анна Викторовна', email: 'A.Petrova@sever-auto.ru', phone_numbers: [{ phone_number: '79120000042' }] },
  { id: 2, full_name: 'Смирнов Игорь', email: null, phone_numbers: [{ phone_number: '79120000043' }] },
  { id: 3, full_name: 'Козлова Елена Сергеевна', email: null, phone_numbers: [] },
  { id: 4, full_name: 'Фёдоров Павел', email: null, phone_numbers: [] },
  { id: 5, full_name: 'Федоров Павел', email: null, phone_numbers: [] },
];

describe('matchUsers', () => {
  test.each<[string, UserFacts, ReturnType<typeof matchUsers>[number]]>([
    ['by e-mail, any case', { id: 42, email: 'a.petrova@SEVER-auto.ru' }, { userId: 42, employeeId: 1, by: 'email' }],
    ['by phone typed with 8 and brackets', { id: 43, phone: '8 (912) 000-00-43' }, { userId: 43, employeeId: 2, by: 'phone' }],
    ['by phone in the work-phone field, +7 form', { id: 43, work_phone: '+7 912 000 00 43' }, { userId: 43, employeeId: 2, by: 'phone' }],
    ['by full name, ё = е and spaces ignored', { id: 44, person: ' Козлова  Елена Сергеевна ' }, { userId: 44, employeeId: 3, by: 'name' }],
    ['by name from parts', { id: 44, last_name: 'Козлова', first_name: 'Елена', middle_name: 'Сергеевна' }, { userId: 44, employeeId: 3, by: 'name' }],
    ['ambiguous: two employees with the same name', { id: 46, person: 'Федоров Павел' }, { userId: 46, candidates: [4, 5], by: 'name' }],
    ['nobody', { id: 45, person: 'Орлов Дмитрий', phone: '+79120000045' }, { userId: 45, none: true }],
  ])('%s', (_, user, expected) => {
    expect(matchUsers([user], employees, new Map())).toEqual([expected]);
  });

  test('an existing link wins over everything; a linked employee is not offered to someone else', () => {
    const results = matchUsers([{ id: 42, email: 'a.petrova@sever-auto.ru' }, { id: 99, email: 'a.petrova@sever-auto.ru' }], employees, new Map([[42, 3]]));
    expect(results).toEqual([
      { userId: 42, employeeId: 3, by: 'link' },
      { userId: 99, employeeId: 1, by: 'email' },
    ]);
  });

  test('a link to an employee that no longer exists is ignored', () => {
    expect(matchUsers([{ id: 42, email: 'a.petrova@sever-auto.ru' }], employees, new Map([[42, 777]]))).toEqual([{ userId: 42, employeeId: 1, by: 'email' }]);
  });
});
