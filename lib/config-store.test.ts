import { describe, expect, test } from 'vitest';
import { CALL_URL, DATA_URL, fakeRpc, limits, type RpcCall } from '../tests/tools/fake-callgear-rpc';
import { toConfigFile } from './config-file';
import { ConfigStore, settingsInputSchema } from './config-store';
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
  await config.saveAccount({ kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'login', login: 'admin', secret: 'pw', dataApiUrl: DATA_URL, callApiUrl: CALL_URL });
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
    await config.saveAccount({ kind: 'callgear', id: account!.id, name: 'CG', brand: 'callgear', auth: 'login', login: 'admin2', secret: 'pw2', dataApiUrl: DATA_URL, callApiUrl: CALL_URL });
    await (await config.callgearClient())!.account();
    expect(logins() - before).toBe(1);
  });

  test('saving the account forgets the old account\'s limits and idle poll cost', async () => {
    const { config } = await setUp();
    await (await config.callgearClient())!.account();
    await config.noteIdlePoll(2);
    await expect.poll(() => config.limits()).not.toBeNull();
    const [account] = await config.accounts();
    await config.saveAccount({ kind: 'callgear', id: account!.id, name: 'CG', brand: 'callgear', auth: 'login', login: 'other', secret: 'pw3', dataApiUrl: DATA_URL, callApiUrl: CALL_URL });
    expect(await config.limits()).toBeNull();
    expect(await config.idlePollCost()).toBeNull();
  });

  test('the account’s limits are kept from every answer', async () => {
    const { config } = await setUp();
    await (await config.callgearClient())!.account();
    await expect.poll(() => config.limits()).toMatchObject({ limits: { day_limit: 1000, day_remaining: 640 } });
  });
});
