import type { SettingKey } from '@/lib/settings';
import { t } from '../i18n';
import { managed } from './state';

/** Whether the enterprise policy locked a setting (the background refuses to change it: lib/managed-config.ts). */
export const isLockedSetting = (key: SettingKey): boolean => managed.value?.lockedSettings.includes(key) ?? false;

/** The note shown next to controls the policy locked; they are disabled. */
export function LockedNote({ testId }: { testId: string }) {
  return <p class="cg-muted" data-testid={testId}>{t('lockedSettingsHint')}</p>;
}
