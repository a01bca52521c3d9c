import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import type { InboxItem } from '../db';
import { toCommunication } from '../domain/communication';
import { phrase, type Said } from '../phrase';
import type { RuleSet } from '../rules/schema';
import { outcomeSaid } from '../journal/timeline';
import { en, PEOPLE, ru } from '../../tests/tools/locale-words';
import { FOUND_BY_MARKER } from './act';
import { DEFAULT_INSTALLATION } from './config';
import { decide, type HoursSettings } from './decide';
import { ownership } from './ownership';
import type { Lookups, Plan } from './plan';

const ZONE = 'Europe/Moscow';
const CYRILLIC = /[\u0400-\u04FF]/;
/** The data in the texts (the admin's rule name, people's names from the lists): shown as typed in both languages. */
const DATA = () => ['Сервис IVR', ...Object.values(PEOPLE.users), ...Object.values(PEOPLE.employees)];
const withoutData = (text: string) => DATA().reduce((out, data) => out.replaceAll(data, ''), text);
/** English words in a Russian text, except the products' own names. */
const englishIn = (text: string) => (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['AutoCRM', 'CallGear'].includes(w));

const call = (over: Record<string, unknown> = {}) =>
  toCommunication('call', { id: 501, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false, contact_phone_number: '79123456789', scenario_id: 301, last_answered_employee_id: 9001, total_duration: 196, ...over } as never, ZONE);
const RULE_NAME = 'Сервис IVR';
const rules: RuleSet = {
  base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: 43, inquiryStatuses: [2, 77] },
  clarifying: [{ id: 'ivr', name: RULE_NAME, enabled: true, when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 302 }] }, fields: { entity: 'worksheet', responsibleId: null } }],
};
const week = { zone: ZONE, days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const hours = (on: boolean, own = false): HoursSettings => ({ onlyInWorkingHours: on, considerResponsibleHours: own, applyToCalls: true, schedule: week, employeeSchedules: own ? { 43: week } : {} });
const SATURDAY = DateTime.fromISO('2026-11-28T12:00', { zone: ZONE });
const TUESDAY = DateTime.fromISO('2026-11-24T12:00', { zone: ZONE });

/** Plans for the decisions a dealership meets: created, repeat, status-filtered, deferred, misconfigured, nothing. */
function plans(): Plan[] {
  const run = (ruleSet: RuleSet, lookups: Lookups, h = hours(false), now = TUESDAY, comm = call()) => decide({ comm, ruleSet, lookups, hours: h, now });
  return [
    run(rules, { takerUserId: 43, client: null }),
    run(rules, { takerUserId: 43, client: { id: 9 }, inquiries: [{ id: 123, status: 2 }] }),
    run(rules, { takerUserId: 43, client: { id: 9 }, inquiries: [{ id: 124, status: 77 }] }),
    run(rules, { takerUserId: null }, hours(true), SATURDAY),
    run(rules, { takerUserId: null }, hours(true, true), SATURDAY),
    run(rules, { takerUserId: null }, hours(false), TUESDAY, call({ scenario_id: 302 })),
    run({ ...rules, base: { ...rules.base, salonId: undefined } }, { takerUserId: 43 }),
    run({ ...rules, base: { ...rules.base, requestTypeId: undefined } }, { takerUserId: 43 }),
    run({ ...rules, base: { ...rules.base, entity: 'nothing' } }, { takerUserId: 43 }),
  ];
}

const item = (employeeId: number | null) => ({ at: '2026-11-24T10:00:00.000+03:00', createdAt: 0, comm: { employeeId } }) as unknown as InboxItem;
const owners = [
  ownership(item(null), { ...DEFAULT_INSTALLATION, role: 'operator', employeeId: 9001 }, 0),
  ownership(item(9002), { ...DEFAULT_INSTALLATION, role: 'operator', employeeId: 9001 }, 0),
  ownership(item(9002), { ...DEFAULT_INSTALLATION, employeeId: 9001 }, 0),
  ownership(item(null), { ...DEFAULT_INSTALLATION, standbyMinutes: 5 }, 0),
].flatMap((o) => (o.mine ? [] : [o.reason]));

/** Everything these modules say: explanations, rule names, outcomes as the row and the dry run show them, owners' reasons. */
const said: Said[] = [
  ...plans().flatMap((p) => [...p.explanation, p.ruleName, outcomeSaid(p.outcome)]),
  ...owners,
  FOUND_BY_MARKER,
  phrase('pipeline.reason.chatOpen'),
  phrase('pipeline.error.unreadRow'),
];

describe('the pipeline speaks in phrases', () => {
  test('what it produces is keys and data: no sentence of any language, only the rule name the admin typed', () => {
    const texts = JSON.stringify(said).replaceAll(RULE_NAME, '');
    expect(texts).not.toMatch(CYRILLIC);
    expect(said.every((s) => typeof s === 'object')).toBe(true);
    expect(said.length).toBeGreaterThan(30);
  });

  test('the English texts hold no Cyrillic but the rule name as typed', () => {
    const texts = said.map(en);
    expect(texts.filter((t) => CYRILLIC.test(withoutData(t)))).toEqual([]);
    expect(texts).toContain(`Incoming calls: the clarifying rule "${RULE_NAME}" applied.`);
  });

  test('the Russian texts hold no English words but the products’ names', () => {
    expect(said.map(ru).filter((t) => englishIn(withoutData(t)).length > 0)).toEqual([]);
  });

  test('people are named from the lists; the dealership’s zone goes without saying', () => {
    const texts = said.map(ru).join('\n');
    expect(texts).toContain('Ответственный из правила: Смирнов Игорь Олегович.');
    expect(texts).toContain('ждём компьютер оператора Петрова Анна, затем обработает координатор');
    expect(texts).toContain('нерабочее время ответственного (Смирнов Игорь Олегович); создадим 30.11.2026 09:00');
    expect(texts).toContain('у клиента есть обращение № 124 в статусе «статус 77»');
    expect(texts).not.toMatch(/#\d|Europe\/Moscow|incomingCalls|установк/);
  });

  test('a time in another zone than the dealership’s names its zone', () => {
    const reason = phrase('pipeline.reason.closedHours', { time: { time: '2026-11-30T09:00:00.000+05:00', zone: 'Asia/Yekaterinburg' } });
    expect(ru(reason)).toBe('нерабочее время автосалона; создадим 30.11.2026 09:00 (Asia/Yekaterinburg)');
  });
});
