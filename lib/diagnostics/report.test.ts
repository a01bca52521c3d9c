import { describe, expect, test } from 'vitest';
import { buildDiagnosticReport, type ReportInput } from './report';
import { logEntry } from './request-log';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from '../pipeline/config';
import { toConfigFile } from '../config-file';

const now = new Date('2026-11-30T09:00:00Z');
const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  now,
  extensionVersion: '1.4.0',
  userAgent: 'Mozilla/5.0 Chrome/131.0.0.0',
  accounts: [
    { kind: 'callgear', settings: { brand: 'uis', auth: 'login', login: 'admin@dealer.ru', dataApiUrl: 'https://x' } },
    { kind: 'autocrm', settings: { url: 'https://dealer.autocrm.ru', auth: 'basic', login: 'api-user' } },
  ],
  installation: { ...DEFAULT_INSTALLATION, employeeId: 9001 },
  configuration: toConfigFile({ rules: { incomingCalls: { base: { entity: 'nothing' }, clarifying: [] } } as never, hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow' }),
  lastCheck: undefined,
  requests: [
    logEntry({ api: 'autocrm', method: 'GET', path: '/yii/api/user', params: [], status: 200, body: { result: [] }, durationMs: 1 }, now),
    logEntry({ api: 'callgear-data', method: 'get.account', path: '/v2.0', params: ['access_token'], status: 200, body: { result: {} }, durationMs: 1 }, now),
  ],
  ...over,
});

describe('buildDiagnosticReport', () => {
  test('names accounts by kind, sign-in method and brand only, and the installation without its employee', () => {
    const report = buildDiagnosticReport(input());
    expect(report.accounts).toEqual([{ kind: 'callgear', auth: 'login', brand: 'uis' }, { kind: 'autocrm', auth: 'basic', brand: null }]);
    expect(report.installation).toEqual({ role: 'coordinator', handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0, parallelRequests: 6, employeeChosen: true });
    expect(JSON.stringify(report)).not.toMatch(/admin@dealer|api-user|9001/);
  });

  test('groups the requests by API, each in its own list, and says when no check has run', () => {
    const report = buildDiagnosticReport(input());
    expect(Object.keys(report.requests)).toEqual(['callgear-data', 'callgear-call', 'autocrm']);
    expect(report.requests['callgear-data'].map((r) => r.method)).toEqual(['get.account']);
    expect(report.requests['callgear-call']).toEqual([]);
    expect(report.requests.autocrm.map((r) => r.path)).toEqual(['/yii/api/user']);
    expect(report.integrationCheck).toBeNull();
  });

  test('masks the last check with the names the installation knows', () => {
    const report = buildDiagnosticReport(input({ lastCheck: { text: 'Не сопоставлен: Орлов Дмитрий', items: [{ login: 'orlov' }] }, names: ['Орлов Дмитрий Павлович'] }));
    expect(report.integrationCheck).toEqual({ text: 'Не сопоставлен: <name> <name>', items: [{ login: '<masked>' }] });
  });
});
