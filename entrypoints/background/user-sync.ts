import { DateTime } from 'luxon';
import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { AppDb } from '@/lib/db';
import type { PlannedRow } from '@/lib/users/plan';
import { UserSync, type SyncOptions, type SyncState } from '@/lib/users/sync';

export const SYNC_RESUME_ALARM = 'callgear-user-sync-resume';
export const SYNC_NIGHTLY_ALARM = 'callgear-user-sync-nightly';

async function userSync(db: AppDb, config: ConfigStore): Promise<UserSync> {
  const [autocrm, callgear] = await Promise.all([config.autocrmClient(), config.callgearClient()]);
  if (!autocrm || !callgear) throw new Error('Подключите оба аккаунта, чтобы синхронизировать пользователей');
  return new UserSync(db, autocrm, callgear);
}

/**
 * One user sync at a time in this worker (the "sync now" button, the nightly alarm and the resume alarm
 * may meet). A worker stopped mid-run takes its loop with it; the next worker life resumes the run.
 */
let busy = false;
const BUSY = 'Синхронизация пользователей уже идёт: дождитесь её окончания.';

/** Runs the saved sync to its end; a pause on CallGear's limit wakes it again at the resume time. */
async function runToEnd(sync: UserSync): Promise<void> {
  try {
    const state = await sync.run();
    if (state.status === 'paused' && state.resumeAt) await browser.alarms.create(SYNC_RESUME_ALARM, { when: Math.max(state.resumeAt, Date.now() + 30_000) });
  } finally {
    busy = false;
  }
}

/** "Sync now": the plan is saved before answering, the run goes on in the worker (the page polls it). */
export async function startUserSync(db: AppDb, config: ConfigStore, options: SyncOptions): Promise<SyncState> {
  if (busy) throw new Error(BUSY);
  busy = true;
  let state: SyncState;
  let sync: UserSync;
  try {
    sync = await userSync(db, config);
    state = await sync.prepare(options);
  } catch (error) {
    busy = false;
    throw error;
  }
  void runToEnd(sync).catch(() => undefined);
  return state;
}

/** The preview before "sync now": what would happen per user, nothing written. */
export async function previewUserSync(db: AppDb, config: ConfigStore, options: SyncOptions): Promise<PlannedRow[]> {
  return (await userSync(db, config)).preview(options);
}

/** Resumes a run left unfinished: paused until now, or cut off with a previous worker life. */
export async function resumeUserSync(db: AppDb, config: ConfigStore): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const sync = await userSync(db, config);
    const state = await sync.state();
    const due = state && (state.status === 'running' || (state.status === 'paused' && (state.resumeAt ?? 0) <= Date.now()));
    if (!due) {
      busy = false;
      return;
    }
    await runToEnd(sync);
  } catch (error) {
    busy = false;
    throw error;
  }
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
