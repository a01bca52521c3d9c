import type { ApiName } from '../http';
import type { ConfigFile } from '../config-file';
import type { InstallationSettings } from '../pipeline/config';
import { maskContactsDeep, maskDeep } from './mask';
import type { LoggedRequest } from './request-log';

export const DIAGNOSTIC_REPORT_FORMAT = 'callgear-autocrm/diagnostics';
/** Where the integration check keeps its latest result (settings table). */
export const LAST_CHECK_KEY = 'integrationCheck:last';

export interface AccountSummary {
  kind: 'autocrm' | 'callgear';
  /** How it signs in (`token`, `login`, `bearer`, `basic`) and, for CallGear, the brand: never the login itself. */
  auth: string | null;
  brand: string | null;
}

export interface DiagnosticReport {
  format: typeof DIAGNOSTIC_REPORT_FORMAT;
  version: 1;
  createdAt: string;
  extension: { version: string };
  browser: { userAgent: string };
  accounts: AccountSummary[];
  installation: Omit<InstallationSettings, 'employeeId'> & { employeeChosen: boolean };
  /** Rules and shared settings, as the configuration file carries them (lib/config-file.ts: never secrets), phones and e-mails masked. */
  configuration: ConfigFile;
  /** The last integration check, masked; null when none has run. */
  integrationCheck: unknown;
  /** The last requests to each API, oldest first. */
  requests: Record<ApiName, LoggedRequest[]>;
}

export interface ReportInput {
  now: Date;
  extensionVersion: string;
  userAgent: string;
  accounts: { kind: 'autocrm' | 'callgear'; settings: Record<string, string> }[];
  installation: InstallationSettings;
  configuration: ConfigFile;
  lastCheck: unknown;
  requests: LoggedRequest[];
  /** People's names this installation knows (mapped users): masked wherever they appear in the check. */
  names?: readonly string[];
}

const APIS: ApiName[] = ['callgear-data', 'callgear-call', 'autocrm'];

export function buildDiagnosticReport(input: ReportInput): DiagnosticReport {
  const { employeeId, ...installation } = input.installation;
  return {
    format: DIAGNOSTIC_REPORT_FORMAT,
    version: 1,
    createdAt: input.now.toISOString(),
    extension: { version: input.extensionVersion },
    browser: { userAgent: input.userAgent },
    accounts: input.accounts.map(({ kind, settings }) => ({ kind, auth: settings.auth ?? null, brand: settings.brand ?? null })),
    installation: { ...installation, employeeChosen: employeeId !== null },
    configuration: maskContactsDeep(input.configuration),
    integrationCheck: input.lastCheck === undefined || input.lastCheck === null ? null : maskDeep(withoutPersonalDetails(input.lastCheck), input.names),
    requests: Object.fromEntries(APIS.map((api) => [api, input.requests.filter((entry) => entry.api === api)])) as Record<ApiName, LoggedRequest[]>,
  };
}

/** The report as the file an admin sends to support. */
export const diagnosticReportText = (input: ReportInput): string => JSON.stringify(buildDiagnosticReport(input), null, 2);

/** Check items whose details name people (unmapped employees) keep only how many there were. */
function withoutPersonalDetails(check: unknown): unknown {
  const report = check as { items?: { personal?: boolean; details?: string[] }[] } | null;
  if (!report || !Array.isArray(report.items)) return check;
  return { ...report, items: report.items.map((item) => (item.personal ? { ...item, details: [`${item.details?.length ?? 0} names left out`] } : item)) };
}
