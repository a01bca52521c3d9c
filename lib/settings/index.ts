export { SETTINGS, settingsInputSchema, DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from './definitions';
export type { SettingKey, SettingValue, SettingsInput, HoursSettings, InstallationSettings, IntakeSettings, UserSyncNightly } from './definitions';
export { SettingsStore } from './store';
