import { expect, test } from 'vitest';
import { askBackground, BECOME_COORDINATOR, integrationAccounts, operatorAccounts, sendFromPage } from './harness';
import { dumpExtensionStorage, profileFilesContaining } from './storage-dump';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';
import { CALLGEAR_KEYS, CALLGEAR_LOGIN, CALLGEAR_OPERATOR_LOGIN } from '../sim/callgear/server';
import { SIM_BASIC } from '../sim/autocrm/seed';
import type { Reply } from '@/lib/messages';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
const ask = <T>(message: unknown) => askBackground<T>(browser, message);

/** The integration's credentials in the simulators: none may be found on an operator's installation. */
const INTEGRATION_SECRETS = ['sim-key-integration', SIM_BASIC.password, CALLGEAR_KEYS.permanent, CALLGEAR_LOGIN.password];
const OPERATOR_PASSWORDS = ['petrova-pass', CALLGEAR_OPERATOR_LOGIN.password];

async function dump() {
  const page = await browser.openOptions();
  try {
    return await dumpExtensionStorage(page);
  } finally {
    await page.close();
  }
}

const OPERATOR = { type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } };

test('an operator installation set up as the README says holds no integration credential, anywhere', async () => {
  // README "Operators and coordinators": a fresh installation is an operator; she picks her employee...
  expect(await ask<{ role: string }>({ type: 'status' })).toMatchObject({ role: 'operator' });
  await ask(OPERATOR);
  // ...and the integration's keys are refused if someone tries to give them to her browser.
  const page = await browser.openOptions();
  for (const message of integrationAccounts(autocrm.server, callgear.server)) {
    const reply = await sendFromPage<Reply<unknown>>(page, message);
    expect(reply).toMatchObject({ ok: false, error: { said: { key: expect.stringMatching(/^credential\.operator\.(autocrm|callgear)Key$/) } } });
  }
  await page.close();
  // She signs in as herself, and both services let her in.
  for (const message of operatorAccounts(autocrm.server, callgear.server)) await ask(message);
  expect(await ask({ type: 'accounts.check', kind: 'autocrm' })).toMatchObject({ ok: true });
  expect(await ask({ type: 'accounts.check', kind: 'callgear' })).toMatchObject({ ok: true });
  const accounts = await ask<{ identity: string; hasSecret: boolean }[]>({ type: 'accounts.list' });
  expect(accounts.map((a) => [a.identity, a.hasSecret])).toEqual([['personal', true], ['personal', true]]);

  const stored = await dump();
  const atRest = JSON.stringify({ indexedDb: stored.indexedDb, local: stored.local, sync: stored.sync });
  expect(Object.keys(stored.indexedDb)).toContain('callgear-autocrm');
  for (const secret of INTEGRATION_SECRETS) expect(JSON.stringify(stored)).not.toContain(secret);
  // Her own passwords are in memory only (storage.session), never in IndexedDB or storage.local/sync.
  for (const password of OPERATOR_PASSWORDS) {
    expect(atRest).not.toContain(password);
    expect(JSON.stringify(stored.session)).toContain(password);
  }
  // Nor on the profile's disk (IndexedDB's LevelDB files, Local Storage, Preferences...).
  expect(profileFilesContaining(browser.userDataDir, [...INTEGRATION_SECRETS, ...OPERATOR_PASSWORDS])).toEqual([]);
});

test('control: a coordinator holds the integration credentials, and gives them up on becoming an operator', async () => {
  await ask(BECOME_COORDINATOR);
  for (const message of integrationAccounts(autocrm.server, callgear.server)) await ask(message);
  const coordinator = JSON.stringify((await dump()).indexedDb);
  expect(coordinator).toContain('sim-key-integration');
  expect(coordinator).toContain(CALLGEAR_KEYS.permanent);

  await ask(OPERATOR);
  const operator = await dump();
  for (const secret of INTEGRATION_SECRETS) expect(JSON.stringify(operator)).not.toContain(secret);
  const accounts = await ask<{ hasSecret: boolean }[]>({ type: 'accounts.list' });
  expect(accounts.every((a) => !a.hasSecret)).toBe(true);
});

test('an operator signed in as herself processes her employee’s call with her own AutoCRM user', async () => {
  // The previous test left an operator whose integration keys were removed: she signs in as herself.
  for (const message of operatorAccounts(autocrm.server, callgear.server)) await ask(message);
  await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна' }] });
  await ask({
    type: 'rules.save',
    kind: 'incomingCalls',
    ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: null, templates: { source: 'Телефония CallGear', subSource: '', comment: 'Звонок с {{ client_phone }}' } }, clarifying: [] },
  });
  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79161234567' });
  const before = autocrm.sim.log.length;
  await ask({ type: 'pipeline.run', poll: ['call'] });

  const until = Date.now() + 30_000;
  while (autocrm.sim.createdOf('leads/request').length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  expect(autocrm.sim.createdOf('leads/request')).toHaveLength(1);
  expect((autocrm.sim.createdOf('leads/request')[0]!.body as Record<string, unknown>).external_id).toBe(`callgear:call:${call.id}`);
  // Every AutoCRM request of this run was made as Анна Петрова (user 42), none with the integration user (1).
  const users = new Set(autocrm.sim.log.slice(before).map((entry) => entry.userId).filter((id) => id !== null));
  expect([...users]).toEqual([42]);
  for (const secret of INTEGRATION_SECRETS) expect(JSON.stringify(await dump())).not.toContain(secret);
});
