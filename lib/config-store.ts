import { z } from 'zod/mini';
import { AutocrmClient } from './autocrm/client';
import { autocrmUrlProblem, normalizeAutocrmUrl } from './autocrm/url';
import { CallGearClient } from './callgear/client';
import { callGearEndpoint, callGearEndpointProblem } from './callgear/endpoints';
import type { Brand } from './callgear/hosts';
import { SessionKeeper, dbSessionStore, sessionSecretId, volatileSessionStore } from './callgear/session-store';
import { checkCredentialInput, identityForRole, type AccountIdentity, type InstallationRole } from './credential-policy';
import { MemoryVolatileSecrets, personalSecretKey, personalSessionKey, type VolatileSecrets } from './volatile-secrets';
import type { Limits } from './callgear/types';
import { averagePollCost } from './callgear/budget';
import type { AccountRecord, AppDb } from './db';
import type { RuleKind } from './domain/communication';
import type { PipelineConfig } from './pipeline/config';
import { forgetCallGearAccountFacts } from './pipeline/intake';
import { SettingsStore, settingsInputSchema, type SettingsInput, type SettingValue } from './settings';
import { IDLE_POLL_COST_KEY, idlePollCost, LIMITS_KEY, pointsKey, pointsOfDay, storedLimits, type StoredLimits } from './settings/records';
import { defaultRules } from './rules/defaults';
import { ruleSetSchema, type RuleSet, type Rules } from './rules/schema';

const accountName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const optionalTrimmed = z.optional(z.string().check(z.trim()));
const optionalSecret = z.optional(z.string().check(z.minLength(1)));

/** What the options page sends to save an account; the secret is optional on edit (kept when absent). */
export const accountInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('autocrm'),
    id: z.optional(z.string()),
    name: accountName,
    url: z.string().check(
      z.trim(),
      z.minLength(1),
      z.superRefine((url, ctx) => {
        const problem = autocrmUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    ),
    auth: z.enum(['basic', 'bearer']),
    login: optionalTrimmed,
    secret: optionalSecret,
  }),
  z.object({
    kind: z.literal('callgear'),
    id: z.optional(z.string()),
    name: accountName,
    brand: z.enum(['callgear', 'uis', 'comagic']),
    auth: z.enum(['token', 'login']),
    login: optionalTrimmed,
    secret: optionalSecret,
    /** Explicit endpoints: the brand's documented host only (lib/callgear/endpoints.ts); loopback only in the sim build. */
    dataApiUrl: optionalTrimmed,
    callApiUrl: optionalTrimmed,
  }),
]).check(
  z.superRefine((input, ctx) => {
    if (input.kind !== 'callgear') return;
    for (const [field, api] of [['dataApiUrl', 'dataApi'], ['callApiUrl', 'callApi']] as const) {
      const url = input[field];
      const problem = url ? callGearEndpointProblem(url, input.brand, api) : null;
      if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
    }
  }),
);
export type AccountInput = z.infer<typeof accountInputSchema>;

/** Settings are declared once, with their defaults, in lib/settings/definitions.ts. */
export { settingsInputSchema, type SettingsInput };
export type { StoredLimits };

/** An account as pages see it: everything but the secret, and whose credentials it holds. */
export type AccountView = AccountRecord & { hasSecret: boolean; identity: AccountIdentity };

/** Accounts saved before roles had credentials of their own hold the integration's. */
export const identityOf = (account: AccountRecord): AccountIdentity => (account.settings.identity === 'personal' ? 'personal' : 'integration');

const newId = () => `acc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Reads and writes the configuration in IndexedDB: accounts (secrets in their own table, never
 * returned), rules per kind, settings, the user mapping; and builds the API clients from them.
 */
export class ConfigStore {
  /** The settings table's one accessor (lib/settings/store.ts). */
  readonly settings: SettingsStore;
  /** One keeper per CallGear account for this worker's life: every client of the account shares its sessions. */
  private readonly keepers = new Map<string, SessionKeeper>();

  constructor(
    private readonly db: AppDb,
    private readonly fetchImpl?: typeof fetch,
    /** An operator's own credentials: memory only (lib/volatile-secrets.ts). */
    private readonly volatile: VolatileSecrets = new MemoryVolatileSecrets(),
  ) {
    this.settings = new SettingsStore(db);
  }

  private keeper(account: AccountRecord): SessionKeeper {
    let keeper = this.keepers.get(account.id);
    const store = identityOf(account) === 'personal' ? volatileSessionStore(this.volatile, account.id) : dbSessionStore(this.db, account.id);
    if (!keeper) this.keepers.set(account.id, (keeper = new SessionKeeper(store)));
    return keeper;
  }

  /** Sessions of an account whose credentials changed (or that is gone) must not be used again. */
  private async forgetSessions(accountId: string): Promise<void> {
    this.keepers.delete(accountId);
    await this.db.secrets.bulkDelete([sessionSecretId(accountId, 'data'), sessionSecretId(accountId, 'call')]);
    await this.volatile.delete([personalSessionKey(accountId, 'data'), personalSessionKey(accountId, 'call')]);
  }

  /** This installation's role; a fresh one is an operator. */
  async role(): Promise<InstallationRole> {
    return (await this.settings.get('installation')).role;
  }

  private async hasSecret(account: AccountRecord): Promise<boolean> {
    return identityOf(account) === 'personal' ? (await this.volatile.get(personalSecretKey(account.id))) !== undefined : (await this.db.secrets.get(account.id)) !== undefined;
  }

  async accounts(): Promise<AccountView[]> {
    const accounts = await this.db.accounts.toArray();
    return Promise.all(accounts.map(async (a) => ({ ...a, identity: identityOf(a), hasSecret: await this.hasSecret(a) })));
  }

  /**
   * Saves an account with the credentials this installation's role may hold: a coordinator's go to
   * IndexedDB, an operator's (their own login and password) to memory only. An operator is refused API keys.
   */
  async saveAccount(input: AccountInput): Promise<AccountView> {
    const role = await this.role();
    checkCredentialInput(role, input);
    const identity = identityForRole(role);
    const id = input.id ?? (await this.db.accounts.where('kind').equals(input.kind).first())?.id ?? newId();
    const connection: Record<string, string> =
      input.kind === 'autocrm'
        ? { url: normalizeAutocrmUrl(input.url).origin, auth: input.auth, ...(input.login ? { login: input.login } : {}) }
        : { brand: input.brand, auth: input.auth, ...(input.login ? { login: input.login } : {}), ...(input.dataApiUrl ? { dataApiUrl: input.dataApiUrl } : {}), ...(input.callApiUrl ? { callApiUrl: input.callApiUrl } : {}) };
    const record: AccountRecord = { id, kind: input.kind, name: input.name, settings: { ...connection, identity } };
    const previous = await this.db.accounts.get(id);
    // A secret kept for other credentials (another login, the other identity) must not outlive them.
    const keepSecret = !input.secret && previous !== undefined && identityOf(previous) === identity && previous.settings.login === record.settings.login;
    await this.db.transaction('rw', this.db.accounts, this.db.secrets, async () => {
      await this.db.accounts.put(record);
      if (identity === 'integration' && input.secret) await this.db.secrets.put({ id, secret: input.secret });
      if (identity === 'personal' || (!keepSecret && !input.secret)) await this.db.secrets.delete(id);
    });
    if (identity === 'personal' && input.secret) await this.volatile.set(personalSecretKey(id), input.secret);
    if (identity === 'integration' || (!keepSecret && !input.secret)) await this.volatile.delete([personalSecretKey(id)]);
    if (input.kind === 'callgear') {
      await this.forgetSessions(id);
      await forgetCallGearAccountFacts(this.db);
      // Another account has its own limits and costs: an old "day exhausted" must not hold the new one's polls.
      await this.settings.forget([LIMITS_KEY, IDLE_POLL_COST_KEY]);
    }
    return { ...record, identity, hasSecret: await this.hasSecret(record) };
  }

  async deleteAccount(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.accounts, this.db.secrets, async () => {
      await this.db.accounts.delete(id);
      await this.db.secrets.delete(id);
    });
    await this.volatile.delete([personalSecretKey(id)]);
    await this.forgetSessions(id);
  }

  /**
   * Makes the stored credentials fit the role: an operator holds no integration credential, so turning a
   * coordinator into an operator removes every integration secret and session key from IndexedDB (the
   * accounts' URLs and logins stay, and the operator signs in as themselves).
   */
  async enforceRole(role?: InstallationRole): Promise<{ removed: number }> {
    if ((role ?? (await this.role())) === 'coordinator') return { removed: 0 };
    const removed = await this.db.secrets.count();
    await this.db.secrets.clear();
    for (const id of [...this.keepers.keys()]) this.keepers.delete(id);
    return { removed };
  }

  private async account(kind: AccountRecord['kind']): Promise<{ account: AccountRecord; secret: string } | null> {
    const account = await this.db.accounts.where('kind').equals(kind).first();
    if (!account) return null;
    let secret: string | undefined;
    if (identityOf(account) === 'personal') secret = await this.volatile.get(personalSecretKey(account.id));
    // An operator never signs in with the integration's credentials, even if some were left behind.
    else if ((await this.role()) === 'coordinator') secret = (await this.db.secrets.get(account.id))?.secret;
    return secret ? { account, secret } : null;
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
    const brand = (settings.brand as Brand) ?? 'callgear';
    return new CallGearClient({
      brand,
      // Checked again here: a record stored before the check (or written around it) never gets the token.
      dataApiUrl: callGearEndpoint(settings.dataApiUrl, brand, 'dataApi'),
      callApiUrl: callGearEndpoint(settings.callApiUrl, brand, 'callApi'),
      auth,
      sessions: this.keeper(found.account),
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

  async saveSettings(input: SettingsInput): Promise<void> {
    const saved = await this.settings.save(input);
    if (saved.installation) await this.enforceRole(saved.installation.role);
  }

  async pipelineConfig(): Promise<PipelineConfig> {
    const [rules, hours, installation, intake, dealershipZone, personalManagers, autocrmZone] = await Promise.all([
      this.rules(),
      this.settings.get('hours'),
      this.settings.get('installation'),
      this.settings.get('intake'),
      this.settings.get('dealershipZone'),
      this.settings.get('personalManagers'),
      this.settings.get('autocrmZone'),
    ]);
    return { rules, hours, installation, intake, dealershipZone, personalManagers, autocrmZone };
  }

  retentionDays(): Promise<number> {
    return this.settings.get('retentionDays');
  }

  userSyncNightly(): Promise<SettingValue<'userSyncNightly'>> {
    return this.settings.get('userSyncNightly');
  }

  clickToCallNumber(): Promise<string | null> {
    return this.settings.get('clickToCallNumber');
  }

  async userOfEmployee(employeeId: number): Promise<number | null> {
    return (await this.db.userMap.where('callgearEmployeeId').equals(employeeId).first())?.autocrmUserId ?? null;
  }

  /** The account's latest `metadata.limits`, with when they were read (the point budget paces polls by them). */
  async saveLimits(limits: Limits, at = Date.now()): Promise<void> {
    await this.settings.write(LIMITS_KEY, storedLimits, { limits, at });
  }

  limits(): Promise<StoredLimits | null> {
    return this.settings.read(LIMITS_KEY, storedLimits);
  }

  pointBudgetShare(): Promise<number> {
    return this.settings.get('pointBudgetShare');
  }

  /** The running average cost (points) of a poll that found nothing new. */
  idlePollCost(): Promise<number | null> {
    return this.settings.read(IDLE_POLL_COST_KEY, idlePollCost);
  }

  async noteIdlePoll(points: number): Promise<void> {
    await this.settings.write(IDLE_POLL_COST_KEY, idlePollCost, averagePollCost(await this.idlePollCost(), points));
  }

  /** Data API points spent today (by this installation), kept per day. */
  async addPoints(points: number, day = new Date().toISOString().slice(0, 10)): Promise<number> {
    const total = (await this.pointsToday(day)) + points;
    await this.settings.write(pointsKey(day), pointsOfDay, total);
    return total;
  }

  pointsToday(day = new Date().toISOString().slice(0, 10)): Promise<number> {
    return this.settings.read(pointsKey(day), pointsOfDay);
  }
}
