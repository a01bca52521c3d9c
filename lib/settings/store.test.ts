import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { ConfigStore } from '../config-store';
import { openDb } from '../db';
import { DEFAULT_HOURS, DEFAULT_INTAKE, SETTINGS, type SettingKey } from './definitions';
import { pointsOfDay, storedLimits } from './records';
import { SettingsStore } from './store';

const freshName = () => `settings-${Math.random()}`;

/** A database as the first released version left it: the settings table and what was saved in it. */
async function savedByAnOlderVersion(name: string, rows: { key: string; value: unknown }[]): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores({ accounts: 'id, kind', settings: 'key' });
  await old.table('settings').bulkPut(rows);
  await old.table('accounts').put({ id: 'acc-1', kind: 'autocrm', name: 'CRM', settings: { url: 'https://crm.example.test' } });
  old.close();
}

describe('settings: one definition each', () => {
  test('a browser that saved nothing reads every default', async () => {
    const settings = new SettingsStore(openDb(freshName()));
    for (const key of Object.keys(SETTINGS) as SettingKey[]) expect(await settings.get(key)).toEqual(SETTINGS[key].fallback);
    expect(await settings.isSaved('hours')).toBe(false);
  });

  test('what is saved reads back, and a save is checked by the same schema', async () => {
    const settings = new SettingsStore(openDb(freshName()));
    await settings.save({ retentionDays: 120, clickToCallNumber: '74951234567', personalManagers: true });
    expect(await settings.get('retentionDays')).toBe(120);
    expect(await settings.get('clickToCallNumber')).toBe('74951234567');
    expect(await settings.get('personalManagers')).toBe(true);
    await expect(settings.save({ pointBudgetShare: 2 })).rejects.toThrow();
    expect(await settings.get('pointBudgetShare')).toBe(SETTINGS.pointBudgetShare.fallback);
  });

  test('records kept next to the settings read through their own definitions', async () => {
    const db = openDb(freshName());
    const settings = new SettingsStore(db);
    expect(await settings.read('points:2026-11-30', pointsOfDay)).toBe(0);
    await settings.write('points:2026-11-30', pointsOfDay, 12);
    expect(await settings.read('points:2026-11-30', pointsOfDay)).toBe(12);
    await db.settings.put({ key: 'callgearLimits', value: 'garbage' });
    expect(await settings.read('callgearLimits', storedLimits)).toBeNull();
  });
});

describe('settings saved by existing installs still load', () => {
  test('older shapes: missing fields take their defaults, saved ones stay', async () => {
    const name = freshName();
    await savedByAnOlderVersion(name, [
      // Before parallel requests were a setting, and before standby coordinators.
      { key: 'installation', value: { role: 'coordinator', employeeId: 42, handoverMinutes: 30, pollIntervalSec: 120 } },
      { key: 'hours', value: { onlyInWorkingHours: true, considerResponsibleHours: false, applyToCalls: true, schedule: { zone: 'Asia/Almaty', days: [1, 2, 3], from: '08:00', to: '17:00' } } },
      // Before the nightly sync could include fired users.
      { key: 'userSyncNightly', value: { enabled: true, time: '03:30' } },
      { key: 'dealershipZone', value: 'Asia/Almaty' },
      { key: 'pointBudgetShare', value: 0.4 },
    ]);
    const config = new ConfigStore(openDb(name));
    const pipeline = await config.pipelineConfig();
    expect(pipeline.installation).toEqual({ role: 'coordinator', employeeId: 42, handoverMinutes: 30, pollIntervalSec: 120, standbyMinutes: 0, parallelRequests: 6 });
    expect(pipeline.hours).toEqual({ onlyInWorkingHours: true, considerResponsibleHours: false, applyToCalls: true, schedule: { zone: 'Asia/Almaty', days: [1, 2, 3], from: '08:00', to: '17:00' }, employeeSchedules: {} });
    expect(pipeline.intake).toEqual(DEFAULT_INTAKE);
    expect(pipeline.dealershipZone).toBe('Asia/Almaty');
    expect(await config.userSyncNightly()).toEqual({ enabled: true, time: '03:30', includeFired: false });
    expect(await config.pointBudgetShare()).toBe(0.4);
    expect(await config.role()).toBe('coordinator');
  });

  test('one stale field does not reset the others', async () => {
    const db = openDb(freshName());
    // A poll period under today's 30-second minimum, a zone nobody knows.
    await db.settings.bulkPut([
      { key: 'installation', value: { role: 'operator', employeeId: 17, handoverMinutes: 15, pollIntervalSec: 10, standbyMinutes: 0 } },
      { key: 'hours', value: { ...DEFAULT_HOURS, onlyInWorkingHours: true, schedule: { ...DEFAULT_HOURS.schedule, zone: 'Mars/Olympus' } } },
      { key: 'autocrmZone', value: 'Mars/Olympus' },
    ]);
    const settings = new SettingsStore(db);
    expect(await settings.get('installation')).toMatchObject({ role: 'operator', employeeId: 17, pollIntervalSec: SETTINGS.installation.fallback.pollIntervalSec });
    expect(await settings.get('hours')).toMatchObject({ onlyInWorkingHours: true, schedule: DEFAULT_HOURS.schedule });
    expect(await settings.get('autocrmZone')).toBe('Europe/Moscow');
  });
});
