import type { CheckSession } from '../check-session';
import type { ConfigStore } from '../config-store';
import type { NetErrorLog } from '../connection/net-failure';
import type { ConnectionTracker } from '../connection/tracker';
import type { AppDb } from '../db';
import type { PipelineRunner } from '../pipeline/runner';
import type { PageGuard } from '../softphone/page-guard';
import type { PageNotes } from '../softphone/page-notes';
import type { MessageLookup } from '../templates/error-text';
import type { TemplateRenderer } from '../templates/render-protocol';
import type { PlannedRow } from '../users/plan';
import type { SyncOptions, SyncState } from '../users/sync';

/**
 * What message handlers work with: the stores and the pipeline of this worker life, and what only the
 * extension runtime can give (entrypoints/background/router.ts builds it), so every handler runs in Node too.
 */
export interface BackgroundServices {
  db: AppDb;
  config: ConfigStore;
  renderer: TemplateRenderer;
  runner: PipelineRunner;
  /** The integration check: run on request, and soon after accounts, rules or the user mapping change. */
  check: CheckSession;
  /** The last real check of each service, and the checks running now. */
  connections: ConnectionTracker;
  /** Chromium's own names for network failures, to tell a DNS failure from a refused connection. */
  netErrors: NetErrorLog;
  /** What an AutoCRM page can make this worker do, bounded per tab. */
  guard: PageGuard;
  /** Notes for the integration check that an AutoCRM page, or its softphone, spoke. */
  pageNotes: PageNotes;
  /** The extension's version (its manifest) and the browser's user agent. */
  version: string;
  userAgent: string;
  /** A UI text in the browser's language (the extension's locales). */
  translate: MessageLookup;
  /** Called after settings change, so alarms follow the new role and interval. */
  onSettingsChanged(): Promise<void>;
  /** Asks for the integration check a minute after the last of a burst of changes. */
  checkSoon(): void;
  /** The user sync, run to its end in the worker (and resumed by an alarm after CallGear's limit). */
  userSync: { start(options: SyncOptions): Promise<SyncState>; preview(options: SyncOptions): Promise<PlannedRow[]> };
}
