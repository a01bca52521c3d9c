import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { addWorkingHours, isOpen, nextOpening, type WeeklySchedule } from './working-hours';

const weekdays: WeeklySchedule = { zone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const nightShift: WeeklySchedule = { zone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '22:00', to: '06:00' };
const ekb: WeeklySchedule = { zone: 'Asia/Yekaterinburg', days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' };

const msk = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Moscow' });
const iso = (dt: DateTime) => dt.setZone('Europe/Moscow').toISO({ suppressMilliseconds: true });

// 2026-11-23 is a Monday; 2026-11-28 a Saturday.
describe('isOpen and nextOpening', () => {
  test.each([
    ['inside hours', weekdays, '2026-11-24T10:00', true, '2026-11-24T10:00:00.000+03:00'],
    ['at opening exactly', weekdays, '2026-11-24T09:00', true, '2026-11-24T09:00:00.000+03:00'],
    ['at closing exactly: closed', weekdays, '2026-11-24T18:00', false, '2026-11-25T09:00:00.000+03:00'],
    ['before opening', weekdays, '2026-11-24T07:30', false, '2026-11-24T09:00:00.000+03:00'],
    ['Friday evening → Monday', weekdays, '2026-11-27T19:00', false, '2026-11-30T09:00:00.000+03:00'],
    ['Saturday → Monday', weekdays, '2026-11-28T12:00', false, '2026-11-30T09:00:00.000+03:00'],
    ['night shift, late Monday', nightShift, '2026-11-23T23:30', true, '2026-11-23T23:30:00.000+03:00'],
    ['night shift, early Tuesday belongs to Monday’s shift', nightShift, '2026-11-24T05:59', true, '2026-11-24T05:59:00.000+03:00'],
    ['night shift, Saturday 03:00 belongs to Friday’s shift', nightShift, '2026-11-28T03:00', true, '2026-11-28T03:00:00.000+03:00'],
    ['night shift, Saturday 23:00 → Monday 22:00', nightShift, '2026-11-28T23:00', false, '2026-11-30T22:00:00.000+03:00'],
    ['night shift, Tuesday noon → Tuesday 22:00', nightShift, '2026-11-24T12:00', false, '2026-11-24T22:00:00.000+03:00'],
  ])('%s', (_, schedule, at, open, next) => {
    expect(isOpen(schedule, msk(at))).toBe(open);
    expect(nextOpening(schedule, msk(at)).toISO()).toBe(DateTime.fromISO(next, { setZone: true }).setZone(schedule.zone).toISO());
  });

  test('hours are in the schedule’s own zone: 08:00 in Moscow is 10:00 in Yekaterinburg', () => {
    expect(isOpen(ekb, msk('2026-11-24T06:30'))).toBe(false); // 08:30 in Yekaterinburg
    expect(isOpen(ekb, msk('2026-11-24T07:00'))).toBe(true); // 09:00 there
    expect(iso(nextOpening(ekb, msk('2026-11-24T05:00')))).toBe('2026-11-24T07:00:00+03:00');
  });

  test('no days chosen: never open, and nextOpening says so', () => {
    const none = { ...weekdays, days: [] };
    expect(isOpen(none, msk('2026-11-24T10:00'))).toBe(false);
    expect(() => nextOpening(none, msk('2026-11-24T10:00'))).toThrow(/no working days/);
  });

  test('across a DST change (Berlin, last Sunday of October)', () => {
    const berlin: WeeklySchedule = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '18:00' };
    const next = nextOpening(berlin, DateTime.fromISO('2026-10-24T20:00', { zone: 'Europe/Berlin' }));
    expect(next.toISO()).toBe('2026-10-25T09:00:00.000+01:00');
  });
});

describe('addWorkingHours (task deadlines counted in working time)', () => {
  test('within one day', () => {
    expect(iso(addWorkingHours(weekdays, msk('2026-11-24T10:00'), 2))).toBe('2026-11-24T12:00:00+03:00');
  });
  test('carries over to the next working day', () => {
    expect(iso(addWorkingHours(weekdays, msk('2026-11-24T17:00'), 2))).toBe('2026-11-25T10:00:00+03:00');
  });
  test('starting outside hours counts from the next opening, across the weekend', () => {
    expect(iso(addWorkingHours(weekdays, msk('2026-11-27T20:00'), 3))).toBe('2026-11-30T12:00:00+03:00');
  });
  test('across midnight in a night shift', () => {
    expect(iso(addWorkingHours(nightShift, msk('2026-11-23T23:00'), 4))).toBe('2026-11-24T03:00:00+03:00');
  });
  test('zero hours is the start itself', () => {
    expect(iso(addWorkingHours(weekdays, msk('2026-11-24T10:00'), 0))).toBe('2026-11-24T10:00:00+03:00');
  });
});
