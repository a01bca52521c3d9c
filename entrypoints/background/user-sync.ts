import { DateTime } from 'luxon';
import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { AppDb } from '@/lib/db';
import { UserSync, type SyncOptions, type SyncState } from '@/lib/users/sync';

export const SYNC_RESUME_ALARM = 'callgear-user-sync-resume';
export const SYNC_NIGHTLY_ALARM = 'callgear-user-sync-nightly';

async function userSync(db: AppDb, config: ConfigStore): Promise<UserSync> {
  const [autocrm, callgear] = await Promise.all([config.autocrmClient(), config.callgearClient()]);
  if (!autocrm || !callgear) throw new Error('Подключите оба аккаунта, чтобы синхронизировать пользователей');
  return new UserSync(db, autocrm, callgear);
}

/** Runs the saved sync to its end; a pause on CallGear's limit wakes it again at the resume time. */
async function runToEnd(sync: UserSync): Promise<SyncState> {
  const state = await sync.run();
  if (state.status === 'paused' && state.resumeAt) await browser.alarms.create(SYNC_RESUME_ALARM, { when: Math.max(state.resumeAt, Date.now() + 30_000) });
  return state;
}

/** "Sync now": the plan is saved before answering, the run goes on in the worker (the page polls it). */
export async function startUserSync(db: AppDb, config: ConfigStore, options: SyncOptions): Promise<SyncState> {
  const sync = await userSync(db, config);
  const state = await sync.prepare(options);
  void runToEnd(sync).catch(() => undefined);
  return state;
}

export async function resumeUserSync(db: AppDb, config: ConfigStore): Promise<void> {
  const sync = await userSync(db, config);
  const state = await sync.state();
  if (state && state.status !== 'done') await runToEnd(sync);
}

/** The nightly sync runs on the primary coordinator only, so two installations never run it at once. */
export async function scheduleNightlySync(config: ConfigStore): Promise<void> {
  const [nightly, settings] = await Promise.all([config.userSyncNightly(), config.pipelineConfig()]);
  const primary = settings.installation.role === 'coordinator' && settings.installation.standbyMinutes === 0;
  if (!nightly.enabled || !primary) {
    await browser.alarms.clear(SYNC_NIGHTLY_ALARM);
    return;
  }
  const [hour, minute] = nightly.time.split(':').map(Number);
  const now = DateTime.now().setZone(settings.dealershipZone);
  let next = now.set({ hour, minute, second: 0, millisecond: 0 });
  if (next <= now) next = next.plus({ days: 1 });
  await browser.alarms.create(SYNC_NIGHTLY_ALARM, { when: next.toMillis() });
}

export async function runNightlySync(db: AppDb, config: ConfigStore): Promise<void> {
  const nightly = await config.userSyncNightly();
  try {
    await startUserSync(db, config, { includeFired: nightly.includeFired });
  } finally {
    await scheduleNightlySync(config);
  }
}
