import type { BudgetView } from '@/lib/pipeline/poll-pacing';
import type { PacingReason } from '@/lib/callgear/budget';
import { t, type MessageKey } from '../i18n';

const REASON: Record<PacingReason, MessageKey> = {
  interval: 'pace_interval',
  budget: 'pace_budget',
  'off-hours': 'pace_offHours',
  'day-exhausted': 'pace_dayExhausted',
};

/** CallGear's point budget: used today, an idle day's projection, the day limit and the polling share. */
export function PointBudget({ budget, coordinator }: { budget: BudgetView; coordinator: boolean }) {
  return (
    <div data-testid="point-budget">
      <p>{t('pointBudget', [String(budget.usedToday), String(budget.projectedPerDay), String(budget.dayLimit), String(Math.round(budget.share * 100))])}</p>
      {!budget.dayLimitKnown && <p class="cg-muted">{t('pointBudgetAssumed')}</p>}
      {budget.dayRemaining !== null && <p class="cg-muted">{t('pointBudgetRemaining', String(budget.dayRemaining))}</p>}
      {coordinator && <p class="cg-muted" data-testid="next-poll">{t('pointBudgetPace', [String(Math.max(1, Math.round(budget.nextPollSec / 60))), t(REASON[budget.reason])])}</p>}
    </div>
  );
}
