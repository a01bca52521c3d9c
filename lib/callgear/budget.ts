import { DateTime } from 'luxon';
import { isOpen, nextOpening, type WeeklySchedule } from '../schedule/working-hours';
import type { HoursSettings } from '../pipeline/decide';
import type { Limits } from './types';

/**
 * The point budget of a coordinator's polls. Every successful Data API request costs a point ("All
 * operations: 1") against the account's day and minute limits, which every answer reports in
 * `metadata.limits` (callgear.github.io data_api/index.html, "Limits and restrictions", "Meta
 * parameters"). An idle coordinator spaces its polls so that they use at most a share of the day limit,
 * and does not poll while nothing could be created anyway.
 */

/** The only public figure for a CallGear account's day limit; assumed until an answer says otherwise. */
export const ASSUMED_DAY_LIMIT = 1000;
/** The share of the day limit an idle coordinator may use. */
export const DEFAULT_BUDGET_SHARE = 0.25;
/** What an idle poll costs until one has been measured (the communications report and the calls report). */
export const DEFAULT_POINTS_PER_POLL = 2;
/** Chrome alarms fire at most every 30 s. */
export const MIN_POLL_DELAY_MS = 30_000;
/** Off hours, a poll at least this often all the same (settings, limits and the inbox stay fresh). */
export const OFF_HOURS_MAX_GAP_MS = 6 * 3600_000;
const DAY_MS = 24 * 3600_000;

export interface PacingInput {
  now: number;
  /** The configured poll interval: the pace never goes faster. */
  pollIntervalSec: number;
  /** Share of the day limit for idle polls (0–1). */
  share: number;
  /** The account's latest `metadata.limits` and when they were read. */
  limits: Limits | null;
  limitsAt?: number;
  /** Points an idle poll costs (measured). */
  pointsPerPoll: number;
  hours: HoursSettings;
}

export type PacingReason = 'interval' | 'budget' | 'off-hours' | 'day-exhausted';

export interface Pacing {
  delayMs: number;
  reason: PacingReason;
  dayLimit: number;
  /** Points a day the idle polls may use: share × day limit. */
  dailyBudget: number;
}

/** Whether working hours hold back everything the pipeline would create (calls included). */
export function defersEverything(hours: HoursSettings): boolean {
  return hours.onlyInWorkingHours && hours.applyToCalls;
}

/** The schedules that can let something be created: the integration's, and each responsible's when they count. */
function schedulesOf(hours: HoursSettings): WeeklySchedule[] {
  const own = hours.considerResponsibleHours ? Object.values(hours.employeeSchedules) : [];
  return [hours.schedule, ...own].filter((s) => s.days.length > 0);
}

/** When the next working window opens, or null when one is open now (or none is set). */
export function closedUntil(hours: HoursSettings, now: number): number | null {
  if (!defersEverything(hours)) return null;
  const schedules = schedulesOf(hours);
  if (schedules.length === 0) return null;
  const at = DateTime.fromMillis(now);
  if (schedules.some((s) => isOpen(s, at))) return null;
  return Math.min(...schedules.map((s) => nextOpening(s, at).toMillis()));
}

export function nextPollDelay(input: PacingInput): Pacing {
  const { now, limits, hours } = input;
  const dayLimit = limits?.day_limit && limits.day_limit > 0 ? limits.day_limit : ASSUMED_DAY_LIMIT;
  const share = Math.min(1, Math.max(0.01, input.share));
  const dailyBudget = dayLimit * share;
  const pointsPerPoll = Math.max(1, input.pointsPerPoll);
  const intervalMs = Math.max(MIN_POLL_DELAY_MS, input.pollIntervalSec * 1000);
  const budgetMs = (pointsPerPoll * DAY_MS) / dailyBudget;
  let pacing: Pacing = budgetMs > intervalMs ? { delayMs: budgetMs, reason: 'budget', dayLimit, dailyBudget } : { delayMs: intervalMs, reason: 'interval', dayLimit, dailyBudget };

  // The account has no points left today: nothing can be read before the day resets.
  if (limits && limits.day_remaining < pointsPerPoll && limits.day_reset !== undefined) {
    const resetAt = (input.limitsAt ?? now) + Math.min(limits.day_reset * 1000, DAY_MS); // seconds until the reset, never over a day
    if (resetAt - now > pacing.delayMs) pacing = { ...pacing, delayMs: resetAt - now, reason: 'day-exhausted' };
  }

  const opensAt = closedUntil(hours, now);
  if (opensAt !== null) {
    const wait = Math.min(opensAt - now, OFF_HOURS_MAX_GAP_MS);
    if (wait > pacing.delayMs) pacing = { ...pacing, delayMs: wait, reason: 'off-hours' };
  }
  return { ...pacing, delayMs: Math.max(MIN_POLL_DELAY_MS, Math.ceil(pacing.delayMs)) };
}

/**
 * Points an idle coordinator spends in the 24 hours from `start` (nothing arrives, so every poll costs
 * `pointsPerPoll` and the limits stay as read). The bench prints it; the options page shows it.
 */
export function idlePointsPerDay(input: Omit<PacingInput, 'now'>, start: number): { polls: number; points: number } {
  let polls = 0;
  for (let at = start; at < start + DAY_MS; at += nextPollDelay({ ...input, now: at }).delayMs) polls++;
  return { polls, points: polls * Math.max(1, input.pointsPerPoll) };
}

/** The running average of what an idle poll costs (a poll that read new rows says nothing about idling). */
export function averagePollCost(previous: number | null, points: number): number {
  if (points <= 0) return previous ?? DEFAULT_POINTS_PER_POLL;
  return previous === null ? points : previous * 0.8 + points * 0.2;
}
