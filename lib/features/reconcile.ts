import { z } from 'zod/mini';
import { reportSourceOf } from '../pipeline/intake';
import { cursorsOf, inboxItemsSince, reconcile, reconcileSourceOf, takeIn, type ReconcileResult, type TakeInResult } from '../pipeline/reconcile';
import { phrase } from '../phrase';
import { SaidError } from '../said-error';
import { message } from './define';

const NOT_CONNECTED = phrase('call.refused.callgearNotConnected');
const days = z.optional(z.int().check(z.gte(1), z.lte(90)));

/** The "Reconciliation" panel: CallGear's reports against the inbox; the points spent count in today's budget. */
export const reconcileMessages = {
  /** Compares the last `days` days (default 7) of CallGear's reports with the inbox. */
  'reconcile.run': message({
    senders: ['page'],
    payload: { days },
    async handle({ days }, { db, config }): Promise<ReconcileResult> {
      const [callgear, settings] = await Promise.all([config.callgearClient(), config.pipelineConfig()]);
      if (!callgear) throw new SaidError(NOT_CONNECTED);
      // The account's zone as intake keeps it (read at most once a day).
      const intakeSource = reportSourceOf(callgear, db);
      try {
        const source = reconcileSourceOf(callgear, () => intakeSource.timezone());
        return await reconcile({ source, itemsSince: inboxItemsSince(db), readUpTo: cursorsOf(db, settings.intake), zone: settings.dealershipZone }, days);
      } finally {
        await config.addPoints(callgear.pointsUsed);
      }
    },
  }),

  /** Takes gap rows into the inbox (read from the report over the last `days` days, default 90), then processes them. */
  'reconcile.takeIn': message({
    senders: ['page'],
    payload: { kind: z.enum(['call', 'chat', 'lead']), ids: z.array(z.int().check(z.positive())).check(z.minLength(1), z.maxLength(5_000)), days },
    async handle({ kind, ids, days }, { db, config, runner }): Promise<TakeInResult> {
      const callgear = await config.callgearClient();
      if (!callgear) throw new SaidError(NOT_CONNECTED);
      try {
        const result = await takeIn({ source: reportSourceOf(callgear, db), inbox: runner.inbox, db }, kind, ids, days);
        if (result.taken > 0) void runner.run('none');
        return result;
      } finally {
        await config.addPoints(callgear.pointsUsed);
      }
    },
  }),
};
