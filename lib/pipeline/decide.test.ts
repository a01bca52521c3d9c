import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { toCommunication, type Communication } from '../domain/communication';
import type { RuleSet } from '../rules/schema';
import { decide, neededLookups, type HoursSettings } from './decide';
import { mergeRules } from '../rules/merge';
import type { Lookups, Outcome } from './plan';
import { en, ru } from '../../tests/tools/locale-words';

const reasonOf = (outcome: Outcome) => ('reason' in outcome ? outcome.reason : '');

const ZONE = 'Europe/Moscow';
const callRow = (over: Record<string, unknown> = {}) => ({
  id: 501, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false, contact_phone_number: '79123456789',
  scenario_id: 301, source: 'call_tracking', last_answered_employee_id: 9001, total_duration: 196, utm_source: 'yandex', ...over,
});
const call = (over: Record<string, unknown> = {}): Communication => toCommunication('call', callRow(over) as never, ZONE);
const chat = (over: Record<string, unknown> = {}): Communication =>
  toCommunication('chat', { id: 77, date_time: '2026-11-24 10:00:00', status: 'succeed', employee_id: 9001, visitor_phone_number: '79035554433', duration: 540, ...over }, ZONE);

const base: RuleSet = {
  base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: 42, templates: { source: '{{ campaign_name or "Телефония" }}' } },
  clarifying: [
    { id: 'ivr', name: 'Сервис IVR', enabled: true, when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 302 }] }, fields: { entity: 'serviceInquiry', salonId: 3, responsibleId: 45 } },
    { id: 'widget', name: 'Виджет', enabled: true, when: { op: 'and', items: [{ field: 'source', op: 'eq', value: 'sitephone' }] }, fields: { requestTypeId: 4 } },
    { id: 'spam', name: 'Спам', enabled: true, when: { op: 'and', items: [{ field: 'tag_id', op: 'eq', value: 603 }] }, fields: { entity: 'nothing' } },
  ],
};
const weekdays = { zone: ZONE, days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const hoursOff: HoursSettings = { onlyInWorkingHours: false, considerResponsibleHours: false, applyToCalls: false, schedule: weekdays, employeeSchedules: {} };
const hoursOn: HoursSettings = { ...hoursOff, onlyInWorkingHours: true };
const noLookups: Lookups = { takerUserId: 42 };
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const NOON_TUESDAY = at('2026-11-24T12:00');

const run = (comm: Communication, ruleSet: RuleSet = base, lookups: Lookups = noLookups, hours = hoursOff, now = NOON_TUESDAY) =>
  decide({ comm, ruleSet, lookups, hours, now });

describe('entity and responsible', () => {
  test('base rule: an inquiry with the base responsible', () => {
    const plan = run(call());
    expect(plan).toMatchObject({ ruleId: null, outcome: { type: 'create', entity: 'inquiry', responsibleId: 42 }, logCall: true, task: null });
  });

  test('base rule without a responsible: the employee who took it', () => {
    const plan = run(call(), { ...base, base: { ...base.base, responsibleId: null } }, { takerUserId: 43 });
    expect(plan.outcome).toMatchObject({ type: 'create', responsibleId: 43 });
  });

  test('a clarifying rule with a responsible: that one', () => {
    expect(run(call({ scenario_id: 302 })).outcome).toMatchObject({ type: 'create', entity: 'serviceInquiry', responsibleId: 45, fields: { salonId: 3 } });
  });

  test('the exception: a clarifying rule without a responsible uses who took it, never the base responsible', () => {
    const plan = run(call({ source: 'sitephone' }), base, { takerUserId: 43 });
    expect(plan.ruleId).toBe('widget');
    expect(plan.outcome).toMatchObject({ type: 'create', responsibleId: 43, fields: { requestTypeId: 4 } });
  });

  test('no responsible at all is said plainly', () => {
    const plan = run(call({ source: 'sitephone' }), base, { takerUserId: null });
    expect(plan.outcome).toMatchObject({ type: 'create', responsibleId: null });
    expect(plan.explanation).toContainEqual({ key: 'pipeline.explain.responsibleUnknown' });
    expect(plan.explanation.map(ru).join(' ')).toContain('Ответственный не определён');
  });

  test('"nothing" is a valid outcome and is logged as such', () => {
    const plan = run(call({ tags: [{ tag_id: 603, tag_name: 'Спам' }] }));
    expect(plan.outcome).toEqual({ type: 'skip', reason: { key: 'pipeline.reason.ruleNothing' } });
    expect(plan.explanation).toContainEqual({ key: 'pipeline.explain.entityNothing' });
  });
});

describe('primary and repeat contacts', () => {
  const split: RuleSet = { ...base, base: { ...base.base, entity: 'worksheet', repeatEntity: 'inquiry', brandId: 152, modelId: 19585, caseKind: 'retail' } };

  test('the client is not in AutoCRM: the primary choice, with a new client for a worksheet', () => {
    expect(run(call(), split, { client: null, takerUserId: 42 }).outcome).toMatchObject({ type: 'create', entity: 'worksheet', createClient: true });
  });

  test('the client is found: the repeat choice', () => {
    expect(run(call(), split, { client: { id: 1 }, takerUserId: 42 }).outcome).toMatchObject({ type: 'create', entity: 'inquiry', createClient: false });
  });

  test('repeat contacts can be set to nothing', () => {
    const quiet: RuleSet = { ...base, base: { ...base.base, repeatEntity: 'nothing' } };
    expect(run(call(), quiet, { client: { id: 1 }, takerUserId: 42 }).outcome.type).toBe('skip');
    expect(run(call(), quiet, { client: null, takerUserId: 42 }).outcome.type).toBe('create');
  });

  test('which look-ups a rule needs', () => {
    expect(neededLookups(mergeRules(base, {}))).toEqual({ client: false, inquiries: false, worksheets: false });
    expect(neededLookups(mergeRules(split, {}))).toEqual({ client: true, inquiries: false, worksheets: false });
    expect(neededLookups(mergeRules({ ...base, base: { ...base.base, inquiryStatuses: [1, 2], worksheetStates: [1] } }, {}))).toEqual({ client: false, inquiries: true, worksheets: true });
    expect(neededLookups(mergeRules({ ...base, base: { ...base.base, entity: 'nothing', inquiryStatuses: [1] } }, {}))).toEqual({ client: false, inquiries: false, worksheets: false });
  });
});

describe('status filter', () => {
  const filtered: RuleSet = { ...base, base: { ...base.base, inquiryStatuses: [1, 2], worksheetStates: [0, 1] } };

  test('no statuses chosen: always create, even with open inquiries', () => {
    expect(run(call(), base, { takerUserId: 42, inquiries: [{ id: 123, status: 2 }] }).outcome.type).toBe('create');
  });

  test('an open inquiry in a chosen status: skip, naming it, and attach the call to it', () => {
    const plan = run(call(), filtered, { takerUserId: 42, inquiries: [{ id: 124, status: 3 }, { id: 123, status: 2 }], worksheets: [] });
    expect(plan.outcome).toEqual({ type: 'skip', reason: { key: 'pipeline.reason.openInquiry', params: { id: 123, status: { said: { key: 'autocrm.status.Inquiry2' } } } }, attachTo: { entity: 'inquiry', id: 123 } });
    expect(ru(reasonOf(plan.outcome))).toBe('у клиента есть обращение № 123 в статусе «В работе»');
    expect(en(reasonOf(plan.outcome))).toBe('the client has inquiry no. 123 with status "In progress"');
  });

  test('a worksheet in a chosen state: skip, naming it', () => {
    const plan = run(call(), filtered, { takerUserId: 42, inquiries: [], worksheets: [{ id: 501, state: 1, kind: 'retail' }] });
    expect(plan.outcome).toMatchObject({ type: 'skip', reason: { key: 'pipeline.reason.openWorksheet', params: { id: 501 } }, attachTo: { entity: 'worksheet', id: 501 } });
    expect(ru(reasonOf(plan.outcome))).toBe('у клиента есть рабочий лист № 501 в состоянии «В работе»');
  });

  test('inquiries and worksheets only in other statuses: create', () => {
    expect(run(call(), filtered, { takerUserId: 42, inquiries: [{ id: 124, status: 3 }], worksheets: [{ id: 502, state: 2, kind: 'retail' }] }).outcome.type).toBe('create');
  });
});

describe('missed-call and missed-chat tasks', () => {
  const withTask: RuleSet = { ...base, base: { ...base.base, missedTask: { enabled: true, authorId: 1, executorId: 43, hours: 2 } } };

  test('a lost call gets a task: deadline = end + N hours', () => {
    const plan = run(call({ is_lost: true, last_answered_employee_id: null, total_duration: 60 }), withTask);
    expect(plan.task).toMatchObject({ authorId: 1, executorId: 43, deadline: '2026-11-24T12:01:00.000+03:00' });
  });

  test('an answered call gets none; a disabled task gets none', () => {
    expect(run(call(), withTask).task).toBeNull();
    expect(run(call({ is_lost: true }), { ...base, base: { ...base.base, missedTask: { enabled: false } } }).task).toBeNull();
  });

  test('the executor defaults to the responsible', () => {
    const plan = run(call({ is_lost: true, total_duration: 0 }), { ...base, base: { ...base.base, missedTask: { enabled: true, hours: 1 } } });
    expect(plan.task).toMatchObject({ executorId: 42, authorId: 42 });
  });

  test('with working hours on, the deadline counts working time (Friday 17:30 + 2h → Monday 10:30)', () => {
    const lostChat = chat({ status: 'lost', employee_id: null, date_time: '2026-11-27 17:30:00', duration: 0 });
    const plan = run(lostChat, withTask, noLookups, hoursOn, at('2026-11-27T17:31'));
    expect(plan.task?.deadline).toBe('2026-11-30T10:30:00.000+03:00');
  });
});

describe('working hours', () => {
  test('off: created at any time', () => {
    expect(run(chat(), base, noLookups, hoursOff, at('2026-11-28T23:00')).outcome.type).toBe('create');
  });

  test('on: a chat on Saturday night is deferred to Monday 09:00', () => {
    const plan = run(chat(), base, noLookups, hoursOn, at('2026-11-28T23:00'));
    expect(plan.outcome).toMatchObject({ type: 'defer', until: '2026-11-30T09:00:00.000+03:00' });
    expect(reasonOf(plan.outcome)).toEqual({ key: 'pipeline.reason.closedHours', params: { time: { time: '2026-11-30T09:00:00.000+03:00', zone: ZONE } } });
    // The dealership's own zone goes without saying.
    expect(ru(reasonOf(plan.outcome))).toBe('нерабочее время автосалона; создадим 30.11.2026 09:00');
    expect(en(reasonOf(plan.outcome))).toBe('outside working hours; it will be created at 30.11.2026 09:00');
  });

  test('calls follow hours only when that is switched on', () => {
    expect(run(call(), base, noLookups, hoursOn, at('2026-11-28T23:00')).outcome.type).toBe('create');
    expect(run(call(), base, noLookups, { ...hoursOn, applyToCalls: true }, at('2026-11-28T23:00')).outcome.type).toBe('defer');
  });

  test('the responsible’s own schedule decides when "consider the responsible’s hours" is on', () => {
    const hours: HoursSettings = { ...hoursOn, considerResponsibleHours: true, employeeSchedules: { '42': { zone: ZONE, days: [6, 7], from: '10:00', to: '16:00' } } };
    expect(run(chat(), base, noLookups, hours, at('2026-11-28T12:00')).outcome.type).toBe('create'); // Saturday: 42 works
    const plan = run(chat(), base, noLookups, hours, at('2026-11-24T12:00')); // Tuesday: 42 does not
    expect(plan.outcome).toMatchObject({ type: 'defer', until: '2026-11-28T10:00:00.000+03:00' });
    expect(reasonOf(plan.outcome)).toMatchObject({ key: 'pipeline.reason.responsibleOffHours', params: { user: { user: 42 } } });
    expect(ru(reasonOf(plan.outcome))).toBe('нерабочее время ответственного (сотрудник не из списка); создадим 28.11.2026 10:00');
  });

  test('a responsible without a schedule falls back to the integration’s hours', () => {
    const hours: HoursSettings = { ...hoursOn, considerResponsibleHours: true, employeeSchedules: { '45': weekdays } };
    expect(run(chat(), base, noLookups, hours, at('2026-11-28T12:00')).outcome).toMatchObject({ type: 'defer', until: '2026-11-30T09:00:00.000+03:00' });
  });

  test('a night shift across midnight, in another time zone', () => {
    const night: HoursSettings = { ...hoursOn, schedule: { zone: 'Asia/Yekaterinburg', days: [1, 2, 3, 4, 5], from: '20:00', to: '04:00' } };
    expect(run(chat(), base, noLookups, night, at('2026-11-25T00:30')).outcome.type).toBe('create'); // 02:30 in Yekaterinburg, Tuesday's shift
    expect(run(chat(), base, noLookups, night, at('2026-11-25T03:30')).outcome).toMatchObject({ type: 'defer', until: '2026-11-25T20:00:00.000+05:00' });
  });

  test('"nothing" is not deferred: it is decided at once', () => {
    expect(run(chat(), { ...base, base: { ...base.base, entity: 'nothing' } }, noLookups, hoursOn, at('2026-11-28T23:00')).outcome.type).toBe('skip');
  });
});

describe('misconfigured rules stop with a reason', () => {
  test.each([
    [{ ...base.base, salonId: undefined }, 'pipeline.reason.noDealership', 'автосалон'],
    [{ ...base.base, requestTypeId: undefined }, 'pipeline.reason.inquiryFieldsMissing', 'цель обращения'],
    [{ ...base.base, entity: 'worksheet' as const }, 'pipeline.reason.worksheetFieldsMissing', 'марка, модель'],
  ])('%#', (fields, key, words) => {
    const plan = run(call(), { ...base, base: fields });
    expect(plan.outcome).toEqual({ type: 'misconfigured', reason: { key } });
    expect(ru(reasonOf(plan.outcome))).toContain(words);
  });
});
