import { describe, expect, test } from 'vitest';
import { autocrmUrlProblem, isAutocrmHost, normalizeAutocrmUrl } from './url';

describe('normalizeAutocrmUrl', () => {
  test.each([
    ['motorland.autocrm.ru', 'https://motorland.autocrm.ru/yii/api'],
    ['https://motorland.autocrm.ru/', 'https://motorland.autocrm.ru/yii/api'],
    ['http://demo5.autocrm.ru/yii/api', 'https://demo5.autocrm.ru/yii/api'],
    ['  https://yug-avto.autocrm.ru/yii/api/retailCase ', 'https://yug-avto.autocrm.ru/yii/api'],
  ])('%s → %s', (input, apiBase) => {
    expect(normalizeAutocrmUrl(input, false).apiBase).toBe(apiBase);
  });

  test('refuses empty input and non-addresses', () => {
    expect(() => normalizeAutocrmUrl('  ')).toThrow(/empty/);
    expect(() => normalizeAutocrmUrl('https://')).toThrow(/not a web address/);
  });

  test('recognises dealer hosts', () => {
    expect(isAutocrmHost('motorland.autocrm.ru')).toBe(true);
    expect(isAutocrmHost('autocrm.ru.evil.example')).toBe(false);
  });
});

describe('AutoCRM addresses per build (the key travels in Authorization)', () => {
  test('production: loopback is refused, never kept as plain http', () => {
    for (const input of ['http://127.0.0.1:4010', 'http://localhost', 'https://[::1]:8443']) {
      expect(autocrmUrlProblem(input, false)).toMatch(/not an AutoCRM address/);
    }
  });

  test('production: only <dealer>.autocrm.ru, on the standard https port, without credentials in the address', () => {
    expect(autocrmUrlProblem('https://autocrm.ru.evil.example', false)).toMatch(/not an AutoCRM address/);
    expect(autocrmUrlProblem('https://sever.autocrm.ru:8443', false)).toMatch(/standard https port/);
    expect(autocrmUrlProblem('https://user:pw@sever.autocrm.ru', false)).toMatch(/user name or password/);
    expect(autocrmUrlProblem('sever.autocrm.ru', false)).toBeNull();
  });

  test('sim build and tests: the simulators on loopback keep their scheme; autocrm.ru hosts on any port', () => {
    expect(normalizeAutocrmUrl('http://127.0.0.1:4010', true).apiBase).toBe('http://127.0.0.1:4010/yii/api');
    expect(normalizeAutocrmUrl('https://sever.autocrm.ru:8443', true).origin).toBe('https://sever.autocrm.ru:8443');
    expect(normalizeAutocrmUrl('http://sever.autocrm.ru:8443', true).origin).toBe('https://sever.autocrm.ru:8443');
    expect(autocrmUrlProblem('https://evil.example.test', true)).toMatch(/not an AutoCRM address/);
  });
});
