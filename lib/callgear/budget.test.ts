import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { DEFAULT_HOURS } from '../pipeline/config';
import type { HoursSettings } from '../pipeline/decide';
import { averagePollCost, closedUntil, DEFAULT_BUDGET_SHARE, idlePointsPerDay, nextPollDelay, type PacingInput } from './budget';
import type { Limits } from './types';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Moscow' }).toMillis();
const limits = (over: Partial<Limits> = {}): Limits => ({ day_limit: 1000, day_remaining: 900, day_reset: 3600, minute_limit: 60, minute_remaining: 60, minute_reset: 30, ...over });
const deferAll: HoursSettings = { ...DEFAULT_HOURS, onlyInWorkingHours: true, applyToCalls: true };
const base: PacingInput = { now: at('2026-11-30T12:00'), pollIntervalSec: 60, share: DEFAULT_BUDGET_SHARE, limits: limits(), pointsPerPoll: 2, hours: DEFAULT_HOURS };

describe('poll pacing', () => {
  test('an idle poll costing 2 points under a quarter of 1,000 a day waits 2 × 86,400 / 250 s', () => {
    expect(nextPollDelay(base)).toMatchObject({ reason: 'budget', delayMs: 691_200, dailyBudget: 250 });
  });

  test('a large day limit leaves the configured interval in charge; the interval never goes under 30 s', () => {
    expect(nextPollDelay({ ...base, limits: limits({ day_limit: 100_000 }) })).toMatchObject({ reason: 'interval', delayMs: 60_000 });
    expect(nextPollDelay({ ...base, pollIntervalSec: 5, limits: limits({ day_limit: 10_000_000 }) }).delayMs).toBe(30_000);
  });

  test('without limits read yet, the public 1,000-point day is assumed', () => {
    expect(nextPollDelay({ ...base, limits: null })).toMatchObject({ dayLimit: 1000, delayMs: 691_200 });
  });

  test('a day_reset that cannot be seconds (a timestamp) never holds polling past a day', () => {
    expect(nextPollDelay({ ...base, limits: limits({ day_remaining: 0, day_reset: 1_798_000_000 }), limitsAt: base.now }).delayMs).toBeLessThanOrEqual(24 * 3600_000);
  });

  test('an account with no points left waits for day_reset, counted from when the limits were read', () => {
    const now = base.now;
    expect(nextPollDelay({ ...base, limits: limits({ day_remaining: 0, day_reset: 5 * 3600 }), limitsAt: now - 3600_000 })).toMatchObject({ reason: 'day-exhausted', delayMs: 4 * 3600_000 });
  });

  test('outside working hours with every kind deferred, the next poll is at the opening (at most 6 h away)', () => {
    expect(nextPollDelay({ ...base, hours: deferAll, now: at('2026-11-30T07:00') })).toMatchObject({ reason: 'off-hours', delayMs: 2 * 3600_000 });
    expect(nextPollDelay({ ...base, hours: deferAll, now: at('2026-11-30T20:00') })).toMatchObject({ reason: 'off-hours', delayMs: 6 * 3600_000 });
    expect(nextPollDelay({ ...base, hours: deferAll, now: at('2026-11-30T10:00') }).reason).toBe('budget');
  });

  test('calls not deferred, or a responsible’s schedule open, keep polling at the budget pace', () => {
    expect(closedUntil({ ...deferAll, applyToCalls: false }, at('2026-11-30T20:00'))).toBeNull();
    const late = { zone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '23:00' };
    expect(closedUntil({ ...deferAll, considerResponsibleHours: true, employeeSchedules: { '42': late } }, at('2026-11-30T20:00'))).toBeNull();
    expect(closedUntil({ ...deferAll, considerResponsibleHours: true, employeeSchedules: { '42': late } }, at('2026-11-30T23:30'))).toBe(at('2026-12-01T09:00'));
  });
});

describe('an idle coordinator’s day', () => {
  test('at default settings it stays under a quarter of a 1,000-point day (today’s 60 s poll spent 1,440+)', () => {
    const day = idlePointsPerDay({ ...base, limits: null }, base.now);
    expect(day.points).toBeLessThanOrEqual(250);
    expect(day.points).toBeGreaterThan(200);
  });

  test('deferring everything outside 09–18 on weekdays spends far less', () => {
    const day = idlePointsPerDay({ ...base, hours: deferAll }, at('2026-11-30T00:00'));
    expect(day.points).toBeLessThan(120);
  });

  test('the running cost of an idle poll follows what polls spent', () => {
    expect(averagePollCost(null, 1)).toBe(1);
    expect(averagePollCost(1, 3)).toBeCloseTo(1.4);
    expect(averagePollCost(null, 0)).toBe(2);
  });
});
