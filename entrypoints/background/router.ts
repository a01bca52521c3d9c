import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { AppDb } from '@/lib/db';
import type { BackgroundRequest, Reply, ResponseMap, RequestType } from '@/lib/messages';
import { parseRequest } from '@/lib/message-schemas';
import type { PipelineRunner, LastPoll, PollRequest } from '@/lib/pipeline/runner';
import { classifySender, type SenderFacts } from '@/lib/sender';
import { kindToPoll } from '@/lib/softphone/events';
import type { TemplateRenderer } from '@/lib/templates/render-protocol';
import { outcomeOfCheck } from '@/lib/connection/state';
import type { NetErrorLog } from '@/lib/connection/net-failure';
import { accountHost, brokenTemplateMessage, cancelled, checkAccount, explainNetFailure } from './account-checks';
import { ruleSetReadiness } from '@/lib/rules/readiness';
import { setupChecklist } from '@/lib/setup/checklist';
import type { ConnectionTracker } from '@/lib/connection/tracker';
import { readDictionaries } from '@/lib/dictionaries';
import { parseConfigFile, toConfigFile } from '@/lib/config-file';
import { managedState, refuseLockedSettings } from '@/lib/managed-config';
import { dryRun } from '@/lib/pipeline/dry-run';
import type { RuleKind } from '@/lib/domain/communication';
import { lookupCaller } from '@/lib/caller-lookup';
import { checkDialable } from '@/lib/dial-policy';
import { PageGuard } from '@/lib/softphone/page-guard';
import type { SenderKind } from '@/lib/messages';
import { isApiError } from '@/lib/api-error';
import { SYNC_STATE_KEY, type SyncState } from '@/lib/users/sync';
import { previewUserSync, startUserSync } from './user-sync';
import { personalManagerOverview, retryPersonalManagers } from '@/lib/users/personal-managers';
import { budgetView } from '@/lib/pipeline/poll-pacing';
import { droppedFieldsView } from '@/lib/pipeline/dropped-fields';
import { reconcileRun, reconcileTakeIn } from './reconcile';
import { requestLog, startRequestLog } from '@/lib/diagnostics/service';
import { collectDiagnosticReport } from '@/lib/diagnostics/collect';
import { noteAutocrmPage, type CheckSession } from '@/lib/check-session';
import { checkSoon } from './integration-check';
import { operatorAdvice } from '@/lib/pipeline/operator-advice';

/**
 * A retried row whose CallGear report row could not be read is read again now, by a poll of its kind;
 * it is never processed from what was stored. Other retries need only the processor.
 */
async function rereadKindsOf(runner: PipelineRunner): Promise<PollRequest> {
  const kinds = [...new Set((await runner.inbox.pendingRereads()).map((i) => i.kind))];
  return kinds.length > 0 ? kinds : 'none';
}

export interface RouterDeps {
  db: AppDb;
  config: ConfigStore;
  renderer: TemplateRenderer;
  runner: PipelineRunner;
  /** The integration check: run on request, and soon after accounts, rules or the user mapping change. */
  check: CheckSession;
  /** Called after settings change, so alarms follow the new role and interval. */
  onSettingsChanged: () => Promise<void>;
  /** The last real check of each service, and the checks running now. */
  connections: ConnectionTracker;
  /** Chromium's own names for network failures, to tell a DNS failure from a refused connection. */
  netErrors: NetErrorLog;
}

/** Who asked: the kind of sender, and a key per tab for the page limits. */
interface Asker {
  kind: SenderKind;
  tab: string;
}

type Handlers = { [T in RequestType]: (request: BackgroundRequest<T>, from: Asker) => Promise<ResponseMap[T]> };

const refused = (ru: string, en: string) => ({ ok: false as const, text: { ru, en } });

function createHandlers({ db, config, renderer, runner, check, onSettingsChanged, connections, netErrors }: RouterDeps): Handlers {
  // What an AutoCRM page can make this worker do is bounded per tab (lib/softphone/page-guard.ts).
  const guard = new PageGuard(Date.now, (run, ms) => void setTimeout(run, ms));
  return {
    async status() {
      const [accounts, summary, lastPoll, pointsToday, settings, budget] = await Promise.all([
        config.accounts(),
        runner.inbox.summary(),
        db.settings.get('lastPoll'),
        config.pointsToday(),
        config.pipelineConfig(),
        budgetView(config),
      ]);
      const configured = { autocrm: accounts.some((a) => a.kind === 'autocrm'), callgear: accounts.some((a) => a.kind === 'callgear') };
      const [autocrmState, callgearState] = await Promise.all([
        connections.state('autocrm', configured.autocrm, check.isRunning),
        connections.state('callgear', configured.callgear, check.isRunning),
      ]);
      return {
        version: browser.runtime.getManifest().version,
        configured,
        connections: { autocrm: autocrmState, callgear: callgearState },
        counts: summary.counts,
        oldestWaiting: summary.oldestWaiting,
        lastPoll: (lastPoll?.value as LastPoll | undefined) ?? null,
        pointsToday,
        budget,
        role: settings.installation.role,
      };
    },
    render: async ({ template, context, maxLength }) => renderer.render({ template, context, maxLength }),
    'accounts.list': () => config.accounts(),
    async 'accounts.save'({ account }) {
      const saved = await config.saveAccount(account);
      await connections.forget(account.kind);
      checkSoon();
      return saved;
    },
    'rules.get': () => config.rules(),
    async 'rules.save'({ kind, ruleSet }) {
      if ((await managedState(db)).lockedRules.includes(kind)) throw new Error('Эти правила заданы политикой администратора и заблокированы');
      const broken = await brokenTemplateMessage(ruleSet, renderer);
      if (broken) throw new Error(broken);
      await config.saveRuleSet(kind, ruleSet);
      checkSoon();
      return { saved: true };
    },
    async 'settings.get'() {
      const { rules: _rules, ...settings } = await config.pipelineConfig();
      return { ...settings, clickToCallNumber: (await config.clickToCallNumber()) ?? undefined, userSyncNightly: await config.userSyncNightly(), pointBudgetShare: await config.pointBudgetShare(), retentionDays: await config.retentionDays() };
    },
    async 'settings.save'({ settings }) {
      await refuseLockedSettings(db, settings);
      await config.saveSettings(settings);
      await onSettingsChanged();
      return { saved: true };
    },
    async 'userMap.save'({ records }) {
      await db.transaction('rw', db.userMap, async () => {
        await db.userMap.clear();
        await db.userMap.bulkPut(records);
      });
      checkSoon();
      return { saved: records.length };
    },
    'userMap.get': () => db.userMap.toArray(),
    'pipeline.run': ({ poll }) => runner.run(poll),
    'inbox.list': ({ limit = 200, states }) => runner.inbox.latest(limit, states),
    'inbox.steps': ({ key }) => runner.inbox.steps(key),
    async 'inbox.retry'({ keys }) {
      const retried = await runner.inbox.retry(keys);
      void runner.run(await rereadKindsOf(runner));
      return { retried };
    },
    async 'accounts.check'({ kind }) {
      const id = connections.begin(kind);
      const started = Date.now();
      const result = await explainNetFailure(await checkAccount(config, kind), kind, await accountHost(config, kind), netErrors, started);
      const counted = await connections.finish(kind, id, outcomeOfCheck(result, Date.now()));
      return counted ? result : cancelled;
    },
    async 'setup.checklist'() {
      const [accounts, report, mappedUsers, rules, hours] = await Promise.all([config.accounts(), check.last(), db.userMap.count(), config.rules(), db.settings.get('hours')]);
      const has = (kind: 'autocrm' | 'callgear') => accounts.some((a) => a.kind === kind);
      const [autocrm, callgear] = await Promise.all([connections.state('autocrm', has('autocrm')), connections.state('callgear', has('callgear'))]);
      const count = (status: string) => report?.items.filter((i) => i.status === status).length ?? 0;
      return setupChecklist({
        connections: { autocrm, callgear },
        lastCheck: report ? { finishedAt: report.finishedAt, red: count('red'), yellow: count('yellow') } : null,
        mappedUsers,
        rulesNotReady: (Object.keys(rules) as RuleKind[]).filter((kind) => ruleSetReadiness(rules[kind]).length > 0),
        hoursSaved: hours !== undefined,
      });
    },
    async 'accounts.check.cancel'({ kind }) {
      connections.cancel(kind);
      return { cancelled: true };
    },
    async 'accounts.delete'({ id }) {
      const kind = (await config.accounts()).find((a) => a.id === id)?.kind;
      await config.deleteAccount(id);
      if (kind) await connections.forget(kind);
      checkSoon();
      return { deleted: true };
    },
    async 'dictionaries.get'() {
      return readDictionaries(await config.autocrmClient(), await config.callgearClient());
    },
    async 'config.export'() {
      return toConfigFile(await config.pipelineConfig(), { pointBudgetShare: await config.pointBudgetShare() });
    },
    async 'config.import'({ text }) {
      const parsed = parseConfigFile(text);
      if (!parsed.ok) return parsed;
      const locked = await managedState(db);
      const rules = Object.entries(parsed.file.rules).filter(([kind]) => !locked.lockedRules.includes(kind as RuleKind));
      // A file with a broken template changes nothing, like any other invalid file.
      for (const [kind, ruleSet] of rules) {
        const broken = await brokenTemplateMessage(ruleSet, renderer);
        if (broken) return { ok: false as const, field: `rules.${kind}`, message: broken };
      }
      for (const [kind, ruleSet] of rules) await config.saveRuleSet(kind as RuleKind, ruleSet);
      await config.saveSettings(Object.fromEntries(Object.entries(parsed.file.settings).filter(([key]) => !locked.lockedSettings.includes(key))));
      await onSettingsChanged();
      checkSoon();
      return { ok: true as const };
    },
    'config.managed': () => managedState(db),
    async dryRun({ key }) {
      const item = await db.inbox.get(key);
      if (!item) throw new Error(`Нет такой коммуникации во входящих: ${key}`);
      const autocrm = await config.autocrmClient();
      if (!autocrm) throw new Error('AutoCRM не подключена');
      return dryRun({ db, inbox: runner.inbox, autocrm, renderer, now: Date.now }, item, await config.pipelineConfig(), (id) => config.userOfEmployee(id));
    },
    async 'caller.lookup'({ phone }, from) {
      const autocrm = await config.autocrmClient();
      if (!autocrm) throw new Error('AutoCRM не подключена');
      return guard.lookup(from.tab, phone, async (number) => {
        const users = new Map((await db.userMap.toArray()).map((u) => [u.autocrmUserId, u.name]));
        return lookupCaller(autocrm, number, users);
      });
    },
    async 'inbox.item'({ key }) {
      const item = await db.inbox.get(key);
      if (!item) return null;
      return { key, state: item.state, reason: item.reason, error: item.error, created: item.created, dueAt: item.dueAt < Number.MAX_SAFE_INTEGER ? item.dueAt : null, advice: operatorAdvice(item) };
    },
    async 'inbox.retryOne'({ key }) {
      const retried = await runner.inbox.retry([key]);
      void runner.run(await rereadKindsOf(runner));
      return { retried };
    },
    async 'call.start'({ phone }, from) {
      const [callgear, settings, configured, accounts] = await Promise.all([config.callgearClient(), config.pipelineConfig(), config.clickToCallNumber(), config.accounts()]);
      const employeeId = settings.installation.employeeId;
      if (from.kind === 'content' && !accounts.some((a) => a.kind === 'autocrm')) {
        return refused('Звонки со страниц AutoCRM работают только после подключения AutoCRM в настройках.', 'Calls from AutoCRM pages work only once AutoCRM is connected in the settings.');
      }
      if (!callgear) return { ok: false, text: { ru: 'CallGear не подключён: добавьте аккаунт в настройках.', en: 'CallGear is not connected: add the account in the settings.' } };
      if (employeeId === null) return { ok: false, text: { ru: 'Не выбран ваш сотрудник CallGear: настройки → «Эта установка».', en: 'Your CallGear employee is not chosen: settings → This installation.' } };
      const dialable = checkDialable(phone);
      if (!dialable.ok) return { ok: false, said: dialable.said };
      const contact = dialable.e164;
      if (from.kind === 'content' && !guard.admitCall(from.tab)) {
        return refused('Слишком много звонков с этой вкладки за минуту. Попробуйте чуть позже.', 'Too many calls from this tab in a minute. Try again shortly.');
      }
      try {
        const virtualNumber = configured ?? (await callgear.virtualNumbers())[0]?.virtual_phone_number;
        if (!virtualNumber) return { ok: false, text: { ru: 'В CallGear нет виртуального номера для звонков.', en: 'CallGear has no virtual number for calls.' } };
        const callSessionId = await callgear.startEmployeeCall({ employeeId, contact: contact.slice(1), virtualNumber });
        return { ok: true, callSessionId };
      } catch (error) {
        return { ok: false, text: isApiError(error) ? error.text : { ru: String(error), en: String(error) } };
      }
    },
    'userSync.start': ({ includeFired, subset }) => startUserSync(db, config, { includeFired, subset }),
    'userSync.preview': ({ includeFired, subset }) => previewUserSync(db, config, { includeFired, subset }),
    'userSync.state': async () => ((await db.settings.get(SYNC_STATE_KEY))?.value as SyncState | undefined) ?? null,
    async 'userSync.disable'({ employeeId }) {
      const callgear = await config.callgearClient();
      if (!callgear) throw new Error('CallGear не подключён');
      await callgear.disableEmployee(employeeId);
      return { disabled: true };
    },
    'personalManagers.overview': () => personalManagerOverview(db),
    async 'personalManagers.retry'() {
      const retried = await retryPersonalManagers(db);
      if (retried) void runner.run('none');
      return { retried };
    },
    'callgear.droppedFields': () => droppedFieldsView(db),
    // Reconciliation
    'reconcile.run': ({ days }) => reconcileRun({ db, config }, days),
    'reconcile.takeIn': ({ kind, ids, days }) => reconcileTakeIn({ db, config, runner }, kind, ids, days),
    'diagnostics.report': () =>
      collectDiagnosticReport({ db, config, log: requestLog, extensionVersion: browser.runtime.getManifest().version, userAgent: navigator.userAgent }),
    'check.run': () => check.run(),
    'check.last': () => check.last(),
    'check.progress': () => check.progress(),
    async 'softphone.event'({ event }) {
      noteSoftphone(db);
      const kind = kindToPoll(event);
      // A finished call or chat: read its report soon. Bursts fold into one poll per kind and interval.
      if (kind) guard.poll(kind, () => void runner.run([kind]));
      return { accepted: true };
    },
  };
}

/** An AutoCRM page spoke (at most one note an hour per worker life): the check can tell "no softphone" from "no page seen". */
let contentNotedAt = 0;
function noteContentPage(db: AppDb): void {
  const now = Date.now();
  if (now - contentNotedAt < 3_600_000) return;
  contentNotedAt = now;
  void noteAutocrmPage(db, false, now).catch(() => undefined);
}

/** The softphone spoke (one note a minute): a burst of page events makes no burst of writes. */
let softphoneNotedAt = 0;
function noteSoftphone(db: AppDb): void {
  const now = Date.now();
  if (now - softphoneNotedAt < 60_000) return;
  softphoneNotedAt = now;
  void noteAutocrmPage(db, true, now).catch(() => undefined);
}

/** Checks who sent a message and what it is, then runs its handler; always answers with a Reply. */
export function createRouter(deps: RouterDeps) {
  const handlers = createHandlers(deps);
  // The request log starts with the worker's message layer, so every request of this life is logged.
  void startRequestLog(deps.db).catch(() => undefined);
  return async (raw: unknown, sender: SenderFacts): Promise<Reply<unknown>> => {
    const accounts = await deps.config.accounts();
    const autocrmOrigin = accounts.find((a) => a.kind === 'autocrm')?.settings.url;
    const kind = classifySender(sender, browser.runtime.id, autocrmOrigin ? [autocrmOrigin] : undefined);
    if (!kind) return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
    try {
      // Inside the try: whatever the parse meets (a stack overflow included), the sender gets an answer.
      const parsed = parseRequest(raw, kind);
      if (!parsed.ok) return parsed;
      if (kind === 'content') noteContentPage(deps.db);
      const handler = handlers[parsed.request.type] as (r: BackgroundRequest, from: Asker) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.request, { kind, tab: kind === 'content' ? `tab:${sender.tab?.id ?? '?'}` : kind }) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
