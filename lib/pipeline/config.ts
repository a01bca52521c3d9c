import type { Rules } from '../rules/schema';
import type { HoursSettings } from './decide';
import type { IntakeSettings } from './intake';
import { DEFAULT_INTAKE } from './intake';

/** This browser's place among the dealership's installations (docs/decisions.md, "Several installations"). */
export interface InstallationSettings {
  /** Operators process what their own employee handled; coordinators also process the rest. */
  role: 'operator' | 'coordinator';
  /** This operator's CallGear employee id. */
  employeeId: number | null;
  /** A coordinator takes over another employee's communication after this many minutes untouched. */
  handoverMinutes: number;
  /** Coordinator poll period (seconds, at least 30: Chrome's alarm minimum). */
  pollIntervalSec: number;
  /**
   * A standby coordinator leaves unowned communications to the primary for this many minutes (0 for
   * the primary). Two coordinators of equal standing that poll in the same second could both log the
   * same call; a standby one only picks up what the primary has not done.
   */
  standbyMinutes: number;
  /** Communications processed side by side (each waits on its own AutoCRM request); 6 when unset. */
  parallelRequests?: number;
}

export const DEFAULT_INSTALLATION: InstallationSettings = { role: 'coordinator', employeeId: null, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0, parallelRequests: 6 };

export const DEFAULT_HOURS: HoursSettings = {
  onlyInWorkingHours: false,
  considerResponsibleHours: false,
  applyToCalls: false,
  schedule: { zone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
  employeeSchedules: {},
};

export interface PipelineConfig {
  rules: Rules;
  hours: HoursSettings;
  installation: InstallationSettings;
  intake: IntakeSettings;
  /** The dealership's time zone, for computed template values. */
  dealershipZone: string;
  /** Keep CallGear contacts' personal manager equal to the responsible of what the pipeline created. */
  personalManagers?: boolean;
  /** The AutoCRM instance's time zone: its datetimes carry no offset (Europe/Moscow when unset). */
  autocrmZone?: string;
}

export { DEFAULT_INTAKE };
