import { settingsInputSchema } from '../config-store';
import { refuseLockedSettings } from '../managed-config';
import type { PipelineConfig } from '../pipeline/config';
import { message } from './define';

/** Every setting the options page shows (the rules have their own messages). */
export type SettingsView = Omit<PipelineConfig, 'rules'> & {
  clickToCallNumber?: string;
  userSyncNightly?: { enabled: boolean; time: string; includeFired: boolean };
  pointBudgetShare?: number;
  retentionDays?: number;
};

export const settingsMessages = {
  'settings.get': message({
    senders: ['page'],
    payload: {},
    async handle(_, { config }): Promise<SettingsView> {
      const { rules, ...settings } = await config.pipelineConfig();
      void rules; // read and saved by the rules' own messages
      return {
        ...settings,
        clickToCallNumber: (await config.clickToCallNumber()) ?? undefined,
        userSyncNightly: await config.userSyncNightly(),
        pointBudgetShare: await config.pointBudgetShare(),
        retentionDays: await config.retentionDays(),
      };
    },
  }),

  /** Refused when it would change what a policy locks; alarms follow the saved role and interval. */
  'settings.save': message({
    senders: ['page'],
    payload: { settings: settingsInputSchema },
    async handle({ settings }, { db, config, onSettingsChanged }): Promise<{ saved: true }> {
      await refuseLockedSettings(db, settings);
      await config.saveSettings(settings);
      await onSettingsChanged();
      return { saved: true };
    },
  }),
};
