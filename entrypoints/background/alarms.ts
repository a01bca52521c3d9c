import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { PipelineRunner } from '@/lib/pipeline/runner';
import { SYNC_NIGHTLY_ALARM, SYNC_RESUME_ALARM } from './user-sync';

/** Chrome's alarms: at most every 30 s in a packed extension; shorter delays are rounded up. */
export const POLL_ALARM = 'callgear-poll';
export const DUE_ALARM = 'callgear-due';
const MIN_DELAY_MS = 30_000;

export const wakeups = {
  wakeAt(when: number) {
    void browser.alarms.create(DUE_ALARM, { when: Math.max(when, Date.now() + MIN_DELAY_MS) });
  },
};

/** Coordinators poll on a schedule; operators poll only when their softphone reports a finished communication. */
export async function syncPollAlarm(config: ConfigStore): Promise<void> {
  const { installation } = await config.pipelineConfig();
  if (installation.role !== 'coordinator') {
    await browser.alarms.clear(POLL_ALARM);
    return;
  }
  const periodInMinutes = Math.max(0.5, installation.pollIntervalSec / 60);
  const existing = await browser.alarms.get(POLL_ALARM);
  if (existing?.periodInMinutes !== periodInMinutes) await browser.alarms.create(POLL_ALARM, { periodInMinutes, delayInMinutes: 0.5 });
}

export function onAlarm(runner: PipelineRunner, userSync: { resume: () => Promise<void>; nightly: () => Promise<void> }) {
  return (alarm: { name: string }) => {
    if (alarm.name === POLL_ALARM) void runner.run('changed');
    if (alarm.name === DUE_ALARM) void runner.run('none');
    if (alarm.name === SYNC_RESUME_ALARM) void userSync.resume().catch(() => undefined);
    if (alarm.name === SYNC_NIGHTLY_ALARM) void userSync.nightly().catch(() => undefined);
  };
}
