import { z } from 'zod/mini';
import { toConfigFile, type ConfigFile } from '../config-file';
import { importConfigFile, type ImportOutcome } from '../config-import';
import { managedState } from '../managed-config';
import type { RuleKind } from '../domain/communication';
import type { Said } from '../phrase';
import { message } from './define';

/** What an enterprise policy set: the configuration and which parts are locked. */
export interface ManagedState {
  present: boolean;
  lockedRules: RuleKind[];
  lockedSettings: string[];
  /** Why the policy was refused; a plain string when stored by an older version. */
  error: Said | null;
}

/** The configuration as a file (export, import) and what an administrator's policy locks. */
export const configMessages = {
  'config.export': message({
    senders: ['page'],
    payload: {},
    async handle(_, { config }): Promise<ConfigFile> {
      return toConfigFile(await config.pipelineConfig(), { pointBudgetShare: await config.pointBudgetShare() });
    },
  }),

  'config.import': message({
    senders: ['page'],
    payload: { text: z.string().check(z.maxLength(2_000_000)) },
    async handle({ text }, services): Promise<ImportOutcome> {
      const outcome = await importConfigFile(services, text);
      if (outcome.ok) {
        await services.onSettingsChanged();
        services.checkSoon();
      }
      return outcome;
    },
  }),

  'config.managed': message({ senders: ['page'], payload: {}, handle: (_, { db }): Promise<ManagedState> => managedState(db) }),
};
