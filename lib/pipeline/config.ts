import type { Rules } from '../rules/schema';
import type { SettingValue } from '../settings/definitions';

/** The settings are declared once, with their defaults, in lib/settings/definitions.ts. */
export { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from '../settings/definitions';
export type { InstallationSettings } from '../settings/definitions';

/** What the pipeline reads at the start of a run: the rules and the settings that steer it. */
export interface PipelineConfig {
  rules: Rules;
  hours: SettingValue<'hours'>;
  installation: SettingValue<'installation'>;
  intake: SettingValue<'intake'>;
  /** The dealership's time zone, for computed template values. */
  dealershipZone: SettingValue<'dealershipZone'>;
  /** Keep CallGear contacts' personal manager equal to the responsible of what the pipeline created. */
  personalManagers?: SettingValue<'personalManagers'>;
  /** The AutoCRM instance's time zone: its datetimes carry no offset (Europe/Moscow when unset). */
  autocrmZone?: SettingValue<'autocrmZone'>;
}
