import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { AppDb } from '@/lib/db';
import type { BackgroundRequest, Reply, ResponseMap, RequestType } from '@/lib/messages';
import { parseRequest } from '@/lib/message-schemas';
import type { PipelineRunner, LastPoll } from '@/lib/pipeline/runner';
import { classifySender, type SenderFacts } from '@/lib/sender';
import { kindToPoll } from '@/lib/softphone/events';
import { DEFAULT_RENDER_BUDGET_MS, type TemplateRenderer } from '@/lib/templates/render-protocol';
import { probeStringEval } from './csp-probe';

export interface RouterDeps {
  db: AppDb;
  config: ConfigStore;
  renderer: TemplateRenderer;
  runner: PipelineRunner;
  /** Called after settings change, so alarms follow the new role and interval. */
  onSettingsChanged: () => Promise<void>;
}

type Handlers = { [T in RequestType]: (request: BackgroundRequest<T>) => Promise<ResponseMap[T]> };

function createHandlers({ db, config, renderer, runner, onSettingsChanged }: RouterDeps): Handlers {
  return {
    async status() {
      const [accounts, summary, lastPoll, pointsToday, settings] = await Promise.all([
        config.accounts(),
        runner.inbox.summary(),
        db.settings.get('lastPoll'),
        config.pointsToday(),
        config.pipelineConfig(),
      ]);
      return {
        version: browser.runtime.getManifest().version,
        configured: { autocrm: accounts.some((a) => a.kind === 'autocrm'), callgear: accounts.some((a) => a.kind === 'callgear') },
        stringEval: probeStringEval(),
        counts: summary.counts,
        oldestWaiting: summary.oldestWaiting,
        lastPoll: (lastPoll?.value as LastPoll | undefined) ?? null,
        pointsToday,
        role: settings.installation.role,
      };
    },
    render: ({ template, context, budgetMs, maxLength }) => renderer.render({ template, context, budgetMs: budgetMs ?? DEFAULT_RENDER_BUDGET_MS, maxLength }),
    'accounts.list': () => config.accounts(),
    'accounts.save': ({ account }) => config.saveAccount(account),
    'rules.get': () => config.rules(),
    async 'rules.save'({ kind, ruleSet }) {
      await config.saveRuleSet(kind, ruleSet);
      return { saved: true };
    },
    async 'settings.get'() {
      const { rules: _rules, ...settings } = await config.pipelineConfig();
      return settings;
    },
    async 'settings.save'({ settings }) {
      await config.saveSettings(settings);
      await onSettingsChanged();
      return { saved: true };
    },
    async 'userMap.save'({ records }) {
      await db.transaction('rw', db.userMap, async () => {
        await db.userMap.clear();
        await db.userMap.bulkPut(records);
      });
      return { saved: records.length };
    },
    'pipeline.run': ({ poll }) => runner.run(poll),
    'inbox.list': ({ limit = 200, states }) =>
      (states ? db.inbox.where('state').anyOf(states) : db.inbox.orderBy('at')).reverse().limit(limit).toArray(),
    'inbox.steps': ({ key }) => runner.inbox.steps(key),
    async 'inbox.retry'({ keys }) {
      const retried = await runner.inbox.retry(keys);
      void runner.run('none');
      return { retried };
    },
    async 'softphone.event'({ event }) {
      const kind = kindToPoll(event);
      if (kind) void runner.run([kind]); // a finished call or chat: read its report now
      return { accepted: true };
    },
  };
}

/** Checks who sent a message and what it is, then runs its handler; always answers with a Reply. */
export function createRouter(deps: RouterDeps) {
  const handlers = createHandlers(deps);
  return async (raw: unknown, sender: SenderFacts): Promise<Reply<unknown>> => {
    const accounts = await deps.config.accounts();
    const autocrmOrigin = accounts.find((a) => a.kind === 'autocrm')?.settings.url;
    const kind = classifySender(sender, browser.runtime.id, autocrmOrigin ? [autocrmOrigin] : undefined);
    if (!kind) return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
    const parsed = parseRequest(raw, kind);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[parsed.request.type] as (r: BackgroundRequest) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.request) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
