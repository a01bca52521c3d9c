import type { AppDb } from '../db';
import type { ConfigStore } from '../config-store';
import { toConfigFile } from '../config-file';
import { diagnosticReportText, LAST_CHECK_KEY } from './report';
import type { RequestLog } from './request-log';
import { userNames } from './service';

export interface CollectInput {
  db: AppDb;
  config: ConfigStore;
  log: RequestLog;
  extensionVersion: string;
  userAgent: string;
  now?: Date;
}

/** Gathers what the report holds from this installation's stores and renders it as JSON text. */
export async function collectDiagnosticReport({ db, config, log, extensionVersion, userAgent, now = new Date() }: CollectInput): Promise<string> {
  const [pipeline, pointBudgetShare, accounts, lastCheck, names] = await Promise.all([
    config.pipelineConfig(),
    config.pointBudgetShare(),
    config.accounts(),
    db.settings.get(LAST_CHECK_KEY),
    userNames(db),
  ]);
  return diagnosticReportText({
    now,
    extensionVersion,
    userAgent,
    accounts,
    installation: pipeline.installation,
    configuration: toConfigFile(pipeline, { pointBudgetShare }),
    lastCheck: lastCheck?.value,
    requests: log.entries(),
    names,
  });
}
