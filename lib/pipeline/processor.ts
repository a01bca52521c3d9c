import { phrase } from '../phrase';
import { isApiError } from '../api-error';
import type { InboxItem, ItemError, LinkRecord } from '../db';
import { NEVER } from '../db';
import { clientNameOf } from '../domain/communication';
import { templateContext } from '../templates/context';
import { execute, renderTexts, TemplateFailure } from './act';
import type { PipelineConfig } from './config';
import { ownership } from './ownership';
import { planItem, type PlanningDeps } from './planning';
import { LEASE_MS } from './inbox';
import { LinkKeeper } from './link-keeper';
import { retryDelay } from './retry';
import type { Lookups, Plan } from './plan';
import type { TemplateContext } from '../templates/render-protocol';
import { notePersonalManager } from '../users/personal-managers';

export interface ProcessorDeps extends PlanningDeps {
  config: () => Promise<PipelineConfig>;
  random?: () => number;
}

/** Look-ups of an earlier attempt are reused this long (a retry repeats only what failed). */
const LOOKUPS_TTL_MS = 60 * 60_000;

/** How long to wait before looking at a chat that is still running. */
const OPEN_CHAT_RECHECK_MS = 2 * 60_000;

function errorInfo(error: unknown): ItemError {
  if (error instanceof TemplateFailure) {
    // Worded by the UI from the key and params (lib/templates/error-text.ts), in its language.
    return {
      kind: 'template',
      template: { field: error.field, line: error.error.line, column: error.error.column, key: error.error.key, params: error.error.params, message: error.error.message },
    };
  }
  if (isApiError(error)) return { kind: error.kind, service: error.service, code: error.code, ru: error.text.ru, en: error.text.en };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', said: phrase('pipeline.error.internal', { detail: message }) };
}

/**
 * Works through due inbox items: decide (pure) → render → act → record, each item under a lease,
 * several at a time. Retryable failures wait with backoff; the rest stop as needs-fix with the reason.
 */
export class Processor {
  /** Links read with the claim (one transaction for both), taken by each item as it starts. */
  private readonly claimedLinks = new Map<string, LinkRecord>();
  /**
   * Items this processor is working on. A claim never takes them again, even when a slow step outlived
   * the lease: two attempts side by side could both find nothing and both create.
   */
  private readonly inFlight = new Set<string>();
  /** Items claimed ahead of a free slot, as they were before the claim: put back if the drain ends first. */
  private readonly notStarted = new Map<string, InboxItem>();

  constructor(private readonly deps: ProcessorDeps) {}

  /**
   * Processes due items until none are left or the time budget is spent, `concurrency` at a time: each
   * slot takes the next item as soon as it is free, so one slow request does not hold up the others.
   * Returns how many items it finished.
   */
  async drain({ owner, concurrency = 6, budgetMs = 20_000 }: { owner: string; concurrency?: number; budgetMs?: number }): Promise<number> {
    const config = await this.deps.config();
    const deadline = this.deps.now() + budgetMs;
    let finished = 0;
    const next = this.claimer(owner, concurrency);
    const slot = async () => {
      while (this.deps.now() < deadline) {
        const item = await next();
        if (!item) return;
        try {
          if (await this.process(item, owner, config)) finished++;
        } finally {
          this.inFlight.delete(item.key);
        }
      }
    };
    // Every slot ends before the drain does, even when one fails: a slot still working after the drain
    // ended could meet the next cycle's processor on the same item.
    const slots = await Promise.allSettled(Array.from({ length: concurrency }, slot));
    await this.releaseNotStarted(owner);
    const failed = slots.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return finished;
  }

  /**
   * Hands each free slot its next item. A claim takes, besides one item per free slot, `ahead` more
   * for the slots that free up next (one claim transaction for several items, not one each). Those wait
   * under this worker's lease; when the drain ends first they are put back as they were
   * (`releaseNotStarted`), and a worker stopped meanwhile leaves them to the next one's
   * `releaseLeasesNotOwnedBy`.
   */
  private claimer(owner: string, ahead: number): () => Promise<InboxItem | undefined> {
    let waiting = 0;
    const handed: InboxItem[] = [];
    let pending: Promise<number> | null = null;
    const claim = async () => {
      await Promise.resolve(); // let every slot that is free now ask first
      const items = await this.deps.inbox.claim(owner, waiting + ahead, (item) => !this.inFlight.has(item.key), this.claimedLinks, this.notStarted);
      for (const item of items) this.inFlight.add(item.key);
      handed.push(...items);
      return items.length;
    };
    return async () => {
      waiting++;
      try {
        while (handed.length === 0) {
          pending ??= claim().finally(() => (pending = null));
          if ((await pending) === 0) return undefined;
        }
        return handed.shift();
      } finally {
        waiting--;
      }
    };
  }

  /** Puts back the items claimed ahead that no slot started. */
  private async releaseNotStarted(owner: string): Promise<void> {
    const left = [...this.notStarted.values()];
    this.notStarted.clear();
    for (const item of left) {
      this.claimedLinks.delete(item.key);
      this.inFlight.delete(item.key);
    }
    await this.deps.inbox.release(left, owner);
  }

  /**
   * Decides, or, when an earlier attempt already created something in AutoCRM, keeps that attempt's
   * plan: deciding again could read the new client as a "repeat contact" and create a second entity.
   * The link read with the claim is handed to the act step. A new plan is written with the first record
   * of the link, in one transaction, with a renewed lease (or with the outcome, when nothing is created):
   * a link never records a create without its plan.
   */
  private async planFor(item: InboxItem, owner: string, config: PipelineConfig, context: TemplateContext, claimed?: LinkRecord): Promise<{ plan: Plan; lookups: Lookups; link: LinkKeeper }> {
    const link = claimed ?? (await this.deps.db.links.get(item.key)) ?? { key: item.key };
    const put = async (record: LinkRecord) => void (await this.deps.db.links.put(record));
    const started = link.entity || link.clientId !== undefined || link.callId !== undefined || link.taskId !== undefined;
    /** The first record of this attempt also renews the item's lease (with the plan, when it is new). */
    const firstWithLease = (patch: Partial<InboxItem>) => {
      let first = true;
      return async (record: LinkRecord) => {
        if (!first) return put(record);
        first = false;
        await this.deps.inbox.update(item.key, owner, { ...patch, dueAt: this.deps.now() + LEASE_MS }, record);
      };
    };
    if (started && item.plan) {
      this.deps.inbox.note(item.key, 'resume', { plan: item.plan.ruleName, link });
      return { plan: item.plan, lookups: { takerUserId: null, client: link.clientId !== undefined ? { id: link.clientId } : undefined }, link: new LinkKeeper(link, firstWithLease({})) };
    }
    const earlier = link.lookups && this.deps.now() - link.lookups.at < LOOKUPS_TTL_MS ? link.lookups.value : null;
    const { plan, lookups, gathered } = await planItem(this.deps, item, config, context, earlier);
    this.deps.inbox.note(item.key, 'decide', { rule: plan.ruleName, outcome: plan.outcome, task: plan.task, explanation: plan.explanation });
    const current = gathered ? { ...link, lookups: { at: this.deps.now(), value: lookups } } : link;
    return { plan, lookups, link: new LinkKeeper(current, firstWithLease({ state: 'planned', plan }), gathered) };
  }

  /** The client's CallGear contact should carry the responsible as personal manager (worked off later). */
  private async notePersonalManager(item: InboxItem, plan: Plan): Promise<void> {
    const outcome = plan.outcome;
    if (outcome.type !== 'create' || outcome.responsibleId === null || !item.comm.contactPhone) return;
    const v = item.comm.variables;
    const clientName = clientNameOf(v);
    const contactId = typeof v.contact_id === 'number' ? v.contact_id : null;
    await notePersonalManager(this.deps.db, { phone: item.comm.contactPhone, autocrmUserId: outcome.responsibleId, clientName, contactId }, this.deps.now());
  }

  private async process(item: InboxItem, owner: string, config: PipelineConfig): Promise<boolean> {
    const { inbox } = this.deps;
    const now = this.deps.now();
    const claimed = this.claimedLinks.get(item.key);
    this.claimedLinks.delete(item.key);
    this.notStarted.delete(item.key);
    const whose = ownership(item, config.installation, now);
    if (!whose.mine) {
      const patch = whose.until === null ? { state: 'skipped' as const, dueAt: NEVER, reason: whose.reason } : { state: 'deferred' as const, dueAt: whose.until, reason: whose.reason };
      await inbox.update(item.key, owner, patch);
      return false;
    }
    if (item.kind === 'chat' && !item.comm.finished) {
      await inbox.update(item.key, owner, { state: 'deferred', dueAt: now + OPEN_CHAT_RECHECK_MS, reason: phrase('pipeline.reason.chatOpen') });
      return false;
    }
    let decided: { plan: Plan; link: LinkKeeper } | undefined;
    try {
      const context = templateContext(item.comm, config.dealershipZone);
      const { plan, lookups, link } = (decided = await this.planFor(item, owner, config, context, claimed));
      const outcome = plan.outcome;
      // Every outcome below carries the plan and what the link holds unwritten, in the same transaction.
      if (outcome.type === 'defer') {
        await inbox.update(item.key, owner, { state: 'deferred', plan, dueAt: Date.parse(outcome.until), reason: outcome.reason }, link.pending());
        return false;
      }
      if (outcome.type === 'misconfigured') {
        const error = { kind: 'rule', said: phrase('pipeline.error.ruleIncomplete', { reason: { said: outcome.reason } }) };
        await inbox.update(item.key, owner, { state: 'needs-fix', plan, dueAt: NEVER, reason: outcome.reason, error }, link.pending());
        return true;
      }
      // Rendering runs in this worker (no round trip), under the claim's lease.
      const texts = await renderTexts(this.deps, plan, context);
      inbox.note(item.key, 'render', texts);
      const result = await execute({ ...this.deps, autocrmZone: config.autocrmZone }, item.key, item.comm, plan, lookups, texts, link);
      inbox.note(item.key, result.state, { reason: result.reason, created: result.created });
      // The last create's record goes with the outcome: one transaction, and nothing in between.
      await inbox.update(item.key, owner, { state: result.state, plan, dueAt: NEVER, reason: result.reason, error: null, created: result.created }, result.link);
      // After the outcome: a killed worker must not leave a create unrecorded for this note's sake, and the
      // communication is done whether or not the note (worked off later) could be written.
      if (config.personalManagers) await this.notePersonalManager(item, plan).catch(() => undefined);
      return true;
    } catch (error) {
      const info = errorInfo(error);
      const retryable = (isApiError(error) && error.retryable) || info.kind === 'internal';
      const dueAt = retryable ? now + retryDelay(item.attempts, error, this.deps.random) : NEVER;
      inbox.note(item.key, retryable ? 'failed' : 'needs-fix', info);
      const failed = { state: retryable ? ('failed' as const) : ('needs-fix' as const), dueAt, reason: ('said' in info && info.said) || phrase('pipeline.reason.error'), error: info };
      await inbox.update(item.key, owner, decided ? { ...failed, plan: decided.plan } : failed, decided?.link.pending());
      return !retryable;
    }
  }
}
