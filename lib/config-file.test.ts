import { describe, expect, test } from 'vitest';
import { parseConfigFile, toConfigFile } from './config-file';
import { defaultRules } from './rules/defaults';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from './pipeline/config';

const config = { rules: defaultRules(), hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow', personalManagers: true };

describe('configuration files', () => {
  test('export → import round-trips, without the installation’s own role', () => {
    const file = toConfigFile(config);
    expect(JSON.stringify(file)).not.toContain('installation');
    expect(parseConfigFile(JSON.stringify(file))).toEqual({ ok: true, file });
    expect(file.settings.personalManagers).toBe(true);
  });

  test('names the first wrong field', () => {
    const file = toConfigFile(config) as unknown as { rules: { leads: { base: { entity: string } } } };
    file.rules.leads.base.entity = 'deal';
    expect(parseConfigFile(JSON.stringify(file))).toMatchObject({ ok: false, field: 'rules.leads.base.entity' });
    expect(parseConfigFile('{"format":"other"}')).toMatchObject({ ok: false, field: 'format' });
    expect(parseConfigFile('not json')).toMatchObject({ ok: false, field: '(file)' });
  });
});
