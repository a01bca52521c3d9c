import { DateTime } from 'luxon';
import { z } from 'zod';
import { AutocrmClient } from './autocrm/client';
import { DEFAULT_AUTOCRM_ZONE } from './autocrm/crm';
import { normalizeAutocrmUrl } from './autocrm/url';
import { CallGearClient } from './callgear/client';
import type { Brand } from './callgear/hosts';
import { SessionKeeper, dbSessionStore, sessionSecretId } from './callgear/session-store';
import type { Limits } from './callgear/types';
import { DEFAULT_BUDGET_SHARE, averagePollCost } from './callgear/budget';
import type { AccountRecord, AppDb } from './db';
import type { RuleKind } from './domain/communication';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE, type InstallationSettings, type PipelineConfig } from './pipeline/config';
import type { HoursSettings } from './pipeline/decide';
import { forgetCallGearAccountFacts, type IntakeSettings } from './pipeline/intake';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './pipeline/prune';
import { defaultRules } from './rules/defaults';
import { ruleSetSchema, type RuleSet, type Rules } from './rules/schema';

/** What the options page sends to save an account; the secret is optional on edit (kept when absent). */
export const accountInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('autocrm'),
    id: z.string().optional(),
    name: z.string().trim().min(1).max(100),
    url: z.string().trim().min(1),
    auth: z.enum(['basic', 'bearer']),
    login: z.string().trim().optional(),
    secret: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('callgear'),
    id: z.string().optional(),
    name: z.string().trim().min(1).max(100),
    brand: z.enum(['callgear', 'uis', 'comagic']),
    auth: z.enum(['token', 'login']),
    login: z.string().trim().optional(),
    secret: z.string().min(1).optional(),
    /** Explicit endpoints, for the simulators (tests and the demo). */
    dataApiUrl: z.url().optional(),
    callApiUrl: z.url().optional(),
  }),
]);
export type AccountInput = z.infer<typeof accountInputSchema>;

const scheduleSchema = z.object({ zone: z.string().min(1), days: z.array(z.number().int().min(1).max(7)), from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) });
export const settingsInputSchema = z.object({
  hours: z.object({ onlyInWorkingHours: z.boolean(), considerResponsibleHours: z.boolean(), applyToCalls: z.boolean(), schedule: scheduleSchema, employeeSchedules: z.record(z.string(), scheduleSchema) }).optional(),
  installation: z.object({ role: z.enum(['operator', 'coordinator']), employeeId: z.number().int().nullable(), handoverMinutes: z.number().int().min(0).max(24 * 60), pollIntervalSec: z.number().int().min(30).max(3600), standbyMinutes: z.number().int().min(0).max(120), parallelRequests: z.number().int().min(1).max(12).optional() }).optional(),
  intake: z.object({ horizonDays: z.number().int().min(1).max(90), overlapMinutes: z.number().int().min(1).max(120) }).optional(),
  dealershipZone: z.string().min(1).optional(),
  /** AutoCRM's own time zone, for the times written to it and its `/call` filters (an IANA name). */
  autocrmZone: z.string().min(1).refine((zone) => DateTime.local().setZone(zone).isValid, 'unknown time zone').optional(),
  /** Nightly user sync (primary coordinator only), at HH:mm in the dealership's zone. */
  userSyncNightly: z.object({ enabled: z.boolean(), time: z.string().regex(/^\d{2}:\d{2}$/), includeFired: z.boolean() }).optional(),
  /** The share of CallGear's day limit an idle coordinator's polls may use (0.25 when unset). */
  pointBudgetShare: z.number().min(0.05).max(1).optional(),
  /** Keep CallGear contacts' personal manager equal to the AutoCRM responsible. */
  personalManagers: z.boolean().optional(),
  /** Days finished communications are kept (lib/pipeline/prune.ts: never fewer than re-reads reach). */
  retentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).optional(),
  /** The virtual number click-to-call shows to the client. */
  clickToCallNumber: z.string().regex(/^\d{11,15}$/).optional(),
});
export type SettingsInput = z.infer<typeof settingsInputSchema>;

/** An account as pages see it: everything but the secret. */
export type AccountView = AccountRecord & { hasSecret: boolean };

const LIMITS_KEY = 'callgearLimits';
const IDLE_POLL_COST_KEY = 'idlePollCost';
export interface StoredLimits {
  limits: Limits;
  at: number;
}

const newId = () => `acc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Reads and writes the configuration in IndexedDB: accounts (secrets in their own table, never
 * returned), rules per kind, settings, the user mapping; and builds the API clients from them.
 */
export class ConfigStore {
  /** One keeper per CallGear account for this worker's life: every client of the account shares its sessions. */
  private readonly keepers = new Map<string, SessionKeeper>();

  constructor(
    private readonly db: AppDb,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  private keeper(accountId: string): SessionKeeper {
    let keeper = this.keepers.get(accountId);
    if (!keeper) this.keepers.set(accountId, (keeper = new SessionKeeper(dbSessionStore(this.db, accountId))));
    return keeper;
  }

  /** Sessions of an account whose credentials changed (or that is gone) must not be used again. */
  private async forgetSessions(accountId: string): Promise<void> {
    this.keepers.delete(accountId);
    await this.db.secrets.bulkDelete([sessionSecretId(accountId, 'data'), sessionSecretId(accountId, 'call')]);
  }

  async accounts(): Promise<AccountView[]> {
    const [accounts, secrets] = await Promise.all([this.db.accounts.toArray(), this.db.secrets.toArray()]);
    const withSecret = new Set(secrets.map((s) => s.id));
    return accounts.map((a) => ({ ...a, hasSecret: withSecret.has(a.id) }));
  }

  async saveAccount(input: AccountInput): Promise<AccountView> {
    const id = input.id ?? (await this.db.accounts.where('kind').equals(input.kind).first())?.id ?? newId();
    const settings: Record<string, string> =
      input.kind === 'autocrm'
        ? { url: normalizeAutocrmUrl(input.url).origin, auth: input.auth, ...(input.login ? { login: input.login } : {}) }
        : { brand: input.brand, auth: input.auth, ...(input.login ? { login: input.login } : {}), ...(input.dataApiUrl ? { dataApiUrl: input.dataApiUrl } : {}), ...(input.callApiUrl ? { callApiUrl: input.callApiUrl } : {}) };
    const record: AccountRecord = { id, kind: input.kind, name: input.name, settings };
    await this.db.transaction('rw', this.db.accounts, this.db.secrets, async () => {
      await this.db.accounts.put(record);
      if (input.secret) await this.db.secrets.put({ id, secret: input.secret });
    });
    if (input.kind === 'callgear') {
      await this.forgetSessions(id);
      await forgetCallGearAccountFacts(this.db);
      // Another account has its own limits and costs: an old "day exhausted" must not hold the new one's polls.
      await this.db.settings.bulkDelete([LIMITS_KEY, IDLE_POLL_COST_KEY]);
    }
    return { ...record, hasSecret: Boolean(input.secret) || (await this.db.secrets.get(id)) !== undefined };
  }

  async deleteAccount(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.accounts, this.db.secrets, async () => {
      await this.db.accounts.delete(id);
      await this.db.secrets.delete(id);
    });
    await this.forgetSessions(id);
  }

  private async account(kind: AccountRecord['kind']): Promise<{ account: AccountRecord; secret: string } | null> {
    const account = await this.db.accounts.where('kind').equals(kind).first();
    const secret = account ? (await this.db.secrets.get(account.id))?.secret : undefined;
    return account && secret ? { account, secret } : null;
  }

  async autocrmClient(): Promise<AutocrmClient | null> {
    const found = await this.account('autocrm');
    if (!found) return null;
    const { settings } = found.account;
    const auth = settings.auth === 'basic' ? { kind: 'basic' as const, login: settings.login ?? '', password: found.secret } : { kind: 'bearer' as const, token: found.secret };
    return new AutocrmClient({ url: settings.url ?? '', auth, fetch: this.fetchImpl });
  }

  async callgearClient(): Promise<CallGearClient | null> {
    const found = await this.account('callgear');
    if (!found) return null;
    const { settings } = found.account;
    const auth = settings.auth === 'login' ? { kind: 'login' as const, login: settings.login ?? '', password: found.secret } : { kind: 'token' as const, token: found.secret };
    return new CallGearClient({
      brand: (settings.brand as Brand) ?? 'callgear',
      dataApiUrl: settings.dataApiUrl,
      callApiUrl: settings.callApiUrl,
      auth,
      sessions: this.keeper(found.account.id),
      onLimits: (limits) => void this.saveLimits(limits).catch(() => undefined),
      fetch: this.fetchImpl,
    });
  }

  async rules(): Promise<Rules> {
    const stored = await this.db.rules.toArray();
    const rules = defaultRules();
    for (const record of stored) rules[record.kind] = record.ruleSet;
    return rules;
  }

  async saveRuleSet(kind: RuleKind, ruleSet: RuleSet): Promise<void> {
    await this.db.rules.put({ kind, ruleSet: ruleSetSchema.parse(ruleSet), updatedAt: Date.now() });
  }

  private async setting<T>(key: string, fallback: T): Promise<T> {
    return ((await this.db.settings.get(key))?.value as T | undefined) ?? fallback;
  }

  async saveSettings(input: SettingsInput): Promise<void> {
    const parsed = settingsInputSchema.parse(input);
    await this.db.transaction('rw', this.db.settings, async () => {
      for (const [key, value] of Object.entries(parsed)) if (value !== undefined) await this.db.settings.put({ key, value });
    });
  }

  async pipelineConfig(): Promise<PipelineConfig> {
    return {
      rules: await this.rules(),
      hours: await this.setting<HoursSettings>('hours', DEFAULT_HOURS),
      installation: await this.setting<InstallationSettings>('installation', DEFAULT_INSTALLATION),
      intake: await this.setting<IntakeSettings>('intake', DEFAULT_INTAKE),
      dealershipZone: await this.setting('dealershipZone', 'Europe/Moscow'),
      personalManagers: await this.setting('personalManagers', false),
      autocrmZone: await this.setting('autocrmZone', DEFAULT_AUTOCRM_ZONE),
    };
  }

  retentionDays(): Promise<number> {
    return this.setting('retentionDays', DEFAULT_RETENTION_DAYS);
  }

  userSyncNightly(): Promise<{ enabled: boolean; time: string; includeFired: boolean }> {
    return this.setting('userSyncNightly', { enabled: false, time: '00:00', includeFired: false });
  }

  clickToCallNumber(): Promise<string | null> {
    return this.setting<string | null>('clickToCallNumber', null);
  }

  async userOfEmployee(employeeId: number): Promise<number | null> {
    return (await this.db.userMap.where('callgearEmployeeId').equals(employeeId).first())?.autocrmUserId ?? null;
  }

  /** The account's latest `metadata.limits`, with when they were read (the point budget paces polls by them). */
  async saveLimits(limits: Limits, at = Date.now()): Promise<void> {
    await this.db.settings.put({ key: LIMITS_KEY, value: { limits, at } satisfies StoredLimits });
  }

  async limits(): Promise<StoredLimits | null> {
    return this.setting<StoredLimits | null>(LIMITS_KEY, null);
  }

  pointBudgetShare(): Promise<number> {
    return this.setting('pointBudgetShare', DEFAULT_BUDGET_SHARE);
  }

  /** The running average cost (points) of a poll that found nothing new. */
  idlePollCost(): Promise<number | null> {
    return this.setting<number | null>(IDLE_POLL_COST_KEY, null);
  }

  async noteIdlePoll(points: number): Promise<void> {
    await this.db.settings.put({ key: IDLE_POLL_COST_KEY, value: averagePollCost(await this.idlePollCost(), points) });
  }

  /** Data API points spent today (by this installation), kept per day. */
  async addPoints(points: number, day = new Date().toISOString().slice(0, 10)): Promise<number> {
    const key = `points:${day}`;
    const total = (await this.setting(key, 0)) + points;
    await this.db.settings.put({ key, value: total });
    return total;
  }

  pointsToday(day = new Date().toISOString().slice(0, 10)): Promise<number> {
    return this.setting(`points:${day}`, 0);
  }
}
