import { describe, expect, test } from 'vitest';
import { ConfigStore } from '../config-store';
import { openDb } from '../db';
import { DEFAULT_INSTALLATION } from '../pipeline/config';
import { bothLanguages } from '../locale-catalog';
import { installationIdentity } from './installation-probes';

async function run(role: 'operator' | 'coordinator', save: (config: ConfigStore) => Promise<unknown>) {
  const db = openDb(`identity-${Math.random()}`);
  const config = new ConfigStore(db);
  await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role, employeeId: 9001 } });
  await save(config);
  const installation = { role, coordinatorSeen: true, softphoneSeen: null };
  return installationIdentity.run({ db, config: await config.pipelineConfig(), now: Date.now, installation });
}

describe('the check shows who each installation signs in as and what it may do', () => {
  test('an operator: its own users, and only its employee’s communications', async () => {
    const finding = await run('operator', async (config) => {
      await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'basic', login: 'petrova', secret: 'petrova-pass' });
      await config.saveAccount({ kind: 'callgear', name: 'C', brand: 'callgear', auth: 'login', login: 'a.petrova@sever-auto.ru', secret: 'petrova-cg-pass' });
    });
    expect(finding.status).toBe('green');
    expect(finding.details).toEqual([
      'AutoCRM: signed in as petrova (own user)',
      'CallGear: signed in as a.petrova@sever-auto.ru (own user)',
      'rights: own user — the communications of employee 9001; AutoCRM look-ups and records with this user’s rights only',
    ]);
  });

  test('a coordinator: the integration’s accounts, every communication', async () => {
    const finding = await run('coordinator', (config) => config.saveAccount({ kind: 'callgear', name: 'C', brand: 'callgear', auth: 'token', secret: 'cg-sim-permanent-key' }));
    expect(finding.status).toBe('green');
    expect(finding.details).toEqual(['CallGear: signed in as API key (integration)', expect.stringMatching(/^rights: integration — every call/)]);
    expect(JSON.stringify(finding)).not.toContain('cg-sim-permanent-key');
  });

  test('an operator left with an integration account is told to sign in as themselves', async () => {
    const db = openDb(`identity-${Math.random()}`);
    const config = new ConfigStore(db);
    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } });
    await config.saveAccount({ kind: 'autocrm', name: 'A', url: 'https://sever.autocrm.ru', auth: 'bearer', secret: 'sim-key-integration' });
    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'operator' } });
    const finding = await installationIdentity.run({ db, config: await config.pipelineConfig(), now: Date.now, installation: { role: 'operator', coordinatorSeen: true, softphoneSeen: null } });
    expect(finding.status).toBe('red');
    expect(bothLanguages(finding.action!).en).toContain('your own AutoCRM and CallGear login');
  });
});
