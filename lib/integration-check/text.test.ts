import { describe, expect, test } from 'vitest';
import { checkReportAsText, maskSensitive } from './text';
import type { CheckReport } from './types';

const REPORT: CheckReport = {
  startedAt: Date.parse('2026-11-30T08:00:00Z'),
  finishedAt: Date.parse('2026-11-30T08:00:04.5Z'),
  pointsUsed: 9,
  items: [
    { id: 'callgear.credentials', group: 'callgear', status: 'green', title: { ru: 'Доступ к CallGear', en: 'CallGear credentials' }, meaning: { ru: 'Ключ принят.', en: 'The key is accepted.' }, action: null },
    {
      id: 'callgear.employees', group: 'callgear', status: 'yellow',
      title: { ru: 'Сотрудники', en: 'Employees' }, meaning: { ru: 'Не сопоставлены: 1.', en: 'Not matched: 1.' },
      action: { ru: 'Сопоставьте.', en: 'Match them.' }, details: ['3/4', 'Смирнов Игорь Олегович'], personal: true,
    },
    {
      id: 'autocrm.phone-forms', group: 'autocrm', status: 'red',
      title: { ru: 'Поиск по телефону', en: 'Phone search' }, meaning: { ru: 'Клиент 8 (912) 345-67-89 не найден.', en: 'Client 8 (912) 345-67-89 not found.' },
      action: { ru: 'Сообщите в поддержку.', en: 'Tell support.' }, details: ['+79161112233 → —', 'ivanov@example.ru'],
    },
    { id: 'installation.softphone', group: 'installation', status: 'skipped', title: { ru: 'Софтфон', en: 'Softphone' }, meaning: { ru: 'Не проверено.', en: 'Not checked.' }, action: null },
  ],
};

describe('checkReportAsText', () => {
  test('lists each group’s items with a status mark, meaning, action and facts, in the chosen language', () => {
    expect(checkReportAsText(REPORT, 'en')).toBe(
      [
        'CallGear ↔ AutoCRM integration check',
        '2026-11-30T08:00:00.000Z · 4.5 s · CallGear points: 9',
        '',
        '== CallGear ==',
        '[OK] CallGear credentials (callgear.credentials)',
        '    The key is accepted.',
        '[!] Employees (callgear.employees)',
        '    Not matched: 1.',
        '    → Match them.',
        '    · names left out: 2',
        '',
        '== AutoCRM ==',
        '[X] Phone search (autocrm.phone-forms)',
        '    Client •••••••••89 not found.',
        '    → Tell support.',
        '    · •••••••••33 → —',
        '    · •••@•••',
        '',
        '== This installation ==',
        '[-] Softphone (installation.softphone)',
        '    Not checked.',
      ].join('\n'),
    );
    const ru = checkReportAsText(REPORT, 'ru');
    expect(ru).toContain('== Этот браузер ==');
    expect(ru).toContain('    → Сопоставьте.');
    expect(ru).toContain('баллов CallGear: 9');
  });

  test('masks phones in any spelling and e-mails, and leaves counts, ids and times alone', () => {
    expect(maskSensitive('+7 (985) 700-00-01, 89123456789, 7 903 555 44 33')).toBe('•••••••••01, •••••••••89, •••••••••33');
    expect(maskSensitive('day: 9990/10000, client #12345, HTTP 401, 120 min')).toBe('day: 9990/10000, client #12345, HTTP 401, 120 min');
    expect(maskSensitive('a.petrova@sever-auto.ru')).toBe('•••@•••');
  });
});

describe('people named in the check', () => {
  test('stay out of the text for support: only how many there were', () => {
    const text = checkReportAsText(REPORT, 'ru');
    expect(text).not.toContain('Смирнов');
    expect(text).toContain('имён не включено: 2');
  });
});
