import { browser } from 'wxt/browser';
import type { CheckSession } from '@/lib/check-session';
import type { ConfigStore } from '@/lib/config-store';
import type { NetErrorLog } from '@/lib/connection/net-failure';
import type { ConnectionTracker } from '@/lib/connection/tracker';
import type { AppDb } from '@/lib/db';
import { startRequestLog } from '@/lib/diagnostics/service';
import { dispatch, parseRequest } from '@/lib/features/parse';
import type { BackgroundServices } from '@/lib/features/services';
import type { Reply } from '@/lib/messages';
import type { PipelineRunner } from '@/lib/pipeline/runner';
import { classifySender, type SenderFacts } from '@/lib/sender';
import { saidOfError } from '@/lib/said-error';
import { PageGuard } from '@/lib/softphone/page-guard';
import { PageNotes } from '@/lib/softphone/page-notes';
import type { TemplateRenderer } from '@/lib/templates/render-protocol';
import { checkSoon } from './integration-check';
import { previewUserSync, startUserSync } from './user-sync';

export interface RouterDeps {
  db: AppDb;
  config: ConfigStore;
  renderer: TemplateRenderer;
  runner: PipelineRunner;
  check: CheckSession;
  /** Called after settings change, so alarms follow the new role and interval. */
  onSettingsChanged: () => Promise<void>;
  connections: ConnectionTracker;
  netErrors: NetErrorLog;
}

/** What the handlers of lib/features/ get from this worker life and from the extension runtime. */
function backgroundServices(deps: RouterDeps): BackgroundServices {
  const { db, config } = deps;
  return {
    ...deps,
    // What an AutoCRM page can make this worker do is bounded per tab (lib/softphone/page-guard.ts).
    guard: new PageGuard(Date.now, (run, ms) => void setTimeout(run, ms)),
    pageNotes: new PageNotes(db),
    version: browser.runtime.getManifest().version,
    userAgent: navigator.userAgent,
    translate: (name, substitutions) => browser.i18n.getMessage(name as Parameters<typeof browser.i18n.getMessage>[0], substitutions),
    checkSoon,
    userSync: { start: (options) => startUserSync(db, config, options), preview: (options) => previewUserSync(db, config, options) },
  };
}

/**
 * Composition only: who sent the message (lib/sender.ts), then whether that sender may send it, how deep
 * it nests and its schema (lib/features/parse.ts), then its handler (lib/features/). Always answers with a Reply.
 */
export function createRouter(deps: RouterDeps) {
  const services = backgroundServices(deps);
  // The request log starts with the worker's message layer, so every request of this life is logged.
  void startRequestLog(deps.db).catch(() => undefined);
  return async (raw: unknown, sender: SenderFacts): Promise<Reply<unknown>> => {
    const autocrmOrigin = (await deps.config.accounts()).find((a) => a.kind === 'autocrm')?.settings.url;
    const kind = classifySender(sender, browser.runtime.id, autocrmOrigin ? [autocrmOrigin] : undefined);
    if (!kind) return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
    try {
      // Inside the try: whatever the parse meets (a stack overflow included), the sender gets an answer.
      const parsed = parseRequest(raw, kind);
      if (!parsed.ok) return parsed;
      if (kind === 'content') void services.pageNotes.page();
      const tab = kind === 'content' ? `tab:${sender.tab?.id ?? '?'}` : kind;
      return { ok: true, value: await dispatch(parsed.request, services, { kind, tab }) };
    } catch (error) {
      const said = saidOfError(error);
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error), ...(said ? { said } : {}) } };
    }
  };
}
