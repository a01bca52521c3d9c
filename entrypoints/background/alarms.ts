import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { PipelineRunner } from '@/lib/pipeline/runner';
import { pollPacing } from '@/lib/pipeline/poll-pacing';
import { SYNC_NIGHTLY_ALARM, SYNC_RESUME_ALARM } from './user-sync';
import { CHECK_DAILY_ALARM, CHECK_SOON_ALARM } from './integration-check';

/** Chrome's alarms: at most every 30 s in a packed extension; shorter delays are rounded up. */
export const POLL_ALARM = 'callgear-poll';
export const DUE_ALARM = 'callgear-due';
const MIN_DELAY_MS = 30_000;

export const wakeups = {
  wakeAt(when: number) {
    void browser.alarms.create(DUE_ALARM, { when: Math.max(when, Date.now() + MIN_DELAY_MS) });
  },
};

/**
 * Coordinators poll at the pace of the point budget (lib/callgear/budget.ts: the configured interval,
 * stretched to keep idle polls under a share of CallGear's day limit, and held back while working hours
 * defer everything); operators poll only when their softphone reports a finished communication. The poll
 * alarm is a one-shot alarm set again after every poll; `replace` moves an alarm already set.
 */
export async function syncPollAlarm(config: ConfigStore, { replace = true } = {}): Promise<void> {
  const { installation } = await config.pipelineConfig();
  if (installation.role !== 'coordinator') {
    await browser.alarms.clear(POLL_ALARM);
    return;
  }
  const when = Date.now() + (await pollPacing(config)).delayMs;
  const existing = await browser.alarms.get(POLL_ALARM);
  // An alarm of the periodic kind (earlier versions) is always replaced.
  if (replace || !existing || existing.periodInMinutes !== undefined || existing.scheduledTime > when) {
    await browser.alarms.create(POLL_ALARM, { when: Math.max(when, Date.now() + MIN_DELAY_MS) });
  }
}

/** A poll: the next one is set before it runs (a worker stopped mid-poll still polls again) and again after it, with what it cost. */
async function pollAndPace(runner: PipelineRunner, config: ConfigStore): Promise<void> {
  await syncPollAlarm(config).catch(() => undefined);
  await runner.run('changed').catch(() => undefined);
  await syncPollAlarm(config).catch(() => undefined);
}

export function onAlarm(runner: PipelineRunner, config: ConfigStore, userSync: { resume: () => Promise<void>; nightly: () => Promise<void> }, integrationCheck: () => Promise<void>) {
  return (alarm: { name: string }) => {
    if (alarm.name === POLL_ALARM) void pollAndPace(runner, config);
    if (alarm.name === DUE_ALARM) void runner.run('none');
    if (alarm.name === SYNC_RESUME_ALARM) void userSync.resume().catch(() => undefined);
    if (alarm.name === SYNC_NIGHTLY_ALARM) void userSync.nightly().catch(() => undefined);
    if (alarm.name === CHECK_DAILY_ALARM || alarm.name === CHECK_SOON_ALARM) void integrationCheck().catch(() => undefined);
  };
}
