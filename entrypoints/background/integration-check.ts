import { browser } from 'wxt/browser';
import type { CheckSession } from '@/lib/check-session';
import type { ConfigStore } from '@/lib/config-store';

/** The daily integration check of a coordinator, and the one that follows a change of accounts or rules. */
export const CHECK_DAILY_ALARM = 'integration-check-daily';
export const CHECK_SOON_ALARM = 'integration-check-soon';
const DAY_MINUTES = 24 * 60;
/** Changes come in bursts (an account, then its rules): the check waits until they have settled for a minute. */
const SETTLE_MS = 60_000;

/** A coordinator checks once a day (the alarm already set keeps its time); an operator only when asked or after a change. */
export async function scheduleDailyCheck(config: ConfigStore): Promise<void> {
  const { installation } = await config.pipelineConfig();
  if (installation.role !== 'coordinator') {
    await browser.alarms.clear(CHECK_DAILY_ALARM);
    return;
  }
  if (!(await browser.alarms.get(CHECK_DAILY_ALARM))) {
    await browser.alarms.create(CHECK_DAILY_ALARM, { delayInMinutes: DAY_MINUTES, periodInMinutes: DAY_MINUTES });
  }
}

/** Debounced by the alarm itself: each change sets it again, so only the last change of a burst runs the check. */
export function checkSoon(): void {
  void browser.alarms.create(CHECK_SOON_ALARM, { when: Date.now() + SETTLE_MS }).catch(() => undefined);
}

/** Runs the check from an alarm, when there is an account to check; a failure waits for the next occasion. */
export async function runScheduledCheck(check: CheckSession, config: ConfigStore): Promise<void> {
  if ((await config.accounts()).length === 0) return;
  await check.run().catch(() => undefined);
}
