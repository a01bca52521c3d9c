import { z } from 'zod/mini';
import type { UserMapRecord } from '../db';
import { personalManagerOverview, retryPersonalManagers, type ManagerOverview } from '../users/personal-managers';
import { SYNC_STATE_KEY, type SyncState } from '../users/sync';
import { phrase } from '../phrase';
import { SaidError } from '../said-error';
import { message } from './define';

const syncOptions = { includeFired: z.optional(z.boolean()), subset: z.optional(z.array(z.int()).check(z.maxLength(5_000))) };

/** Users: the AutoCRM ↔ CallGear mapping, the user sync, and personal managers. */
export const usersMessages = {
  'userMap.get': message({ senders: ['page'], payload: {}, handle: (_, { db }): Promise<UserMapRecord[]> => db.userMap.toArray() }),

  /** Replaces the whole mapping in one transaction. */
  'userMap.save': message({
    senders: ['page'],
    payload: { records: z.array(z.object({ autocrmUserId: z.int(), callgearEmployeeId: z.int(), name: z.string().check(z.maxLength(200)) })).check(z.maxLength(5_000)) },
    async handle({ records }, { db, checkSoon }): Promise<{ saved: number }> {
      await db.transaction('rw', db.userMap, async () => {
        await db.userMap.clear();
        await db.userMap.bulkPut(records);
      });
      checkSoon();
      return { saved: records.length };
    },
  }),

  /** "Sync now": the plan is saved before the answer; the run goes on in the worker. */
  'userSync.start': message({ senders: ['page'], payload: syncOptions, handle: ({ includeFired, subset }, { userSync }) => userSync.start({ includeFired, subset }) }),

  /** What a sync would do per user, nothing written. */
  'userSync.preview': message({ senders: ['page'], payload: syncOptions, handle: ({ includeFired, subset }, { userSync }) => userSync.preview({ includeFired, subset }) }),

  'userSync.state': message({
    senders: ['page'],
    payload: {},
    handle: async (_, { db }): Promise<SyncState | null> => ((await db.settings.get(SYNC_STATE_KEY))?.value as SyncState | undefined) ?? null,
  }),

  /** Disables a CallGear employee (the sync's "fired" rows): the admin's click, never automatic. */
  'userSync.disable': message({
    senders: ['page'],
    payload: { employeeId: z.int() },
    async handle({ employeeId }, { config }): Promise<{ disabled: true }> {
      const callgear = await config.callgearClient();
      if (!callgear) throw new SaidError(phrase('call.refused.callgearNotConnected'));
      await callgear.disableEmployee(employeeId);
      return { disabled: true };
    },
  }),

  'personalManagers.overview': message({ senders: ['page'], payload: {}, handle: (_, { db }): Promise<ManagerOverview> => personalManagerOverview(db) }),

  /** Makes failed personal-manager rows due again; the pipeline picks them up at once. */
  'personalManagers.retry': message({
    senders: ['page'],
    payload: {},
    async handle(_, { db, runner }): Promise<{ retried: number }> {
      const retried = await retryPersonalManagers(db);
      if (retried) void runner.run('none');
      return { retried };
    },
  }),
};
