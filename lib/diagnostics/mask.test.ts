import { describe, expect, test } from 'vitest';
import { maskContactsDeep, maskDeep, maskText, nameWords } from './mask';

describe('maskText', () => {
  test.each([
    ['+7 (916) 111-22-33', '<phone>'],
    ['8 912 345-67-89', '<phone>'],
    ['79161112233', '<phone>'],
    ['9031234567', '<phone>'],
    ['8-926-100-20-30', '<phone>'],
  ])('masks the phone %s in any format', (phone, mask) => {
    expect(maskText(`Клиент с номером ${phone} уже есть`)).toBe(`Клиент с номером ${mask} уже есть`);
  });

  test('keeps short numbers (ids, codes, counts)', () => {
    expect(maskText('Request #123: status 422, 20 items, code -32602')).toBe('Request #123: status 422, 20 items, code -32602');
  });

  test('keeps dates, which are not phones', () => {
    expect(maskText('at 2026-11-30T08:00:00Z, since 2026-11-21 10:15:00, fired 01.10.2026')).toBe('at 2026-11-30T08:00:00Z, since 2026-11-21 10:15:00, fired 01.10.2026');
  });

  test('masks e-mail addresses, tokens and quoted values', () => {
    expect(maskText('User a.petrova@sever-auto.ru not found')).toBe('User <e-mail> not found');
    expect(maskText('access_token cg1a2b3c4d5e6f7a8b9c0d1e2f3 is blocked')).toBe('access_token <token> is blocked');
    expect(maskText('Значение «Иванов Сергей» неверно; "Петрова" too; \'x\'')).toBe('Значение «…» неверно; «…» too; «…»');
  });

  test('masks the words of known names, in any case, as whole words only', () => {
    const names = ['Петрова Анна Викторовна', 'Ли'];
    expect(maskText('Ответственный ПЕТРОВА анна не найден; Петровский проезд', names)).toBe('Ответственный <name> <name> не найден; Петровский проезд');
    expect(nameWords(names)).toEqual(['Викторовна', 'Петрова', 'Анна']);
  });

  test('leaves ordinary technical messages alone', () => {
    expect(maskText('Parameter fields is unexpected: unexpected_parameters')).toBe('Parameter fields is unexpected: unexpected_parameters');
  });
});

describe('maskDeep', () => {
  test('drops the values of personal and secret keys and masks every other string', () => {
    const check = {
      items: [
        { id: 'employees', status: 'yellow', unmapped: [{ name: 'Елена Козлова', employeeId: 9003 }], text: 'Нет сопоставления для 79120000044' },
        { id: 'callgear', firstName: 'Анна', access_token: 'abc', login: 'admin@x.ru', password: 'p' },
      ],
    };
    expect(maskDeep(check)).toEqual({
      items: [
        { id: 'employees', status: 'yellow', unmapped: [{ name: '<masked>', employeeId: 9003 }], text: 'Нет сопоставления для <phone>' },
        { id: 'callgear', firstName: '<masked>', access_token: '<masked>', login: '<masked>', password: '<masked>' },
      ],
    });
  });
});

describe('maskContactsDeep', () => {
  test('masks phones and e-mails in a configuration, keeping templates, quotes, rule names and small ids', () => {
    const rule = {
      id: 'vip', name: 'VIP «Иванов»', salonId: 3, campaignId: 1234567,
      when: { op: 'and', items: [{ field: 'contact_phone_number', op: 'eq', value: 79161112233 }, { field: 'virtual_phone_number', op: 'eq', value: '+7 495 229-00-00' }] },
      templates: { comment: 'Звонок {{ client_phone }} — «{{ scenario_name }}», копия boss@dealer.ru' },
    };
    expect(maskContactsDeep(rule)).toEqual({
      id: 'vip', name: 'VIP «Иванов»', salonId: 3, campaignId: 1234567,
      when: { op: 'and', items: [{ field: 'contact_phone_number', op: 'eq', value: '<phone>' }, { field: 'virtual_phone_number', op: 'eq', value: '<phone>' }] },
      templates: { comment: 'Звонок {{ client_phone }} — «{{ scenario_name }}», копия <e-mail>' },
    });
  });
});
