import type { AutocrmClient } from '../autocrm/client';
import type { CallGearClient } from '../callgear/client';
import type { AppDb } from '../db';
import type { PipelineConfig } from '../pipeline/config';
import { AUTOCRM_PROBES, type AutocrmContext } from './autocrm-probes';
import { CALLGEAR_PROBES, type CallGearContext } from './callgear-probes';
import { INSTALLATION_PROBES, type InstallationContext, type InstallationFacts } from './installation-probes';
import { failedFinding, t, toItem, type Finding, type Probe } from './item';
import type { CheckItem, CheckProgress, CheckReport } from './types';

export { checkReportAsText } from './text';

/** The settings key of the last report (check-contract: `integrationCheck:last`). */
export const LAST_CHECK_KEY = 'integrationCheck:last';
/** The whole run stays under the 30 s: each probe gets what is left of this, at most PROBE_MS. */
export const CHECK_BUDGET_MS = 28_000;
const PROBE_MS = 12_000;

export interface CheckDeps {
  callgear: CallGearClient | null;
  autocrm: AutocrmClient | null;
  config: PipelineConfig;
  db: AppDb;
  now?: () => number;
  installation: InstallationFacts;
  /** Fetch for the recording probe (no credentials are ever sent); the global one by default. */
  fetch?: typeof fetch;
}

class ProbeTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ProbeTimeout()), Math.max(0, ms))));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const timedOut = (seconds: number): Finding => ({
  status: 'red',
  meaning: t('checkRunNoAnswerWithinSThe', { seconds }),
  action: t('checkRunCheckThisComputerSInternet'),
});

const notConnected = (service: 'CallGear' | 'AutoCRM'): Finding => ({
  status: 'red',
  meaning: t('checkRunNoAccountIsConnectedThe', { service }),
  action: t('checkRunAddTheAccountInThe', { service }),
});

const notRun: Finding = { status: 'skipped', meaning: t('checkRunNotCheckedTheAccountIs'), action: null };

interface Runner {
  done: number;
  total: number;
  deadline: number;
  now: () => number;
  onProgress?: (p: CheckProgress) => void;
}

/** A group's probes in order (later ones read what earlier ones learnt), each bounded in time. */
async function runGroup<C>(runner: Runner, probes: Probe<C>[], context: C | null, missing: Finding): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  for (const [index, probe] of probes.entries()) {
    runner.onProgress?.({ done: runner.done, total: runner.total, current: probe.title });
    let finding: Finding;
    if (!context) finding = index === 0 ? missing : notRun;
    else {
      const ms = Math.min(PROBE_MS, runner.deadline - runner.now());
      if (ms <= 0) {
        // The run's time is spent: the probe is not started (its requests would cost points nobody counts).
        items.push(toItem(probe, timedOut(0)));
        runner.done++;
        continue;
      }
      try {
        finding = await withTimeout(probe.run(context), ms);
      } catch (error) {
        finding = error instanceof ProbeTimeout ? timedOut(Math.round(ms / 1000)) : failedFinding(error);
      }
    }
    items.push(toItem(probe, finding));
    runner.done++;
  }
  return items;
}

/**
 * Runs every probe (read-only or harmless: docs/decisions.md, "Integration check: probes"): the CallGear, AutoCRM and
 * installation groups side by side, and saves the report as the last one.
 */
export async function runIntegrationCheck(deps: CheckDeps, onProgress?: (p: CheckProgress) => void): Promise<CheckReport> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const pointsBefore = deps.callgear?.pointsUsed ?? 0;
  const runner: Runner = { done: 0, total: CALLGEAR_PROBES.length + AUTOCRM_PROBES.length + INSTALLATION_PROBES.length, deadline: startedAt + CHECK_BUDGET_MS, now, onProgress };
  const base = { config: deps.config, db: deps.db, now };
  const callgear: CallGearContext | null = deps.callgear ? { ...base, client: deps.callgear, fetch: deps.fetch ?? globalThis.fetch.bind(globalThis) } : null;
  const autocrm: AutocrmContext | null = deps.autocrm ? { ...base, client: deps.autocrm, fetch: deps.fetch ?? globalThis.fetch.bind(globalThis) } : null;
  const installation: InstallationContext = { ...base, installation: deps.installation };
  const [callgearItems, autocrmItems, installationItems] = await Promise.all([
    runGroup(runner, CALLGEAR_PROBES, callgear, notConnected('CallGear')),
    runGroup(runner, AUTOCRM_PROBES, autocrm, notConnected('AutoCRM')),
    runGroup(runner, INSTALLATION_PROBES, installation, notRun),
  ]);
  const report: CheckReport = {
    startedAt,
    finishedAt: now(),
    items: [...callgearItems, ...autocrmItems, ...installationItems],
    pointsUsed: (deps.callgear?.pointsUsed ?? 0) - pointsBefore,
  };
  onProgress?.({ done: runner.total, total: runner.total, current: t('checkRunDone') });
  await deps.db.settings.put({ key: LAST_CHECK_KEY, value: report });
  return report;
}

export async function lastCheckReport(db: AppDb): Promise<CheckReport | null> {
  return ((await db.settings.get(LAST_CHECK_KEY))?.value as CheckReport | undefined) ?? null;
}
