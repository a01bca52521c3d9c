import type { Service } from '../api-error';
import { phrase, type Said } from '../phrase';
import type { CheckResult } from '../connection-check';
import type { CheckReport } from '../integration-check/types';

/** The outcome of the last real check of one service: the account's check button, or the integration check. */
export interface ConnectionOutcome {
  ok: boolean;
  at: number;
  /** Why it failed, for the header and the popup. */
  problem?: { kind: string; text: Said };
}

/**
 * What the header and the popup say about a service. "configured" means added but not checked since the
 * account was last saved; only a check that succeeded makes it "working".
 */
export type ConnectionState =
  | { state: 'absent' }
  | { state: 'configured' }
  | { state: 'checking'; since: number }
  | { state: 'working'; at: number }
  | { state: 'failing'; at: number; problem: { kind: string; text: Said } };

export function connectionState(configured: boolean, outcome: ConnectionOutcome | null, checkingSince: number | null): ConnectionState {
  if (!configured) return { state: 'absent' };
  if (checkingSince !== null) return { state: 'checking', since: checkingSince };
  if (!outcome) return { state: 'configured' };
  if (outcome.ok) return { state: 'working', at: outcome.at };
  return { state: 'failing', at: outcome.at, problem: outcome.problem ?? { kind: 'unknown', text: phrase('connCheckFailed') } };
}

export function outcomeOfCheck(result: CheckResult, at: number): ConnectionOutcome | null {
  if (result.ok) return { ok: true, at };
  // "Not added" is not a check of a connection.
  if (result.kind === 'not-configured') return null;
  return { ok: false, at, problem: { kind: result.kind, text: result.text } };
}

const CREDENTIALS_ITEM: Record<Service, string> = { autocrm: 'autocrm.credentials', callgear: 'callgear.credentials' };

/** What the integration check found about a service's credentials; null when it did not get that far. */
export function outcomeOfReport(report: CheckReport, service: Service): ConnectionOutcome | null {
  const item = report.items.find((i) => i.id === CREDENTIALS_ITEM[service]);
  if (!item || item.status === 'skipped') return null;
  if (item.status === 'red') return { ok: false, at: report.finishedAt, problem: { kind: item.details?.[0] ?? 'check', text: item.cause ?? item.meaning } };
  return { ok: true, at: report.finishedAt };
}
