import type { ConfigStore } from '@/lib/config-store';
import type { AppDb } from '@/lib/db';
import type { CommKind } from '@/lib/domain/communication';
import { reportSourceOf } from '@/lib/pipeline/intake';
import { cursorsOf, inboxItemsSince, reconcile, reconcileSourceOf, takeIn, type ReconcileResult, type TakeInResult } from '@/lib/pipeline/reconcile';
import type { PipelineRunner } from '@/lib/pipeline/runner';

const NOT_CONNECTED = 'CallGear не подключён: добавьте аккаунт в настройках.';

/** The background side of the "Reconciliation" panel; the points spent count in today's budget. */
export async function reconcileRun({ db, config }: { db: AppDb; config: ConfigStore }, days?: number): Promise<ReconcileResult> {
  const [callgear, settings] = await Promise.all([config.callgearClient(), config.pipelineConfig()]);
  if (!callgear) throw new Error(NOT_CONNECTED);
  // The account's zone as intake keeps it (read at most once a day).
  const intakeSource = reportSourceOf(callgear, db);
  try {
    return await reconcile({ source: reconcileSourceOf(callgear, () => intakeSource.timezone()), itemsSince: inboxItemsSince(db), readUpTo: cursorsOf(db, settings.intake), zone: settings.dealershipZone }, days);
  } finally {
    await config.addPoints(callgear.pointsUsed);
  }
}

/** Takes gap rows in, then lets the pipeline process them at once. */
export async function reconcileTakeIn({ db, config, runner }: { db: AppDb; config: ConfigStore; runner: PipelineRunner }, kind: CommKind, ids: number[], days?: number): Promise<TakeInResult> {
  const callgear = await config.callgearClient();
  if (!callgear) throw new Error(NOT_CONNECTED);
  try {
    const result = await takeIn({ source: reportSourceOf(callgear, db), inbox: runner.inbox, db }, kind, ids, days);
    if (result.taken > 0) void runner.run('none');
    return result;
  } finally {
    await config.addPoints(callgear.pointsUsed);
  }
}
