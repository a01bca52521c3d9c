import { callerNumber, LookupRefused, type CallerInfo } from '../caller-lookup';
import { CoalescingCache, Coalescer, WindowLimit, type Clock, type CoalesceOutcome, type Schedule } from '../rate-limit';
import { phrase } from '../phrase';

/**
 * Limits on what an AutoCRM page can make the background do. Page messages cannot be told from the
 * softphone's (any script on the page can post them), so each look-up, poll and call they trigger is
 * bounded here; docs/decisions.md, "In-page defences".
 */
export interface PageLimits {
  /** A number looked up again within this time gets the cached card, with no AutoCRM request. */
  lookupTtlMs: number;
  /** New numbers one tab may look up per minute; more are refused with a reason. */
  newNumbersPerMinute: number;
  /** Event-triggered report polls of one kind run at most once per this interval; the rest fold into the next. */
  pollIntervalMs: number;
  /** Click-to-call starts one tab may make per minute. */
  callsPerMinute: number;
}

export const PAGE_LIMITS: PageLimits = { lookupTtlMs: 60_000, newNumbersPerMinute: 4, pollIntervalMs: 15_000, callsPerMinute: 3 };

const MINUTE = 60_000;

export class PageGuard {
  private readonly cards: CoalescingCache<CallerInfo>;
  private readonly newNumbers: WindowLimit;
  private readonly polls: Coalescer;
  private readonly calls: WindowLimit;

  constructor(now: Clock, schedule: Schedule, limits: PageLimits = PAGE_LIMITS) {
    this.cards = new CoalescingCache(limits.lookupTtlMs, now);
    this.newNumbers = new WindowLimit(limits.newNumbersPerMinute, MINUTE, now);
    this.polls = new Coalescer(limits.pollIntervalMs, now, schedule);
    this.calls = new WindowLimit(limits.callsPerMinute, MINUTE, now);
  }

  /** The caller card for a number: cached per number, and at most a few new numbers a minute per tab. */
  lookup(sender: string, rawPhone: string, load: (phone: string) => Promise<CallerInfo>): Promise<CallerInfo> {
    let phone: string;
    try {
      phone = callerNumber(rawPhone);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.cards.has(phone) && !this.newNumbers.admit(sender)) {
      return Promise.reject(new LookupRefused(phrase('lookup.tooManyNumbers')));
    }
    return this.cards.get(phone, () => load(phone));
  }

  /** A report poll a softphone event asks for: at once, or folded into the next one of its kind. */
  poll(kind: 'call' | 'chat', run: () => void): CoalesceOutcome {
    return this.polls.request(kind, run);
  }

  /** Whether this tab may start another call now. */
  admitCall(sender: string): boolean {
    return this.calls.admit(sender);
  }
}
