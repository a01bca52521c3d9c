import { describe, expect, test } from 'vitest';
import { ConfigStore } from './config-store';
import { openDb } from './db';
import { toConfigFile } from './config-file';
import { applyManagedConfig, lockedKeysIn, managedState, refuseLockedSettings } from './managed-config';
import { defaultRules } from './rules/defaults';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from './pipeline/config';

describe('enterprise policy (storage.managed)', () => {
  test('a pushed configuration is applied and its parts are locked', async () => {
    const db = openDb(`managed-${Math.random()}`);
    const config = new ConfigStore(db);
    const rules = defaultRules();
    rules.leads.base.salonId = 2;
    const file = toConfigFile({ rules, hours: { ...DEFAULT_HOURS, onlyInWorkingHours: true }, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow', autocrmZone: 'Asia/Aqtau' }, { pointBudgetShare: 0.1 });
    const state = await applyManagedConfig(db, config, { configJson: JSON.stringify(file) });
    expect(state).toMatchObject({ present: true, error: null, lockedRules: ['incomingCalls', 'outgoingCalls', 'chats', 'leads'], lockedSettings: ['hours', 'intake', 'dealershipZone', 'autocrmZone', 'pointBudgetShare', 'personalManagers'] });
    expect((await config.rules()).leads.base.salonId).toBe(2);
    expect((await config.pipelineConfig()).hours.onlyInWorkingHours).toBe(true);
    expect((await config.pipelineConfig()).autocrmZone).toBe('Asia/Aqtau');
    await expect(config.pointBudgetShare()).resolves.toBe(0.1);
    await expect(managedState(db)).resolves.toEqual(state);
  });

  test('a broken policy is reported, not applied; no policy means nothing is locked', async () => {
    const db = openDb(`managed-${Math.random()}`);
    const config = new ConfigStore(db);
    await expect(applyManagedConfig(db, config, { configJson: '{"format":"x"}' })).resolves.toMatchObject({ present: true, error: expect.stringContaining('format') });
    await expect(applyManagedConfig(db, config, {})).resolves.toEqual({ present: false, lockedRules: [], lockedSettings: [], error: null });
  });
});

describe('a hostile policy shows its error (docs/security.md, R11)', () => {
  const deepPolicy = (depth: number) => {
    let when = '{"field":"scenario_id","op":"eq","value":1}';
    // Built as text: a 60,000-deep object would overflow JSON.stringify itself.
    when = '{"op":"and","items":['.repeat(depth) + when + ']}'.repeat(depth);
    return `{"format":"callgear-autocrm/config","version":1,"rules":{"leads":{"base":{},"rules":[{"id":"r","name":"r","enabled":true,"when":${when},"fields":{}}]}},"settings":{}}`;
  };

  test('a 60,000-deep configJson replaces the previous state with an error, and locks nothing', async () => {
    const db = openDb(`managed-${Math.random()}`);
    const config = new ConfigStore(db);
    await applyManagedConfig(db, config, { configJson: JSON.stringify(toConfigFile({ rules: defaultRules(), hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow' })) });
    expect((await managedState(db)).error).toBeNull();
    const state = await applyManagedConfig(db, config, { configJson: deepPolicy(60_000) });
    expect(state).toEqual({ present: true, lockedRules: [], lockedSettings: [], error: expect.stringMatching(/nested deeper than 64 levels/) });
    await expect(managedState(db)).resolves.toEqual(state);
  });

  test.each([
    [42, /configJson: expected the configuration file as JSON text, got number/],
    [{ format: 'callgear-autocrm/config' }, /got object/],
    [['x'], /got array/],
    [true, /got boolean/],
  ])('configJson of the wrong type (%j) is an error, not "no policy"', async (configJson, error) => {
    const db = openDb(`managed-${Math.random()}`);
    await expect(applyManagedConfig(db, new ConfigStore(db), { configJson })).resolves.toMatchObject({ present: true, error: expect.stringMatching(error) });
  });

  test('a write that fails is stored as the error instead of escaping', async () => {
    const db = openDb(`managed-${Math.random()}`);
    const config = new ConfigStore(db);
    config.saveSettings = () => Promise.reject(new Error('disk full'));
    const file = toConfigFile({ rules: defaultRules(), hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow' });
    await expect(applyManagedConfig(db, config, { configJson: JSON.stringify(file) })).resolves.toMatchObject({ present: true, error: '(policy): disk full' });
    await expect(managedState(db)).resolves.toMatchObject({ error: '(policy): disk full' });
  });
});

describe('policy locks hold for settings too (docs/security.md, R8)', () => {
  async function lockedDb() {
    const db = openDb(`managed-${Math.random()}`);
    const config = new ConfigStore(db);
    const file = toConfigFile({ rules: defaultRules(), hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow' });
    await applyManagedConfig(db, config, { configJson: JSON.stringify({ ...file, rules: {}, settings: { hours: file.settings.hours, dealershipZone: 'Europe/Moscow' } }) });
    return { db, config };
  }

  test('a settings change touching a locked key is refused, naming it', async () => {
    const { db } = await lockedDb();
    await expect(refuseLockedSettings(db, { dealershipZone: 'Asia/Tokyo' })).rejects.toThrow(/политикой администратора.*dealershipZone/);
    await expect(refuseLockedSettings(db, { hours: DEFAULT_HOURS, personalManagers: true })).rejects.toThrow(/locked: hours$/);
  });

  test('unlocked keys still save', async () => {
    const { db } = await lockedDb();
    await expect(refuseLockedSettings(db, { personalManagers: true, autocrmZone: 'Asia/Aqtau' })).resolves.toBeUndefined();
    expect(lockedKeysIn({ hours: undefined, intake: { horizonDays: 3, overlapMinutes: 10 } }, await managedState(db))).toEqual([]);
  });
});
