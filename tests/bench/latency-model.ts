// "Call ended → entity" with polling alone: the CallGear Softphone publishes no documented events, so a
// dealership without the simulated softphone hook learns of a call at the coordinator's next poll. The
// poll gap comes from lib's pacing (lib/callgear/budget.ts) at default settings during working hours; a
// call ends at a uniformly random moment of a gap; the processing after the poll is the measured one.
import { DEFAULT_BUDGET_SHARE, DEFAULT_POINTS_PER_POLL, nextPollDelay } from '@/lib/callgear/budget';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION } from '@/lib/pipeline/config';
import type { Limits } from '@/lib/callgear/types';

const LIMITS = (day: number): Limits => ({ day_limit: day, day_remaining: day, day_reset: 86_400, minute_limit: 60, minute_remaining: 60, minute_reset: 60 });

/** A weekday noon in Moscow: inside the default working hours, so the gap is the interval or the budget's. */
const WORKDAY_NOON = Date.parse('2026-12-02T09:00:00Z');

/** The gap between idle polls; `dayLimit` as an account's answers would report it (else the assumed 1,000). */
export function pollGapMs(options: { pollIntervalSec?: number; share?: number; pointsPerPoll?: number; dayLimit?: number } = {}): { gapMs: number; reason: string } {
  const pacing = nextPollDelay({
    now: WORKDAY_NOON,
    pollIntervalSec: options.pollIntervalSec ?? DEFAULT_INSTALLATION.pollIntervalSec,
    share: options.share ?? DEFAULT_BUDGET_SHARE,
    limits: options.dayLimit ? LIMITS(options.dayLimit) : null,
    pointsPerPoll: options.pointsPerPoll ?? DEFAULT_POINTS_PER_POLL,
    hours: DEFAULT_HOURS,
  });
  return { gapMs: pacing.delayMs, reason: pacing.reason };
}

/**
 * Percentiles of (wait for the next poll) + (processing), the wait uniform over the gap and the
 * processing drawn from the measured samples: the exact distribution of that sum, by enumeration.
 */
export function pollingLatency(gapMs: number, processingMs: number[], percentiles: number[]): number[] {
  const steps = 200;
  const sums: number[] = [];
  for (let i = 0; i < steps; i++) for (const p of processingMs) sums.push(((i + 0.5) / steps) * gapMs + p);
  sums.sort((a, b) => a - b);
  return percentiles.map((q) => sums[Math.min(sums.length - 1, Math.floor((q / 100) * sums.length))]!);
}
