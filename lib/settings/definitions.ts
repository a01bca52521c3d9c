import { IANAZone } from 'luxon';
import { z } from 'zod/mini';
import { DEFAULT_AUTOCRM_ZONE } from '../autocrm/crm';
import { DEFAULT_BUDGET_SHARE } from '../callgear/budget';
import { DEFAULT_ROLE } from '../credential-policy';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../pipeline/prune';
import { defineSetting, type SettingDefinition } from './define';

/** An IANA zone luxon knows ("Europe/Moscow"); anything else would fail every item later as an internal error. */
const ianaZone = z.string().check(z.minLength(1), z.refine((zone) => IANAZone.isValidZone(zone), 'unknown time zone (expected an IANA name such as Europe/Moscow)'));
/** A clock time 00:00–23:59. */
const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:mm from 00:00 to 23:59'));
const scheduleSchema = z.object({
  zone: ianaZone,
  days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1, 'choose at least one working day')),
  from: clockTime,
  to: clockTime,
});

const hoursSchema = z.object({
  onlyInWorkingHours: z.boolean(),
  considerResponsibleHours: z.boolean(),
  /** Calls follow working hours only when this is on (chats and leads always do when hours are on). */
  applyToCalls: z.boolean(),
  schedule: scheduleSchema,
  /** AutoCRM user id → that employee's schedule (AutoCRM's API exposes none, so settings keep them). */
  employeeSchedules: z.record(z.string(), scheduleSchema),
});

/** This browser's place among the dealership's installations (docs/decisions.md, "Several installations"). */
const installationSchema = z.object({
  /** Operators process what their own employee handled; coordinators also process the rest. */
  role: z.enum(['operator', 'coordinator']),
  /** This operator's CallGear employee id. */
  employeeId: z.nullable(z.int()),
  /** A coordinator takes over another employee's communication after this many minutes untouched. */
  handoverMinutes: z.int().check(z.gte(0), z.lte(24 * 60)),
  /** Coordinator poll period (seconds, at least 30: Chrome's alarm minimum). */
  pollIntervalSec: z.int().check(z.gte(30), z.lte(3600)),
  /**
   * A standby coordinator leaves unowned communications to the primary for this many minutes (0 for
   * the primary). Two coordinators of equal standing that poll in the same second could both log the
   * same call; a standby one only picks up what the primary has not done.
   */
  standbyMinutes: z.int().check(z.gte(0), z.lte(120)),
  /** Communications processed side by side (each waits on its own AutoCRM request); 6 when unset. */
  parallelRequests: z.optional(z.int().check(z.gte(1), z.lte(12))),
});

const intakeSchema = z.object({
  /** How far back to catch up the first time, or after a long downtime (days, ≤ 90). */
  horizonDays: z.int().check(z.gte(1), z.lte(90)),
  /** Re-read this much before the cursor, for rows that appear late. */
  overlapMinutes: z.int().check(z.gte(1), z.lte(120)),
});

/** A virtual number as click-to-call shows it to the client. */
const clickToCallNumber = z.string().check(z.regex(/^\d{11,15}$/));

const userSyncNightlySchema = z.object({ enabled: z.boolean(), time: clockTime, includeFired: z.boolean() });

export type HoursSettings = z.infer<typeof hoursSchema>;
export type InstallationSettings = z.infer<typeof installationSchema>;
export type IntakeSettings = z.infer<typeof intakeSchema>;
export type UserSyncNightly = z.infer<typeof userSyncNightlySchema>;

export const DEFAULT_HOURS: HoursSettings = {
  onlyInWorkingHours: false,
  considerResponsibleHours: false,
  applyToCalls: false,
  schedule: { zone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
  employeeSchedules: {},
};
/** A coordinator's installation; a browser that never chose a role reads it with DEFAULT_ROLE instead. */
export const DEFAULT_INSTALLATION: InstallationSettings = { role: 'coordinator', employeeId: null, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0, parallelRequests: 6 };
export const DEFAULT_INTAKE: IntakeSettings = { horizonDays: 7, overlapMinutes: 10 };

/**
 * Every setting the options page saves: its schema and its default, declared once. The saved shape
 * (`settingsInputSchema`), the read-back (lib/settings/store.ts) and their types all come from here.
 */
export const SETTINGS = {
  hours: defineSetting(hoursSchema, DEFAULT_HOURS),
  installation: defineSetting(installationSchema, { ...DEFAULT_INSTALLATION, role: DEFAULT_ROLE }),
  intake: defineSetting(intakeSchema, DEFAULT_INTAKE),
  /** The dealership's time zone, for computed template values. */
  dealershipZone: defineSetting(ianaZone, 'Europe/Moscow'),
  /** AutoCRM's own time zone, for the times written to it and its `/call` filters (its datetimes carry no offset). */
  autocrmZone: defineSetting(ianaZone, DEFAULT_AUTOCRM_ZONE),
  /** Nightly user sync (primary coordinator only), at HH:mm in the dealership's zone. */
  userSyncNightly: defineSetting(userSyncNightlySchema, { enabled: false, time: '00:00', includeFired: false }),
  /** The share of CallGear's day limit an idle coordinator's polls may use. */
  pointBudgetShare: defineSetting(z.number().check(z.gte(0.05), z.lte(1)), DEFAULT_BUDGET_SHARE),
  /** Keep CallGear contacts' personal manager equal to the AutoCRM responsible. */
  personalManagers: defineSetting(z.boolean(), false),
  /** Days finished communications are kept (lib/pipeline/prune.ts: never fewer than re-reads reach). */
  retentionDays: defineSetting(z.int().check(z.gte(MIN_RETENTION_DAYS), z.lte(MAX_RETENTION_DAYS)), DEFAULT_RETENTION_DAYS),
  /** The virtual number click-to-call shows to the client; null until chosen (the first one is used). */
  clickToCallNumber: defineSetting(z.nullable(clickToCallNumber), null),
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
/** The same table seen per key, so that `DEFINITIONS[key]` keeps the key's own type. */
export const DEFINITIONS: { [K in SettingKey]: SettingDefinition<SettingValue<K>> } = SETTINGS;

/** What a save may carry: any of the settings, each whole. */
export const settingsInputSchema = z.object({
  hours: z.optional(SETTINGS.hours.schema),
  installation: z.optional(SETTINGS.installation.schema),
  intake: z.optional(SETTINGS.intake.schema),
  dealershipZone: z.optional(SETTINGS.dealershipZone.schema),
  autocrmZone: z.optional(SETTINGS.autocrmZone.schema),
  userSyncNightly: z.optional(SETTINGS.userSyncNightly.schema),
  pointBudgetShare: z.optional(SETTINGS.pointBudgetShare.schema),
  personalManagers: z.optional(SETTINGS.personalManagers.schema),
  retentionDays: z.optional(SETTINGS.retentionDays.schema),
  /** A save cannot clear the number (null is what an unsaved one reads as). */
  clickToCallNumber: z.optional(clickToCallNumber),
} satisfies { [K in SettingKey]: z.ZodMiniType });
export type SettingsInput = z.infer<typeof settingsInputSchema>;
