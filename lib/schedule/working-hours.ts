import { DateTime } from 'luxon';

/**
 * Working hours in a time zone: the same from/to on each chosen day of the week (1 = Monday … 7 =
 * Sunday). `to` earlier than `from` is a shift across midnight; it belongs to the day it starts on.
 */
export interface WeeklySchedule {
  zone: string;
  days: number[];
  from: string; // HH:mm
  to: string; // HH:mm
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The working window that starts on `day` (a date in the schedule's zone), if `day` is a working day. */
function windowOn(schedule: WeeklySchedule, day: DateTime): { start: DateTime; end: DateTime } | null {
  if (!schedule.days.includes(day.weekday)) return null;
  const from = minutesOf(schedule.from);
  const to = minutesOf(schedule.to);
  const start = day.startOf('day').set({ hour: Math.floor(from / 60), minute: from % 60 });
  const endDay = to > from ? day.startOf('day') : day.startOf('day').plus({ days: 1 });
  const end = endDay.set({ hour: Math.floor(to / 60), minute: to % 60 });
  return { start, end };
}

/** Windows around `at`: from the day before (a night shift may still run) through two weeks ahead. */
function* windows(schedule: WeeklySchedule, at: DateTime) {
  const local = at.setZone(schedule.zone);
  for (let offset = -1; offset <= 14; offset++) {
    const window = windowOn(schedule, local.plus({ days: offset }));
    if (window) yield window;
  }
}

export function isOpen(schedule: WeeklySchedule, at: DateTime): boolean {
  for (const { start, end } of windows(schedule, at)) if (at >= start && at < end) return true;
  return false;
}

/** `at` itself when open, else the start of the next working window (in the schedule's zone). */
export function nextOpening(schedule: WeeklySchedule, at: DateTime): DateTime {
  for (const { start, end } of windows(schedule, at)) {
    if (at >= start && at < end) return at.setZone(schedule.zone);
    if (start > at) return start;
  }
  throw new Error('The schedule has no working days');
}

/** The moment `hours` of working time after `start` (counting only inside working windows). */
export function addWorkingHours(schedule: WeeklySchedule, start: DateTime, hours: number): DateTime {
  let remaining = hours * 60;
  let cursor = nextOpening(schedule, start);
  for (let guard = 0; guard < 400; guard++) {
    const window = [...windows(schedule, cursor)].find((w) => cursor >= w.start && cursor < w.end);
    if (!window) {
      cursor = nextOpening(schedule, cursor);
      continue;
    }
    const available = window.end.diff(cursor, 'minutes').minutes;
    if (remaining <= available) return cursor.plus({ minutes: remaining });
    remaining -= available;
    cursor = nextOpening(schedule, window.end);
  }
  throw new Error('Working hours too sparse to fit the duration');
}
