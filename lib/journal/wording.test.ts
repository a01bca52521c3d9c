import { describe, expect, test } from 'vitest';
import { humanize, type WordingContext } from './wording';

const ctx: WordingContext = {
  userName: (id) => ({ 43: 'Смирнов Игорь Олегович' })[id],
  employeeName: (id) => ({ 9002: 'Петрова Анна' })[id],
  ruleKindName: (kind) => ({ incomingCalls: 'Входящие звонки', outgoingCalls: 'Исходящие звонки', chats: 'Чаты', leads: 'Заявки' })[kind],
  dealershipZone: 'Europe/Moscow',
  phrase: (key, [name]) => (key === 'journalOwnedBy' ? `обрабатывает компьютер оператора ${name}` : `ждём компьютер оператора ${name}, потом координатор`),
  unknownPerson: () => 'сотрудник не найден в списках',
};

describe('the Журнал words reasons as a dealership speaks', () => {
  test('rule kinds by name, responsible users by name', () => {
    expect(humanize('Набор правил: incomingCalls; применено базовое правило.', ctx)).toBe('Набор правил: Входящие звонки; применено базовое правило.');
    expect(humanize('Ответственный из правила: #43.', ctx)).toBe('Ответственный из правила: Смирнов Игорь Олегович.');
    expect(humanize('Ответственный — сотрудник, принявший обращение: #43.', ctx)).toBe('Ответственный — сотрудник, принявший обращение: Смирнов Игорь Олегович.');
  });

  test('no «установка», no employee ids: the operator by name', () => {
    expect(humanize('обрабатывает установка сотрудника #9002', ctx)).toBe('обрабатывает компьютер оператора Петрова Анна');
    expect(humanize('ждём установку сотрудника #9002 до передачи координатору', ctx)).toBe('ждём компьютер оператора Петрова Анна, потом координатор');
    expect(humanize('ждём установку сотрудника #9999 до передачи координатору', ctx)).toBe('ждём компьютер оператора сотрудник не найден в списках, потом координатор');
  });

  test("the dealership's own zone is implied; another zone stays", () => {
    const line = 'нерабочее время ответственного (#43); создадим 01.12.2026 09:00 (Europe/Moscow)';
    expect(humanize(line, ctx)).toBe('нерабочее время ответственного (Смирнов Игорь Олегович); создадим 01.12.2026 09:00');
    expect(humanize('создадим 01.12.2026 09:00 (Asia/Yekaterinburg)', ctx)).toBe('создадим 01.12.2026 09:00 (Asia/Yekaterinburg)');
  });

  test('what is not an id of a person stays as it is', () => {
    expect(humanize('у клиента есть обращение #10004, статус «В работе»', ctx)).toBe('у клиента есть обращение #10004, статус «В работе»');
  });
});
