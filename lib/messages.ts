import type { AccountInput, AccountView, SettingsInput } from './config-store';
import type { InboxItem, InboxState, ItemError, StepRecord, UserMapRecord } from './db';
import type { Phrase, Said } from './phrase';
import type { RuleKind } from './domain/communication';
import type { PipelineConfig } from './pipeline/config';
import type { LastPoll, PollRequest, RunSummary } from './pipeline/runner';
import type { OperatorAdvice } from './pipeline/operator-advice';
import type { ManagerOverview } from './users/personal-managers';
import type { RuleSet, Rules } from './rules/schema';
import type { RenderResult, TemplateContext } from './templates/render-protocol';
import type { SoftphoneEvent } from './softphone/events';
import type { CheckResult } from './connection-check';
import type { ConnectionState } from './connection/state';
import type { SetupStep } from './setup/checklist';
import type { Dictionaries } from './dictionaries';
import type { ConfigFile } from './config-file';
import type { DryRunResult } from './pipeline/dry-run';
import type { CallerInfo } from './caller-lookup';
import type { PlannedRow } from './users/plan';
import type { SyncState } from './users/sync';
import type { BudgetView } from './pipeline/poll-pacing';
import type { DroppedFieldsView } from './pipeline/dropped-fields';
import type { ReconcileResult, TakeInResult } from './pipeline/reconcile';
import type { CommKind } from './domain/communication';
import type { CheckProgress, CheckReport } from './integration-check/types';

/**
 * Typed messages to the background. Types only, so pages and content scripts stay small; the runtime
 * schemas live in message-schemas.ts, which only the background loads. Each request names who may send
 * it: `page` (this extension's own pages) or `content` (the content script on an AutoCRM origin). The
 * background checks the sender first and the payload's schema second (docs/decisions.md, "Messages: sender first, schema second").
 */
export interface RequestMap {
  status: { type: 'status' };
  render: { type: 'render'; template: string; context: TemplateContext; maxLength?: number };
  'accounts.list': { type: 'accounts.list' };
  'accounts.save': { type: 'accounts.save'; account: AccountInput };
  'rules.get': { type: 'rules.get' };
  'rules.save': { type: 'rules.save'; kind: RuleKind; ruleSet: RuleSet };
  'settings.get': { type: 'settings.get' };
  'settings.save': { type: 'settings.save'; settings: SettingsInput };
  'userMap.save': { type: 'userMap.save'; records: { autocrmUserId: number; callgearEmployeeId: number; name: string }[] };
  'userMap.get': { type: 'userMap.get' };
  'pipeline.run': { type: 'pipeline.run'; poll: PollRequest };
  'inbox.list': { type: 'inbox.list'; limit?: number; states?: InboxState[] };
  'inbox.steps': { type: 'inbox.steps'; key: string };
  'inbox.retry': { type: 'inbox.retry'; keys?: string[] };
  'softphone.event': { type: 'softphone.event'; event: SoftphoneEvent };
  'accounts.check': { type: 'accounts.check'; kind: 'autocrm' | 'callgear' };
  'accounts.check.cancel': { type: 'accounts.check.cancel'; kind: 'autocrm' | 'callgear' };
  'setup.checklist': { type: 'setup.checklist' };
  'accounts.delete': { type: 'accounts.delete'; id: string };
  'dictionaries.get': { type: 'dictionaries.get' };
  'config.export': { type: 'config.export' };
  'config.import': { type: 'config.import'; text: string };
  'config.managed': { type: 'config.managed' };
  'dryRun': { type: 'dryRun'; key: string };
  'caller.lookup': { type: 'caller.lookup'; phone: string };
  'inbox.item': { type: 'inbox.item'; key: string };
  'inbox.retryOne': { type: 'inbox.retryOne'; key: string };
  'call.start': { type: 'call.start'; phone: string };
  'userSync.start': { type: 'userSync.start'; includeFired?: boolean; subset?: number[] };
  'userSync.preview': { type: 'userSync.preview'; includeFired?: boolean; subset?: number[] };
  'userSync.state': { type: 'userSync.state' };
  'userSync.disable': { type: 'userSync.disable'; employeeId: number };
  'personalManagers.overview': { type: 'personalManagers.overview' };
  'personalManagers.retry': { type: 'personalManagers.retry' };
  /** Report field names the CallGear account refused (left out of every read since), for the activity log. */
  'callgear.droppedFields': { type: 'callgear.droppedFields' };
  // Reconciliation: CallGear's reports against the inbox, and taking gaps in.
  /** Compares the last `days` days (default 7) of CallGear's reports with the inbox. */
  'reconcile.run': { type: 'reconcile.run'; days?: number };
  /** Takes gap rows into the inbox (read from the report over the last `days` days, default 90). */
  'reconcile.takeIn': { type: 'reconcile.takeIn'; kind: CommKind; ids: number[]; days?: number };
  /** The diagnostic report for support (lib/diagnostics): versions, settings, last check, recent requests. */
  'diagnostics.report': { type: 'diagnostics.report' };
  /** Runs the integration check (or joins the run under way) and answers with its report when it ends. */
  'check.run': { type: 'check.run' };
  /** The last integration check's report, or null before the first run. */
  'check.last': { type: 'check.last' };
  /** How far the running integration check is, or null when none runs (the page polls it during a run). */
  'check.progress': { type: 'check.progress' };
}

export type RequestType = keyof RequestMap;
export type BackgroundRequest<T extends RequestType = RequestType> = RequestMap[T];

export type SenderKind = 'page' | 'content';

/** Which senders may send which request: content scripts only report softphone events and read status. */
export const allowedSenders: Record<RequestType, readonly SenderKind[]> = {
  status: ['page', 'content'],
  render: ['page'],
  'accounts.list': ['page'],
  'accounts.save': ['page'],
  'rules.get': ['page'],
  'rules.save': ['page'],
  'settings.get': ['page'],
  'settings.save': ['page'],
  'userMap.save': ['page'],
  'userMap.get': ['page'],
  'pipeline.run': ['page'],
  'inbox.list': ['page'],
  'inbox.steps': ['page'],
  'inbox.retry': ['page'],
  'softphone.event': ['content'],
  'accounts.check': ['page'],
  'accounts.check.cancel': ['page'],
  'setup.checklist': ['page'],
  'accounts.delete': ['page'],
  'dictionaries.get': ['page'],
  'config.export': ['page'],
  'config.import': ['page'],
  'config.managed': ['page'],
  dryRun: ['page'],
  'caller.lookup': ['content', 'page'],
  'inbox.item': ['content', 'page'],
  'inbox.retryOne': ['content', 'page'],
  'call.start': ['content', 'page'],
  'userSync.start': ['page'],
  'userSync.preview': ['page'],
  'userSync.state': ['page'],
  'userSync.disable': ['page'],
  'personalManagers.overview': ['page'],
  'personalManagers.retry': ['page'],
  'callgear.droppedFields': ['page'],
  // Reconciliation
  'reconcile.run': ['page'],
  'reconcile.takeIn': ['page'],
  'diagnostics.report': ['page'],
  'check.run': ['page'],
  'check.last': ['page'],
  'check.progress': ['page'],
};

export interface StatusResponse {
  version: string;
  configured: { autocrm: boolean; callgear: boolean };
  /** What the header and the popup say about each service, from the last real check. */
  connections: { autocrm: ConnectionState; callgear: ConnectionState };
  counts: Record<InboxState, number>;
  oldestWaiting: string | null;
  lastPoll: LastPoll | null;
  pointsToday: number;
  /** CallGear's point budget: the day limit, this installation's use and the idle pace. */
  budget: BudgetView;
  role: 'operator' | 'coordinator';
}

export interface ResponseMap {
  status: StatusResponse;
  render: RenderResult;
  'accounts.list': AccountView[];
  'accounts.save': AccountView;
  'rules.get': Rules;
  'rules.save': { saved: true };
  'settings.get': Omit<PipelineConfig, 'rules'> & { clickToCallNumber?: string; userSyncNightly?: { enabled: boolean; time: string; includeFired: boolean }; pointBudgetShare?: number; retentionDays?: number };
  'settings.save': { saved: true };
  'userMap.save': { saved: number };
  'userMap.get': UserMapRecord[];
  'pipeline.run': RunSummary;
  'inbox.list': InboxItem[];
  'inbox.steps': StepRecord[];
  'inbox.retry': { retried: number };
  'softphone.event': { accepted: boolean };
  'accounts.check': CheckResult;
  'accounts.check.cancel': { cancelled: true };
  'setup.checklist': SetupStep[];
  'accounts.delete': { deleted: true };
  'dictionaries.get': Dictionaries;
  'config.export': ConfigFile;
  'config.import': { ok: true } | { ok: false; field: string; message: string };
  'config.managed': ManagedState;
  dryRun: DryRunResult;
  'caller.lookup': CallerInfo;
  'inbox.item': ItemView | null;
  'inbox.retryOne': { retried: number };
  'call.start': { ok: true; callSessionId: number } | { ok: false; text: { ru: string; en: string } } | { ok: false; said: Phrase };
  'userSync.start': SyncState;
  'userSync.preview': PlannedRow[];
  'userSync.state': SyncState | null;
  'userSync.disable': { disabled: true };
  'personalManagers.overview': ManagerOverview;
  'personalManagers.retry': { retried: number };
  'callgear.droppedFields': DroppedFieldsView;
  // Reconciliation
  'reconcile.run': ReconcileResult;
  'reconcile.takeIn': TakeInResult;
  /** The report as JSON text, ready to save as a file. */
  'diagnostics.report': string;
  'check.run': CheckReport;
  'check.last': CheckReport | null;
  'check.progress': CheckProgress | null;
}

/** What a content script may see of an inbox item: view data only. */
export interface ItemView {
  key: string;
  state: InboxState;
  reason: Said | null;
  error: ItemError | null;
  created: { entity: string; id: number; url: string | null }[];
  dueAt: number | null;
  /** What the operator can do about an error: retry, or tell the admin (lib/pipeline/operator-advice.ts). */
  advice: OperatorAdvice | null;
}

/** What an enterprise policy set: the configuration and which parts are locked. */
export interface ManagedState {
  present: boolean;
  lockedRules: RuleKind[];
  lockedSettings: string[];
  error: string | null;
}

export interface MessageError {
  code: 'forbidden' | 'invalid' | 'unknown-type' | 'internal';
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: MessageError };

/** Sends a typed request with any transport (runtime.sendMessage in the extension) and unwraps the reply. */
export async function askBackground<T extends RequestType>(
  send: (message: unknown) => Promise<unknown>,
  request: BackgroundRequest<T> & { type: T },
): Promise<ResponseMap[T]> {
  const reply = (await send(request)) as Reply<ResponseMap[T]> | undefined;
  if (!reply) throw new Error('The extension background did not answer');
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}
