import { describe, expect, test } from 'vitest';
import { ConfigStore } from './config-store';
import { openDb } from './db';
import { toConfigFile } from './config-file';
import { applyManagedConfig, lockedKeysIn, managedState, refuseLockedSettings } from './managed-config';
import { saidOfError } from './said-error';
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
    await expect(applyManagedConfig(db, config, { configJson: '{"format":"x"}' })).resolves.toMatchObject({
      present: true,
      error: { key: 'managed.refusedField', params: { field: { said: { key: 'config.field.path', params: { path: 'format' } } }, reason: { said: { key: 'config.issue.notAllowed' } } } },
    });
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
    expect(state).toEqual({ present: true, lockedRules: [], lockedSettings: [], error: { key: 'managed.refusedField', params: { field: { said: { key: 'config.field.file' } }, reason: { said: { key: 'config.issue.tooDeep', params: { max: 64 } } } } } });
    await expect(managedState(db)).resolves.toEqual(state);
  });

  test.each([
    [42, 'number'],
    [{ format: 'callgear-autocrm/config' }, 'object'],
    [['x'], 'array'],
    [true, 'boolean'],
  ])('configJson of the wrong type (%j) is an error, not "no policy"', async (configJson, error) => {
    const db = openDb(`managed-${Math.random()}`);
    await expect(applyManagedConfig(db, new ConfigStore(db), { configJson })).resolves.toMatchObject({ present: true, error: { key: 'managed.notText', params: { got: error } } });
  });

  test('a write that fails is stored as the error instead of escaping', async () => {
    const db = openDb(`managed-${Math.random()}`);
    const config = new ConfigStore(db);
    config.saveSettings = () => Promise.reject(new Error('disk full'));
    const file = toConfigFile({ rules: defaultRules(), hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow' });
    await expect(applyManagedConfig(db, config, { configJson: JSON.stringify(file) })).resolves.toMatchObject({ present: true, error: { key: 'managed.failed', params: { detail: 'disk full' } } });
    await expect(managedState(db)).resolves.toMatchObject({ error: { key: 'managed.failed', params: { detail: 'disk full' } } });
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
    const refusal = (settings: Parameters<typeof refuseLockedSettings>[1]) => refuseLockedSettings(db, settings).then(() => undefined, saidOfError);
    await expect(refusal({ dealershipZone: 'Asia/Tokyo' })).resolves.toEqual({ key: 'managed.lockedSettings', params: { names: { said: { key: 'config.field.path', params: { path: 'settings.dealershipZone' } } } } });
    await expect(refusal({ hours: DEFAULT_HOURS, personalManagers: true })).resolves.toEqual({ key: 'managed.lockedSettings', params: { names: { said: { key: 'hoursHeading' } } } });
  });

  test('unlocked keys still save', async () => {
    const { db } = await lockedDb();
    await expect(refuseLockedSettings(db, { personalManagers: true, autocrmZone: 'Asia/Aqtau' })).resolves.toBeUndefined();
    expect(lockedKeysIn({ hours: undefined, intake: { horizonDays: 3, overlapMinutes: 10 } }, await managedState(db))).toEqual([]);
  });
});
