import { isApiError } from '../api-error';
import type { ConfigStore } from '../config-store';
import type { AppDb, ErrorInfo } from '../db';
import type { CommKind } from '../domain/communication';
import type { CallGearClient } from '../callgear/client';
import type { TemplateRenderer } from '../templates/render-protocol';
import { storedPhoneForms } from '../integration-check/phone-forms';
import { PersonalManagerSync } from '../users/personal-managers';
import { DEFAULT_INSTALLATION } from './config';
import { Inbox } from './inbox';
import { Intake, reportSourceOf } from './intake';
import { Processor } from './processor';
import { prune } from './prune';

export type PollRequest = 'none' | 'changed' | 'all' | CommKind[];

export interface RunSummary {
  configured: boolean;
  polled: CommKind[];
  added: number;
  quarantined: number;
  processed: number;
  pollError: ErrorInfo | null;
  nextDueAt: number | null;
}

export interface LastPoll {
  at: number;
  ok: boolean;
  kinds: CommKind[];
  error: ErrorInfo | null;
}

/** Chrome alarms, or anything that can wake the runner later. */
export interface Wakeups {
  wakeAt(when: number): void;
}

export interface RunnerDeps {
  db: AppDb;
  config: ConfigStore;
  renderer: TemplateRenderer;
  wakeups: Wakeups;
  owner: string;
  now?: () => number;
}

/** Pruning runs at most this often in one worker life, unless its last run left work for the next. */
const PRUNE_EVERY_MS = 10 * 60_000;

const errorInfo = (error: unknown): ErrorInfo =>
  isApiError(error)
    ? { kind: error.kind, service: error.service, code: error.code, ru: error.text.ru, en: error.text.en }
    : { kind: 'internal', ru: String(error), en: String(error) };

/**
 * One pipeline cycle at a time in this service worker: poll (what was asked), process what is due
 * within a time budget, and ask to be woken when the next item falls due.
 */
export class PipelineRunner {
  private chain: Promise<unknown> = Promise.resolve();
  readonly inbox: Inbox;
  private readonly now: () => number;
  private nextPruneAt = 0;

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? Date.now;
    this.inbox = new Inbox(deps.db, this.now);
    // The first cycle of this worker's life picks up what the previous life left in flight.
    this.chain = this.inbox.releaseLeasesNotOwnedBy(deps.owner).catch(() => 0);
  }

  run(poll: PollRequest, budgetMs = 20_000): Promise<RunSummary> {
    const next = this.chain.then(() => this.cycle(poll, budgetMs));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async cycle(poll: PollRequest, budgetMs: number): Promise<RunSummary> {
    const { config, db } = this.deps;
    const [autocrm, callgear, settings] = await Promise.all([config.autocrmClient(), config.callgearClient(), config.pipelineConfig()]);
    const summary: RunSummary = { configured: Boolean(autocrm && callgear), polled: [], added: 0, quarantined: 0, processed: 0, pollError: null, nextDueAt: null };
    if (!autocrm || !callgear) return summary;

    if (poll !== 'none') {
      const intake = new Intake(db, this.inbox, reportSourceOf(callgear, db), settings.intake, this.now);
      try {
        summary.polled = poll === 'changed' ? await intake.changedKinds() : poll === 'all' ? ['call', 'chat', 'lead'] : poll;
      } catch (error) {
        summary.pollError = errorInfo(error);
      }
      // Each kind on its own: a report that keeps failing (a shape error on calls) does not starve chats and leads.
      for (const kind of summary.polled) {
        try {
          const result = await intake.poll(kind);
          summary.added += result.added;
          summary.quarantined += result.quarantined;
        } catch (error) {
          summary.pollError ??= errorInfo(error);
        }
      }
      await config.addPoints(callgear.pointsUsed);
      // What a poll that found nothing costs paces the coordinator's next polls (lib/callgear/budget.ts).
      if (!summary.pollError && summary.added === 0 && summary.quarantined === 0 && poll === 'changed') await config.noteIdlePoll(callgear.pointsUsed);
      await db.settings.put({ key: 'lastPoll', value: { at: this.now(), ok: !summary.pollError, kinds: summary.polled, error: summary.pollError } satisfies LastPoll });
    }

    // The user mapping changes only with a user sync: one read per employee per cycle is enough.
    const users = new Map<number, Promise<number | null>>();
    const userOfEmployee = (employeeId: number) => {
      const known = users.get(employeeId) ?? config.userOfEmployee(employeeId);
      users.set(employeeId, known);
      return known;
    };
    const processor = new Processor({
      db,
      inbox: this.inbox,
      autocrm,
      renderer: this.deps.renderer,
      now: this.now,
      config: async () => settings,
      userOfEmployee,
      // The forms the integration check saw AutoCRM's phone filters match (every form until it has run).
      phoneForms: await storedPhoneForms(db),
    });
    const drainStarted = this.now();
    summary.processed = await processor.drain({ owner: this.deps.owner, budgetMs, concurrency: settings.installation.parallelRequests ?? DEFAULT_INSTALLATION.parallelRequests });
    if (settings.personalManagers) await this.personalManagers(callgear);
    await this.prune();
    summary.nextDueAt = (await this.inbox.summary()).nextDueAt;
    if (summary.nextDueAt !== null) this.deps.wakeups.wakeAt(summary.nextDueAt);
    // A drain stops early only when nothing is left to claim; one that spent its whole budget with items
    // still due goes on at once. Chrome's alarms wait at least 30 s, which would leave a backlog idle for
    // longer than each drain works. The alarm above stays set in case this worker stops meanwhile.
    const outOfTime = this.now() - drainStarted >= budgetMs;
    if (outOfTime && summary.nextDueAt !== null && summary.nextDueAt <= this.now()) void this.run('none', budgetMs).catch(() => undefined);
    if (summary.pollError?.kind === 'rate-limited' || summary.pollError?.kind === 'unavailable') this.deps.wakeups.wakeAt(this.now() + 60_000);
    return summary;
  }

  /** Bounded storage: a few short transactions of pruning per cycle; a failure waits for the next cycle. */
  private async prune(): Promise<void> {
    if (this.now() < this.nextPruneAt) return;
    const retentionDays = await this.deps.config.retentionDays();
    const result = await prune(this.deps.db, { retentionDays, now: this.now, maxBatches: 5 }).catch(() => null);
    this.nextPruneAt = result?.more ? 0 : this.now() + PRUNE_EVERY_MS;
  }

  /** Brings due contacts' personal managers in line; never fails the cycle (the rows keep their reasons). */
  private async personalManagers(callgear: CallGearClient): Promise<void> {
    const before = callgear.pointsUsed;
    const result = await new PersonalManagerSync(this.deps.db, callgear, this.now).run().catch(() => null);
    await this.deps.config.addPoints(callgear.pointsUsed - before);
    if (result?.pausedUntil) this.deps.wakeups.wakeAt(result.pausedUntil);
  }
}
