import type { ConfigStore } from './config-store';
import type { AppDb } from './db';
import { runIntegrationCheck, type CheckDeps } from './integration-check/run';
import type { CheckProgress, CheckReport } from './integration-check/types';
import { isFoundByMarker } from './pipeline/act';

/** Settings keys of the check's shared contract (lib/integration-check/types.ts): the last report and the live progress. */
export const CHECK_LAST_KEY = 'integrationCheck:last';
export const CHECK_PROGRESS_KEY = 'integrationCheck:progress';
/** When this browser last saw AutoCRM's pages, and the CallGear Softphone on them (ms). */
export const AUTOCRM_PAGES_KEY = 'integrationCheck:autocrmPages';

const DAY_MS = 86_400_000;
/** How far back a sighting still counts: a softphone or coordinator not seen for two weeks is as good as gone. */
const SEEN_WITHIN_MS = 14 * DAY_MS;

export interface AutocrmPagesSeen {
  pageAt: number | null;
  softphoneAt: number | null;
}

type RunCheck = typeof runIntegrationCheck;
type Clients = Pick<ConfigStore, 'autocrmClient' | 'callgearClient' | 'pipelineConfig' | 'addPoints'>;

/**
 * The integration check as this browser runs it: one run at a time (the button, the daily alarm and a
 * change of accounts may meet, and join the same run), its progress kept in settings for the page to
 * poll, its report kept as the last one.
 */
export class CheckSession {
  private running: Promise<CheckReport> | null = null;
  /** Told of every finished report (the connection state reads the credentials items from it). */
  onReport: ((report: CheckReport) => Promise<void>) | null = null;

  constructor(
    private readonly db: AppDb,
    private readonly config: Clients,
    private readonly runCheck: RunCheck = runIntegrationCheck,
    private readonly now: () => number = Date.now,
  ) {}

  run(): Promise<CheckReport> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  async last(): Promise<CheckReport | null> {
    return ((await this.db.settings.get(CHECK_LAST_KEY))?.value as CheckReport | undefined) ?? null;
  }

  /** Progress left by a worker that was stopped mid-run is stale: only this worker's own run has progress. */
  async progress(): Promise<CheckProgress | null> {
    if (!this.running) return null;
    return ((await this.db.settings.get(CHECK_PROGRESS_KEY))?.value as CheckProgress | undefined) ?? null;
  }

  private async runOnce(): Promise<CheckReport> {
    const [callgear, autocrm, config] = await Promise.all([this.config.callgearClient(), this.config.autocrmClient(), this.config.pipelineConfig()]);
    const installation = await installationFacts(this.db, config.installation.role, this.now());
    // Progress arrives synchronously; its writes are queued so the last one never lands after the final clear.
    let writes: Promise<unknown> = this.db.settings.put({ key: CHECK_PROGRESS_KEY, value: null });
    const onProgress = (progress: CheckProgress) => {
      writes = writes.then(() => this.db.settings.put({ key: CHECK_PROGRESS_KEY, value: progress }));
    };
    try {
      const report = await this.runCheck({ callgear, autocrm, config, db: this.db, now: this.now, installation }, onProgress);
      await this.db.settings.put({ key: CHECK_LAST_KEY, value: report });
      await this.onReport?.(report).catch(() => undefined);
      // The check's Data API reads count against the same day limit as the polls (the point budget's use today).
      if (report.pointsUsed > 0) await this.config.addPoints(report.pointsUsed);
      return report;
    } finally {
      await writes.catch(() => undefined);
      await this.db.settings.put({ key: CHECK_PROGRESS_KEY, value: null });
    }
  }
}

/**
 * What this browser knows of the dealership's other installations. A coordinator knows itself. An
 * operator learns of one only from AutoCRM: a communication of its own that it found already created
 * (by the marker) was taken over by a coordinator — or by an interrupted attempt of its own, so this is a hint, not proof.
 * The softphone is seen when it spoke on an AutoCRM page; null when no AutoCRM page was seen either.
 */
export async function installationFacts(db: AppDb, role: string, now: number): Promise<CheckDeps['installation']> {
  const since = now - SEEN_WITHIN_MS;
  const coordinatorSeen =
    role === 'coordinator' ||
    (await db.inbox.where('state').equals('done').filter((item) => isFoundByMarker(item.reason) && item.updatedAt >= since).count()) > 0;
  const pages = ((await db.settings.get(AUTOCRM_PAGES_KEY))?.value as AutocrmPagesSeen | undefined) ?? { pageAt: null, softphoneAt: null };
  const softphoneSeen = (pages.softphoneAt ?? 0) >= since ? true : (pages.pageAt ?? 0) >= since ? false : null;
  return { role, coordinatorSeen, softphoneSeen };
}

/** Notes that an AutoCRM page (and perhaps the softphone on it) spoke to the background. */
export async function noteAutocrmPage(db: AppDb, softphone: boolean, at: number): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const seen = ((await db.settings.get(AUTOCRM_PAGES_KEY))?.value as AutocrmPagesSeen | undefined) ?? { pageAt: null, softphoneAt: null };
    await db.settings.put({ key: AUTOCRM_PAGES_KEY, value: { pageAt: at, softphoneAt: softphone ? at : seen.softphoneAt } });
  });
}
