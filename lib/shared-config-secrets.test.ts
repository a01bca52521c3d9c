import { describe, expect, test } from 'vitest';
import { CONFIG_FILE_FORMAT, parseConfigFile, toConfigFile } from './config-file';
import { ConfigStore } from './config-store';
import { openDb } from './db';
import { applyManagedConfig } from './managed-config';
import { DEFAULT_INSTALLATION } from './pipeline/config';

/** The simulators' integration credentials (tests/sim/autocrm/seed.ts, tests/sim/callgear/server.ts). */
const SECRETS = ['sim-key-integration', 'integration-pass', 'cg-sim-permanent-key', 'callgear-pass'];

async function coordinatorWithEveryCredential() {
  const db = openDb(`shared-${Math.random()}`);
  const config = new ConfigStore(db);
  await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' }, clickToCallNumber: '74952290000' });
  await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'integration', secret: 'integration-pass' });
  await config.saveAccount({ kind: 'callgear', name: 'C', brand: 'callgear', auth: 'token', secret: 'cg-sim-permanent-key' });
  await db.secrets.put({ id: 'spare', secret: 'sim-key-integration' });
  await db.secrets.put({ id: 'spare2', secret: 'callgear-pass' });
  return { db, config };
}

/** A minimal valid file, plus whatever a hostile or careless author added. */
const withSecret = (extra: Record<string, unknown>) =>
  JSON.stringify({ format: CONFIG_FILE_FORMAT, version: 1, rules: {}, settings: { dealershipZone: 'Europe/Moscow' }, ...extra });

describe('shared configuration never carries secrets', () => {
  test('the export of a coordinator holding every credential contains none of them', async () => {
    const { db, config } = await coordinatorWithEveryCredential();
    expect(await db.secrets.count()).toBeGreaterThan(0); // the control: the secrets are there to leak
    const text = JSON.stringify(toConfigFile(await config.pipelineConfig(), { pointBudgetShare: await config.pointBudgetShare() }));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(password|secret|token|accounts?|login)"/);
  });

  test('an import carrying a secret-looking field is refused whole, naming the field', async () => {
    const refused = parseConfigFile(withSecret({ accounts: [{ kind: 'autocrm', auth: 'bearer', secret: 'sim-key-integration' }] }));
    expect(refused).toMatchObject({ ok: false, field: 'accounts', said: { key: 'config.issue.secrets', params: { names: 'accounts, accounts.0.secret' } } });
    const nested = parseConfigFile(withSecret({ settings: { dealershipZone: 'Europe/Moscow', callgear: { access_token: 'x' } } }));
    expect(nested).toMatchObject({ ok: false, field: 'settings.callgear.access_token' });
    expect(parseConfigFile(withSecret({}))).toMatchObject({ ok: true });
  });

  test('a policy carrying a secret is reported and changes nothing', async () => {
    const { db, config } = await coordinatorWithEveryCredential();
    const before = await config.pipelineConfig();
    const state = await applyManagedConfig(db, config, { configJson: withSecret({ settings: { dealershipZone: 'Asia/Tokyo', password: 'integration-pass' } }) });
    expect(state).toMatchObject({ present: true, lockedRules: [], lockedSettings: [], error: { key: 'managed.refusedField', params: { reason: { said: { key: 'config.issue.secrets', params: { names: 'settings.password' } } } } } });
    expect(JSON.stringify(state.error)).not.toContain('integration-pass'); // the message names the field, never repeats the value
    expect((await config.pipelineConfig()).dealershipZone).toBe(before.dealershipZone);
  });
});
