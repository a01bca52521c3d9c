import { describe, expect, test } from 'vitest';
import { parseConfigFile, toConfigFile } from './config-file';
import { ConfigStore } from './config-store';
import { openDb } from './db';
import { defaultRules } from './rules/defaults';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from './pipeline/config';

const config = { rules: defaultRules(), hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow', personalManagers: true, autocrmZone: 'Asia/Aqtau' };

describe('configuration files', () => {
  test('export → import round-trips, without the installation’s own role', () => {
    const file = toConfigFile(config, { pointBudgetShare: 0.4 });
    expect(JSON.stringify(file)).not.toContain('installation');
    expect(parseConfigFile(JSON.stringify(file))).toEqual({ ok: true, file });
    expect(file.settings).toMatchObject({ personalManagers: true, autocrmZone: 'Asia/Aqtau', pointBudgetShare: 0.4 });
    expect(Object.keys(file.settings)).toEqual(['hours', 'intake', 'dealershipZone', 'personalManagers', 'autocrmZone', 'pointBudgetShare']);
  });

  test('the AutoCRM zone and the point budget share go from one browser’s store to another’s', async () => {
    const from = new ConfigStore(openDb(`config-file-${Math.random()}`));
    await from.saveSettings({ autocrmZone: 'Asia/Almaty', pointBudgetShare: 0.5, clickToCallNumber: '74952290000' });
    const text = JSON.stringify(toConfigFile(await from.pipelineConfig(), { pointBudgetShare: await from.pointBudgetShare() }));
    expect(text).not.toContain('74952290000'); // the click-to-call number belongs to this browser's operator
    const parsed = parseConfigFile(text);
    if (!parsed.ok) throw new Error(parsed.field);
    const to = new ConfigStore(openDb(`config-file-${Math.random()}`));
    await to.saveSettings(parsed.file.settings);
    expect((await to.pipelineConfig()).autocrmZone).toBe('Asia/Almaty');
    await expect(to.pointBudgetShare()).resolves.toBe(0.5);
  });

  test('a file with an unknown AutoCRM zone or a share outside 5–100 % names the field', () => {
    const file = toConfigFile(config, { pointBudgetShare: 0.25 });
    expect(parseConfigFile(JSON.stringify({ ...file, settings: { ...file.settings, autocrmZone: 'Mars/Olympus' } }))).toMatchObject({ ok: false, field: 'settings.autocrmZone', label: { key: 'autocrmZone' } });
    expect(parseConfigFile(JSON.stringify({ ...file, settings: { ...file.settings, pointBudgetShare: 2 } }))).toMatchObject({ ok: false, field: 'settings.pointBudgetShare', label: { key: 'pointBudgetShare' }, said: { key: 'config.issue.outOfRange' } });
  });

  test('names the first wrong field', () => {
    const file = toConfigFile(config) as unknown as { rules: { leads: { base: { entity: string } } } };
    file.rules.leads.base.entity = 'deal';
    expect(parseConfigFile(JSON.stringify(file))).toMatchObject({ ok: false, field: 'rules.leads.base.entity', label: { key: 'config.field.rules', params: { ruleKind: { ruleKind: 'leads' } } } });
    expect(parseConfigFile('{"format":"other"}')).toMatchObject({ ok: false, field: 'format' });
    expect(parseConfigFile('not json')).toMatchObject({ ok: false, field: '(file)', said: { key: 'config.issue.notJson' } });
  });

  test('a file nested 60,000 deep is refused with a named error, not a stack overflow (docs/security.md, R11)', () => {
    const when = '{"op":"and","items":['.repeat(60_000) + '{"field":"scenario_id","op":"eq","value":1}' + ']}'.repeat(60_000);
    const text = `{"format":"callgear-autocrm/config","version":1,"rules":{"leads":{"base":{},"clarifying":[{"id":"r","name":"r","enabled":true,"when":${when},"fields":{}}]}},"settings":{}}`;
    expect(parseConfigFile(text)).toEqual({ ok: false, field: '(file)', label: { key: 'config.field.file' }, said: { key: 'config.issue.tooDeep', params: { max: 64 } } });
  });
});
