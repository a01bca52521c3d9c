import { browser } from 'wxt/browser';
import type { ConfigStore } from '@/lib/config-store';
import type { AppDb } from '@/lib/db';
import type { BackgroundRequest, Reply, ResponseMap, RequestType } from '@/lib/messages';
import { parseRequest } from '@/lib/message-schemas';
import type { PipelineRunner, LastPoll, PollRequest } from '@/lib/pipeline/runner';
import { classifySender, type SenderFacts } from '@/lib/sender';
import { kindToPoll } from '@/lib/softphone/events';
import { DEFAULT_RENDER_BUDGET_MS, type TemplateRenderer } from '@/lib/templates/render-protocol';
import { probeStringEval } from './csp-probe';
import { checkAutocrm, checkCallGear, type CheckResult } from '@/lib/connection-check';
import { readDictionaries } from '@/lib/dictionaries';
import { parseConfigFile, toConfigFile } from '@/lib/config-file';
import { managedState } from '@/lib/managed-config';
import { dryRun } from '@/lib/pipeline/dry-run';
import type { RuleKind } from '@/lib/domain/communication';
import { lookupCaller } from '@/lib/caller-lookup';
import { toE164 } from '@/lib/phone';
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

const notConfigured: CheckResult = { ok: false, kind: 'not-configured', text: { ru: 'Аккаунт ещё не добавлен.', en: 'The account is not added yet.' } };

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
}

type Handlers = { [T in RequestType]: (request: BackgroundRequest<T>) => Promise<ResponseMap[T]> };

function createHandlers({ db, config, renderer, runner, check, onSettingsChanged }: RouterDeps): Handlers {
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
      return {
        version: browser.runtime.getManifest().version,
        configured: { autocrm: accounts.some((a) => a.kind === 'autocrm'), callgear: accounts.some((a) => a.kind === 'callgear') },
        stringEval: probeStringEval(),
        counts: summary.counts,
        oldestWaiting: summary.oldestWaiting,
        lastPoll: (lastPoll?.value as LastPoll | undefined) ?? null,
        pointsToday,
        budget,
        role: settings.installation.role,
      };
    },
    render: ({ template, context, budgetMs, maxLength }) => renderer.render({ template, context, budgetMs: budgetMs ?? DEFAULT_RENDER_BUDGET_MS, maxLength }),
    'accounts.list': () => config.accounts(),
    async 'accounts.save'({ account }) {
      const saved = await config.saveAccount(account);
      checkSoon();
      return saved;
    },
    'rules.get': () => config.rules(),
    async 'rules.save'({ kind, ruleSet }) {
      if ((await managedState(db)).lockedRules.includes(kind)) throw new Error('Эти правила заданы политикой администратора и заблокированы');
      await config.saveRuleSet(kind, ruleSet);
      checkSoon();
      return { saved: true };
    },
    async 'settings.get'() {
      const { rules: _rules, ...settings } = await config.pipelineConfig();
      return { ...settings, clickToCallNumber: (await config.clickToCallNumber()) ?? undefined, userSyncNightly: await config.userSyncNightly(), pointBudgetShare: await config.pointBudgetShare() };
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
      checkSoon();
      return { saved: records.length };
    },
    'userMap.get': () => db.userMap.toArray(),
    'pipeline.run': ({ poll }) => runner.run(poll),
    'inbox.list': ({ limit = 200, states }) =>
      (states ? db.inbox.where('state').anyOf(states) : db.inbox.orderBy('at')).reverse().limit(limit).toArray(),
    'inbox.steps': ({ key }) => runner.inbox.steps(key),
    async 'inbox.retry'({ keys }) {
      const retried = await runner.inbox.retry(keys);
      void runner.run(await rereadKindsOf(runner));
      return { retried };
    },
    async 'accounts.check'({ kind }) {
      const accounts = await config.accounts();
      if (kind === 'autocrm') {
        const client = await config.autocrmClient();
        if (!client) return notConfigured;
        return checkAutocrm(client, accounts.find((a) => a.kind === 'autocrm')?.settings.login);
      }
      const client = await config.callgearClient();
      return client ? checkCallGear(client) : notConfigured;
    },
    async 'accounts.delete'({ id }) {
      await config.deleteAccount(id);
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
    async 'caller.lookup'({ phone }) {
      const autocrm = await config.autocrmClient();
      if (!autocrm) throw new Error('AutoCRM не подключена');
      const users = new Map((await db.userMap.toArray()).map((u) => [u.autocrmUserId, u.name]));
      return lookupCaller(autocrm, phone, users);
    },
    async 'inbox.item'({ key }) {
      const item = await db.inbox.get(key);
      if (!item) return null;
      return { key, state: item.state, reason: item.reason, error: item.error ? { ru: item.error.ru, en: item.error.en } : null, created: item.created, dueAt: item.dueAt < Number.MAX_SAFE_INTEGER ? item.dueAt : null };
    },
    async 'inbox.retryOne'({ key }) {
      const retried = await runner.inbox.retry([key]);
      void runner.run(await rereadKindsOf(runner));
      return { retried };
    },
    async 'call.start'({ phone }) {
      const [callgear, settings, configured] = await Promise.all([config.callgearClient(), config.pipelineConfig(), config.clickToCallNumber()]);
      const employeeId = settings.installation.employeeId;
      if (!callgear) return { ok: false, text: { ru: 'CallGear не подключён: добавьте аккаунт в настройках.', en: 'CallGear is not connected: add the account in the settings.' } };
      if (employeeId === null) return { ok: false, text: { ru: 'Не выбран ваш сотрудник CallGear: настройки → «Эта установка».', en: 'Your CallGear employee is not chosen: settings → This installation.' } };
      const contact = toE164(phone);
      if (!contact) return { ok: false, text: { ru: `«${phone}» не похоже на номер телефона.`, en: `"${phone}" does not look like a phone number.` } };
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
      void noteAutocrmPage(db, true, Date.now()).catch(() => undefined);
      const kind = kindToPoll(event);
      if (kind) void runner.run([kind]); // a finished call or chat: read its report now
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
    const parsed = parseRequest(raw, kind);
    if (!parsed.ok) return parsed;
    if (kind === 'content') noteContentPage(deps.db);
    try {
      const handler = handlers[parsed.request.type] as (r: BackgroundRequest) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.request) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
