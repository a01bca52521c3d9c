import { describe, expect, test } from 'vitest';
import { isAutocrmHost, normalizeAutocrmUrl } from './url';

describe('normalizeAutocrmUrl', () => {
  test.each([
    ['motorland.autocrm.ru', 'https://motorland.autocrm.ru/yii/api'],
    ['https://motorland.autocrm.ru/', 'https://motorland.autocrm.ru/yii/api'],
    ['http://demo5.autocrm.ru/yii/api', 'https://demo5.autocrm.ru/yii/api'],
    ['  https://yug-avto.autocrm.ru/yii/api/retailCase ', 'https://yug-avto.autocrm.ru/yii/api'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/yii/api'],
  ])('%s → %s', (input, apiBase) => {
    expect(normalizeAutocrmUrl(input).apiBase).toBe(apiBase);
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
