import { DEFAULT_POINTS_PER_POLL, idlePointsPerDay, nextPollDelay, type Pacing, type PacingInput, type PacingReason } from '../callgear/budget';
import type { ConfigStore } from '../config-store';

/** What the options page shows of the point budget. */
export interface BudgetView {
  /** Data API points this installation used today. */
  usedToday: number;
  /** Points an idle day of polls costs at the current pace. */
  projectedPerDay: number;
  dayLimit: number;
  /** False while no answer has reported the account's limits (the public 1,000 is assumed). */
  dayLimitKnown: boolean;
  dayRemaining: number | null;
  share: number;
  nextPollSec: number;
  reason: PacingReason;
}

/** The pacing inputs as this installation's settings and the account's latest limits give them. */
export async function pacingInput(config: ConfigStore, now: number): Promise<PacingInput> {
  const [settings, stored, share, cost] = await Promise.all([config.pipelineConfig(), config.limits(), config.pointBudgetShare(), config.idlePollCost()]);
  return {
    now,
    pollIntervalSec: settings.installation.pollIntervalSec,
    share,
    limits: stored?.limits ?? null,
    limitsAt: stored?.at,
    pointsPerPoll: cost ?? DEFAULT_POINTS_PER_POLL,
    hours: settings.hours,
  };
}

export async function pollPacing(config: ConfigStore, now = Date.now()): Promise<Pacing> {
  return nextPollDelay(await pacingInput(config, now));
}

export async function budgetView(config: ConfigStore, now = Date.now()): Promise<BudgetView> {
  const [input, usedToday] = await Promise.all([pacingInput(config, now), config.pointsToday()]);
  const pacing = nextPollDelay(input);
  return {
    usedToday,
    projectedPerDay: Math.round(idlePointsPerDay(input, now).points),
    dayLimit: pacing.dayLimit,
    dayLimitKnown: input.limits !== null,
    dayRemaining: input.limits?.day_remaining ?? null,
    share: input.share,
    nextPollSec: Math.round(pacing.delayMs / 1000),
    reason: pacing.reason,
  };
}
