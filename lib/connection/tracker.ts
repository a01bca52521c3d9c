import type { Service } from '../api-error';
import type { AppDb } from '../db';
import { connectionState, type ConnectionOutcome, type ConnectionState } from './state';

const key = (service: Service) => `connection:${service}`;

/**
 * Keeps, per service, the outcome of the last real check (in settings, so a restarted worker still
 * knows it) and which checks are running now (in memory: a check dies with its worker). A cancelled
 * check's late answer is dropped; a saved account forgets the old outcome.
 */
export class ConnectionTracker {
  private readonly running = new Map<Service, { id: number; since: number }>();
  private nextId = 1;

  constructor(
    private readonly db: AppDb,
    private readonly now: () => number = Date.now,
    /** Told when a check starts or stops: "checking" lives in memory, where no write announces it. */
    private readonly changed: () => void = () => undefined,
  ) {}

  begin(service: Service): number {
    const id = this.nextId++;
    this.running.set(service, { id, since: this.now() });
    this.changed();
    return id;
  }

  /** Records the outcome of check `id`, unless it was cancelled or superseded. Returns whether it counted. */
  async finish(service: Service, id: number, outcome: ConnectionOutcome | null): Promise<boolean> {
    if (this.running.get(service)?.id !== id) return false;
    this.running.delete(service);
    this.changed();
    if (outcome) await this.db.settings.put({ key: key(service), value: outcome });
    return true;
  }

  cancel(service: Service): void {
    this.running.delete(service);
    this.changed();
  }

  /** An outcome found outside a manual check (the integration check). */
  async record(service: Service, outcome: ConnectionOutcome): Promise<void> {
    const last = await this.outcome(service);
    if (!last || last.at <= outcome.at) await this.db.settings.put({ key: key(service), value: outcome });
  }

  async forget(service: Service): Promise<void> {
    await this.db.settings.delete(key(service));
  }

  async outcome(service: Service): Promise<ConnectionOutcome | null> {
    return ((await this.db.settings.get(key(service)))?.value as ConnectionOutcome | undefined) ?? null;
  }

  /**
   * A manual check always shows as "checking". The integration check (run in the background after every
   * change) shows so only while nothing is known yet; otherwise the last outcome stays until it ends.
   */
  async state(service: Service, configured: boolean, integrationCheckRunning = false): Promise<ConnectionState> {
    const outcome = await this.outcome(service);
    const running = this.running.get(service)?.since ?? (integrationCheckRunning && !outcome ? this.now() : null);
    return connectionState(configured, outcome, running);
  }
}
