import { describe, expect, test } from 'vitest';
import { ConfigStore } from './config-store';
import { openDb } from './db';
import { toConfigFile } from './config-file';
import { applyManagedConfig, managedState } from './managed-config';
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
