/**
 * Small, framework-free limits for work a web page can trigger (clock and timer injected, so tests use
 * fake time): a sliding-window counter, a per-key cache that shares in-flight loads, and a coalescer
 * that folds bursts of requests into at most one run per interval.
 */
export type Clock = () => number;
export type Schedule = (run: () => void, delayMs: number) => void;

/** At most `max` admissions per sender within any `windowMs`. */
export class WindowLimit {
  private readonly seen = new Map<string, number[]>();
  constructor(private readonly max: number, private readonly windowMs: number, private readonly now: Clock) {}

  admit(sender: string): boolean {
    const now = this.now();
    const recent = (this.seen.get(sender) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.max) {
      this.seen.set(sender, recent);
      return false;
    }
    recent.push(now);
    this.seen.set(sender, recent);
    return true;
  }
}

/** Values per key for `ttlMs`; concurrent asks for one key share a single load, a failed load is not kept. */
export class CoalescingCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();
  constructor(private readonly ttlMs: number, private readonly now: Clock, private readonly maxEntries = 200) {}

  has(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.at < this.ttlMs;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.has(key)) return this.entries.get(key)!.value;
    this.evictOld();
    const value = load();
    const entry = { at: this.now(), value };
    this.entries.set(key, entry);
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return value;
  }

  private evictOld(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export type CoalesceOutcome = 'now' | 'scheduled' | 'coalesced';

/**
 * Runs per kind at most once per `minIntervalMs`. A request inside the interval schedules one run at its
 * end; further requests before that run fold into it.
 */
export class Coalescer {
  private readonly lastRun = new Map<string, number>();
  private readonly pending = new Set<string>();
  constructor(private readonly minIntervalMs: number, private readonly now: Clock, private readonly schedule: Schedule) {}

  request(kind: string, run: () => void): CoalesceOutcome {
    if (this.pending.has(kind)) return 'coalesced';
    const now = this.now();
    const last = this.lastRun.get(kind);
    if (last === undefined || now - last >= this.minIntervalMs) {
      this.lastRun.set(kind, now);
      run();
      return 'now';
    }
    this.pending.add(kind);
    this.schedule(() => {
      this.pending.delete(kind);
      this.lastRun.set(kind, this.now());
      run();
    }, last + this.minIntervalMs - now);
    return 'scheduled';
  }
}
