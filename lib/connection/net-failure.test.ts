import { describe, expect, test } from 'vitest';
import { bothLanguages } from '../locale-catalog';
import { NetErrorLog, classifyNetError, describeNetFailure } from './net-failure';

describe('network failures', () => {
  test.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_CONNECTION_REFUSED', 'refused'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'certificate'],
    ['net::ERR_CERT_DATE_INVALID', 'certificate'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'certificate'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked'],
    ['net::ERR_FAILED', 'network'],
  ] as const)('%s is %s', (error, failure) => {
    expect(classifyNetError(error)).toBe(failure);
  });

  test('each failure has its own text in both languages, and none promises a later retry', () => {
    const failures = ['dns', 'refused', 'certificate', 'timeout', 'offline', 'blocked', 'network'] as const;
    const texts = failures.map((f) => bothLanguages(describeNetFailure('autocrm', f, 'sever.autocrm.ru')));
    expect(new Set(texts.map((t) => t.ru)).size).toBe(failures.length);
    expect(new Set(texts.map((t) => t.en)).size).toBe(failures.length);
    for (const text of texts) {
      expect(text.ru).not.toMatch(/попробуем/i);
      expect(text.en).not.toMatch(/tried again later/i);
    }
    expect(bothLanguages(describeNetFailure('autocrm', 'dns', 'sever.autocrm.ru')).ru).toContain('sever.autocrm.ru');
    expect(describeNetFailure('autocrm', 'dns', 'sever.autocrm.ru')).toEqual({ key: 'netDns', params: { service: 'AutoCRM', host: 'sever.autocrm.ru' } });
  });

  test('the log answers for a host with the latest error since a moment', () => {
    const log = new NetErrorLog(3);
    log.note('https://sever.autocrm.ru/yii/api/autosalon', 'net::ERR_CONNECTION_REFUSED', 100);
    log.note('https://sever.autocrm.ru/yii/api/user', 'net::ERR_NAME_NOT_RESOLVED', 200);
    log.note('not a url', 'net::ERR_FAILED', 250);
    expect(log.lastFor('sever.autocrm.ru', 150)).toBe('dns');
    expect(log.lastFor('sever.autocrm.ru', 300)).toBeNull();
    expect(log.lastFor('dataapi.callgear.com', 0)).toBeNull();
    for (let i = 0; i < 3; i++) log.note('https://dataapi.callgear.com/v2.0', 'net::ERR_TIMED_OUT', 300 + i);
    expect(log.lastFor('sever.autocrm.ru', 0)).toBeNull();
  });
});
