import { describe, expect, test } from 'vitest';
import { ConfigStore } from './config-store';
import { checkCredentialInput, CredentialPolicyError, secretLookingPaths } from './credential-policy';
import { saidOfError } from './said-error';
import { openDb, type AppDb } from './db';
import { DEFAULT_INSTALLATION } from './pipeline/config';
import { MemoryVolatileSecrets } from './volatile-secrets';

const INTEGRATION = { autocrmKey: 'sim-key-integration', autocrmPassword: 'integration-pass', callgearKey: 'cg-sim-permanent-key', callgearPassword: 'callgear-pass' };
const OPERATOR = { autocrmPassword: 'petrova-pass', callgearPassword: 'petrova-cg-pass' };
const CG_URLS = { dataApiUrl: 'https://dataapi.callgear.com/v2.0', callApiUrl: 'https://callapi.callgear.com/v4.0' };

/** Every row of every table, as one string: what DevTools or a copy of the profile would show. */
async function wholeDb(db: AppDb): Promise<string> {
  const rows = await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const));
  return JSON.stringify(rows);
}

const role = (config: ConfigStore, r: 'operator' | 'coordinator') => config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: r } });

function setup() {
  const db = openDb(`creds-${Math.random()}`);
  const volatile = new MemoryVolatileSecrets();
  return { db, volatile, config: new ConfigStore(db, undefined, volatile) };
}

describe('who may hold which credential', () => {
  test('an operator is refused API keys and must give a login of their own', () => {
    expect(() => checkCredentialInput('operator', { kind: 'autocrm', auth: 'bearer' })).toThrow(CredentialPolicyError);
    const refusal = (input: Parameters<typeof checkCredentialInput>[1]) => {
      try {
        checkCredentialInput('operator', input);
      } catch (error) {
        return saidOfError(error);
      }
      return undefined;
    };
    expect(refusal({ kind: 'autocrm', auth: 'bearer' })).toEqual({ key: 'credential.operator.autocrmKey' });
    expect(refusal({ kind: 'callgear', auth: 'token' })).toEqual({ key: 'credential.operator.callgearKey' });
    expect(refusal({ kind: 'callgear', auth: 'login', login: ' ' })).toEqual({ key: 'credential.operator.loginMissing' });
    expect(() => checkCredentialInput('operator', { kind: 'autocrm', auth: 'basic', login: 'petrova' })).not.toThrow();
    expect(() => checkCredentialInput('coordinator', { kind: 'callgear', auth: 'token' })).not.toThrow();
  });

  test('a fresh installation is an operator: the integration key is refused and nothing is stored', async () => {
    const { db, config } = setup();
    await expect(config.role()).resolves.toBe('operator');
    await expect(config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'bearer', secret: INTEGRATION.autocrmKey })).rejects.toThrow(CredentialPolicyError);
    await expect(config.saveAccount({ kind: 'callgear', name: 'C', brand: 'callgear', auth: 'token', secret: INTEGRATION.callgearKey, ...CG_URLS })).rejects.toThrow(CredentialPolicyError);
    expect(await db.accounts.count()).toBe(0);
    expect(await wholeDb(db)).not.toMatch(/sim-key-integration|cg-sim-permanent-key/);
  });

  test('an operator signs in as themselves: the password lives in memory only, never in IndexedDB', async () => {
    const { db, config, volatile } = setup();
    const autocrm = await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'petrova', secret: OPERATOR.autocrmPassword });
    const callgear = await config.saveAccount({ kind: 'callgear', name: 'C', brand: 'callgear', auth: 'login', login: 'a.petrova@sever-auto.ru', secret: OPERATOR.callgearPassword, ...CG_URLS });
    expect(autocrm).toMatchObject({ identity: 'personal', hasSecret: true, settings: { login: 'petrova' } });
    expect(callgear).toMatchObject({ identity: 'personal', hasSecret: true });
    expect(await db.secrets.count()).toBe(0);
    expect(await wholeDb(db)).not.toMatch(/petrova-pass|petrova-cg-pass/);
    expect(await volatile.keys()).toHaveLength(2);
    expect(await config.autocrmClient()).not.toBeNull();
    expect(await config.callgearClient()).not.toBeNull();
  });

  test('after a browser restart (memory gone) an operator is asked again; the account stays', async () => {
    const { db, config } = setup();
    await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'petrova', secret: OPERATOR.autocrmPassword });
    const restarted = new ConfigStore(db, undefined, new MemoryVolatileSecrets());
    expect(await restarted.autocrmClient()).toBeNull();
    expect(await restarted.accounts()).toMatchObject([{ kind: 'autocrm', identity: 'personal', hasSecret: false }]);
  });

  test('a coordinator holds the integration credentials (the control), and loses them on becoming an operator', async () => {
    const { db, config } = setup();
    await role(config, 'coordinator');
    await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'bearer', secret: INTEGRATION.autocrmKey });
    await config.saveAccount({ kind: 'callgear', name: 'C', brand: 'callgear', auth: 'token', secret: INTEGRATION.callgearKey, ...CG_URLS });
    expect(await wholeDb(db)).toContain(INTEGRATION.autocrmKey);
    expect(await wholeDb(db)).toContain(INTEGRATION.callgearKey);
    expect((await config.accounts()).every((a) => a.identity === 'integration' && a.hasSecret)).toBe(true);

    await role(config, 'operator');
    expect(await wholeDb(db)).not.toMatch(/sim-key-integration|cg-sim-permanent-key/);
    expect(await config.autocrmClient()).toBeNull();
    expect((await config.accounts()).map((a) => a.hasSecret)).toEqual([false, false]);
  });

  test('an edit without a password keeps it; another login drops the old one', async () => {
    const { config } = setup();
    const saved = await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'petrova', secret: OPERATOR.autocrmPassword });
    expect(await config.saveAccount({ kind: 'autocrm', id: saved.id, name: 'Renamed', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'petrova' })).toMatchObject({ hasSecret: true });
    expect(await config.saveAccount({ kind: 'autocrm', id: saved.id, name: 'Renamed', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'smirnov' })).toMatchObject({ hasSecret: false });
  });

  test('an operator never signs in with integration secrets left behind by an older version', async () => {
    const { db, config } = setup();
    await db.accounts.put({ id: 'old', kind: 'autocrm', name: 'A', settings: { url: 'https://sever.autocrm.ru', auth: 'bearer' } });
    await db.secrets.put({ id: 'old', secret: INTEGRATION.autocrmKey });
    await db.settings.put({ key: 'installation', value: { ...DEFAULT_INSTALLATION, role: 'operator' } });
    expect(await config.autocrmClient()).toBeNull();
  });
});

describe('secret-looking fields in shared configuration', () => {
  test('found at any depth, by key name', () => {
    expect(secretLookingPaths({ rules: {}, settings: { hours: {} } })).toEqual([]);
    expect(secretLookingPaths({ settings: { autocrm: { password: 'x' } }, accounts: [{ secret: 'y' }] })).toEqual(['settings.autocrm.password', 'accounts', 'accounts.0.secret']);
    expect(secretLookingPaths({ settings: { access_token: 'x', apiKey: 'y' } })).toEqual(['settings.access_token', 'settings.apiKey']);
  });
});
