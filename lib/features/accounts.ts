import { z } from 'zod/mini';
import { accountInputSchema, type AccountView } from '../config-store';
import type { CheckResult } from '../connection-check';
import { accountHost, cancelled, checkAccount, explainNetFailure } from '../connection/manual-check';
import { outcomeOfCheck } from '../connection/state';
import { message } from './define';

const service = z.enum(['autocrm', 'callgear']);

/** The two accounts (AutoCRM, CallGear): list, save, delete, and the manual "Check" button. */
export const accountsMessages = {
  'accounts.list': message({ senders: ['page'], payload: {}, handle: (_, { config }): Promise<AccountView[]> => config.accounts() }),

  'accounts.save': message({
    senders: ['page'],
    payload: { account: accountInputSchema },
    async handle({ account }, { config, connections, checkSoon }): Promise<AccountView> {
      const saved = await config.saveAccount(account);
      await connections.forget(account.kind);
      checkSoon();
      return saved;
    },
  }),

  'accounts.delete': message({
    senders: ['page'],
    payload: { id: z.string().check(z.maxLength(100)) },
    async handle({ id }, { config, connections, checkSoon }): Promise<{ deleted: true }> {
      const kind = (await config.accounts()).find((a) => a.id === id)?.kind;
      await config.deleteAccount(id);
      if (kind) await connections.forget(kind);
      checkSoon();
      return { deleted: true };
    },
  }),

  'accounts.check': message({
    senders: ['page'],
    payload: { kind: service },
    async handle({ kind }, { config, connections, netErrors }): Promise<CheckResult> {
      const id = connections.begin(kind);
      const started = Date.now();
      const result = await explainNetFailure(await checkAccount(config, kind), kind, await accountHost(config, kind), netErrors, started);
      const counted = await connections.finish(kind, id, outcomeOfCheck(result, Date.now()));
      return counted ? result : cancelled;
    },
  }),

  'accounts.check.cancel': message({
    senders: ['page'],
    payload: { kind: service },
    handle({ kind }, { connections }): { cancelled: true } {
      connections.cancel(kind);
      return { cancelled: true };
    },
  }),
};
