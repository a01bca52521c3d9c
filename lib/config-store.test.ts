import { describe, expect, test } from 'vitest';
import { fakeRpc, limits, type RpcCall } from '../tests/tools/fake-callgear-rpc';
import { toConfigFile } from './config-file';
import { accountInputSchema, ConfigStore, settingsInputSchema } from './config-store';
import { openDb } from './db';
import { DEFAULT_INSTALLATION } from './pipeline/config';

describe('the AutoCRM time zone setting', () => {
  test('Moscow until set; an IANA zone once saved', async () => {
    const store = new ConfigStore(openDb(`config-${Math.random()}`));
    expect((await store.pipelineConfig()).autocrmZone).toBe('Europe/Moscow');
    await store.saveSettings({ autocrmZone: 'Asia/Almaty' });
    expect((await store.pipelineConfig()).autocrmZone).toBe('Asia/Almaty');
  });

  test('a zone luxon does not know is refused', () => {
    expect(settingsInputSchema.safeParse({ autocrmZone: 'Mars/Olympus' }).success).toBe(false);
  });
});

const hourAhead = () => Math.floor(Date.now() / 1000) + 3600;
let issued = 0;
const rpc = fakeRpc((call: RpcCall) =>
  call.method === 'login.user'
    ? { body: { result: { data: { access_token: `token-${++issued}`, expire_at: hourAhead() } } } }
    : { body: { result: { data: [{ app_id: 1, name: 'A', timezone: 'Europe/Moscow' }], metadata: { limits: limits({ day_remaining: 640 }) } } } },
);
const logins = () => rpc.calls.filter((c) => c.method === 'login.user').length;

async function setUp() {
  const db = openDb(`config-store-${Math.random()}`);
  const config = new ConfigStore(db, rpc.fetch);
  await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // the integration login is a coordinator's
  await config.saveAccount({ kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'login', login: 'admin', secret: 'pw' });
  return { db, config };
}

describe('CallGear sessions through the configuration', () => {
  test('clients built per cycle, the options page’s parallel reads and the next worker life share one login', async () => {
    const { db, config } = await setUp();
    const before = logins();
    await Promise.all(Array.from({ length: 7 }, async () => (await config.callgearClient())!.account()));
    await (await config.callgearClient())!.account();
    await (await new ConfigStore(db, rpc.fetch).callgearClient())!.account();
    expect(logins() - before).toBe(1);
  });

  test('the session is a secret: kept in the secrets table, never in settings or in the exported file', async () => {
    const { db, config } = await setUp();
    await (await config.callgearClient())!.account();
    const secrets = await db.secrets.toArray();
    expect(secrets.some((s) => s.id.endsWith(':session:data') && s.secret.includes('token-'))).toBe(true);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain('token-');
    expect(JSON.stringify(toConfigFile(await config.pipelineConfig()))).not.toContain('token-');
    expect((await config.accounts())[0]).toMatchObject({ hasSecret: true });
  });

  test('saving the account (new credentials) drops its sessions: the next request logs in', async () => {
    const { config } = await setUp();
    await (await config.callgearClient())!.account();
    const before = logins();
    const [account] = await config.accounts();
    await config.saveAccount({ kind: 'callgear', id: account!.id, name: 'CG', brand: 'callgear', auth: 'login', login: 'admin2', secret: 'pw2' });
    await (await config.callgearClient())!.account();
    expect(logins() - before).toBe(1);
  });

  test('saving the account forgets the old account\'s limits and idle poll cost', async () => {
    const { config } = await setUp();
    await (await config.callgearClient())!.account();
    await config.noteIdlePoll(2);
    await expect.poll(() => config.limits()).not.toBeNull();
    const [account] = await config.accounts();
    await config.saveAccount({ kind: 'callgear', id: account!.id, name: 'CG', brand: 'callgear', auth: 'login', login: 'other', secret: 'pw3' });
    expect(await config.limits()).toBeNull();
    expect(await config.idlePollCost()).toBeNull();
  });

  test('the account’s limits are kept from every answer', async () => {
    const { config } = await setUp();
    await (await config.callgearClient())!.account();
    await expect.poll(() => config.limits()).toMatchObject({ limits: { day_limit: 1000, day_remaining: 640 } });
  });
});

describe('settings are checked at save, with the field named (not later as an internal error)', () => {
  const issues = (input: unknown) => {
    const parsed = settingsInputSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const schedule = { zone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
  const hours = (over: Record<string, unknown>) => ({ hours: { onlyInWorkingHours: true, considerResponsibleHours: false, applyToCalls: true, schedule: { ...schedule, ...over }, employeeSchedules: {} } });

  test('a valid schedule passes', () => {
    expect(issues(hours({}))).toEqual([]);
    expect(issues(hours({ from: '22:00', to: '00:00' }))).toEqual([]);
  });

  test('an unknown zone is refused in the schedule and in the dealership zone', () => {
    expect(issues(hours({ zone: 'Bogus/Zone' }))).toEqual([expect.stringMatching(/^hours\.schedule\.zone: unknown time zone/)]);
    expect(issues({ dealershipZone: 'Asia/Nowhere' })).toEqual([expect.stringMatching(/^dealershipZone: unknown time zone/)]);
  });

  test('impossible times are refused', () => {
    expect(issues(hours({ from: '99:99' }))).toEqual([expect.stringMatching(/^hours\.schedule\.from: expected a time/)]);
    expect(issues(hours({ to: '24:00' }))).toEqual([expect.stringMatching(/^hours\.schedule\.to: expected a time/)]);
    expect(issues({ userSyncNightly: { enabled: true, time: '25:61', includeFired: false } })).toEqual([expect.stringMatching(/^userSyncNightly\.time: expected a time/)]);
  });

  test('a schedule without working days is refused', () => {
    expect(issues(hours({ days: [] }))).toEqual([expect.stringMatching(/^hours\.schedule\.days: choose at least one working day/)]);
  });

  test('saveSettings refuses them too, and stores nothing', async () => {
    const store = new ConfigStore(openDb(`config-${Math.random()}`));
    await expect(store.saveSettings({ dealershipZone: 'Bogus/Zone' })).rejects.toThrow(/unknown time zone/);
    expect((await store.pipelineConfig()).dealershipZone).toBe('Europe/Moscow');
  });
});

describe('account addresses: tokens only to documented hosts', () => {
  test('a CallGear endpoint off the brand’s documented host is refused by the save message’s schema, with the field named', () => {
    const parsed = accountInputSchema.safeParse({ kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'token', secret: 'k', dataApiUrl: 'https://dataapi.evil.example.test/v2.0' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['dataApiUrl'], message: expect.stringMatching(/not the documented Data API host/) });
  });

  test('an AutoCRM address that is not a dealer’s autocrm.ru host is refused by the schema', () => {
    const parsed = accountInputSchema.safeParse({ kind: 'autocrm', name: 'A', url: 'https://crm.evil.example.test', auth: 'bearer', secret: 'k' });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['url'], message: expect.stringMatching(/not an AutoCRM address/) });
  });

  test('a stored endpoint that fails the check never becomes a client (the token stays home)', async () => {
    const db = openDb(`config-${Math.random()}`);
    const store = new ConfigStore(db, rpc.fetch);
    await store.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // an API key is a coordinator's
    const saved = await store.saveAccount({ kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'token', secret: 'k' });
    await db.accounts.update(saved.id, { settings: { ...saved.settings, dataApiUrl: 'https://dataapi.evil.example.test/v2.0' } });
    await expect(store.callgearClient()).rejects.toThrow(/not the documented Data API host/);
  });
});
