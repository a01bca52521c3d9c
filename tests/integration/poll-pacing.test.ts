import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConfigStore } from '@/lib/config-store';
import { openDb } from '@/lib/db';
import { budgetView, pollPacing } from '@/lib/pipeline/poll-pacing';
import { POLL_ALARM, syncPollAlarm } from '@/entrypoints/background/alarms';
import { DEFAULT_INSTALLATION } from '@/lib/pipeline/config';

const limits = { day_limit: 1000, day_remaining: 800, day_reset: 7200, minute_limit: 60, minute_remaining: 60, minute_reset: 10 };

describe('the coordinator’s poll alarm follows the point budget', () => {
  let config: ConfigStore;
  beforeEach(async () => {
    fakeBrowser.reset();
    config = new ConfigStore(openDb(`pacing-${Math.random()}`));
    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // the poll alarm is a coordinator's
  });

  test('a one-shot alarm at the paced delay replaces the old periodic one; operators have none', async () => {
    await fakeBrowser.alarms.create(POLL_ALARM, { periodInMinutes: 1 });
    const before = Date.now();
    await syncPollAlarm(config, { replace: false });
    const alarm = await fakeBrowser.alarms.get(POLL_ALARM);
    expect(alarm?.periodInMinutes).toBeUndefined();
    // 2 points a poll (not yet measured) under a quarter of 1,000: 691.2 s.
    expect(alarm!.scheduledTime - before).toBeGreaterThanOrEqual(691_000);
    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'operator' } });
    await syncPollAlarm(config);
    expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeUndefined();
  });

  test('measured idle polls, the share setting and the account’s limits set the pace and the options page’s figures', async () => {
    await config.noteIdlePoll(1);
    await config.saveSettings({ pointBudgetShare: 0.5 });
    await config.saveLimits(limits);
    expect((await pollPacing(config)).delayMs).toBe(172_800); // 1 × 86,400 / 500 s
    const view = await budgetView(config);
    expect(view).toMatchObject({ dayLimit: 1000, dayLimitKnown: true, dayRemaining: 800, share: 0.5, reason: 'budget', nextPollSec: 173 });
    expect(view.projectedPerDay).toBeLessThanOrEqual(500);
    expect(view.projectedPerDay).toBeGreaterThan(450);
  });
});
