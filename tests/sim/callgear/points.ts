import { DateTime } from 'luxon';
import { RpcError } from './filters';

/**
 * An account's point budget, as data_api/index.html "Limits" and "Meta parameters" describe it: every
 * answer carries `metadata.limits` {day_limit, day_remaining, day_reset, minute_limit, minute_remaining,
 * minute_reset} (resets in seconds); a request over a limit is `limit_exceeded` (-32029, "Limit per
 * {limit_type} has been exceeded. Value of current limit per {limit_type} is {limit_max_value}"), and the
 * error carries the same limits in `error.data.metadata.limits` (the documented error structure has
 * `data.metadata`). Points are charged only for answered requests.
 */
export interface Limits {
  day_limit: number;
  day_remaining: number;
  day_reset: number;
  minute_limit: number;
  minute_remaining: number;
  minute_reset: number;
}

export class PointBudget {
  day = 0;
  private minute = 0;
  private minuteStarted = Date.now();

  constructor(
    private readonly zone: string,
    private readonly limitsOf: () => { day: number; minute: number },
  ) {}

  /** Throws limit_exceeded when a limit is spent; otherwise charges one point. */
  charge(): void {
    this.roll();
    const { day, minute } = this.limitsOf();
    if (this.day >= day) throw exceeded('day', day, this.limits());
    if (this.minute >= minute) throw exceeded('minute', minute, this.limits());
    this.day++;
    this.minute++;
  }

  /** The answer an injected limit_exceeded carries: the minute spent, resetting in a second (keeps tests fast). */
  injected(): RpcError {
    const limits = { ...this.limits(), minute_remaining: 0, minute_reset: 1 };
    return exceeded('minute', limits.minute_limit, limits);
  }

  limits(): Limits {
    this.roll();
    const { day, minute } = this.limitsOf();
    return {
      day_limit: day,
      day_remaining: Math.max(0, day - this.day),
      day_reset: Math.max(1, Math.ceil(DateTime.now().setZone(this.zone).endOf('day').diffNow('seconds').seconds)),
      minute_limit: minute,
      minute_remaining: Math.max(0, minute - this.minute),
      minute_reset: Math.max(1, 60 - Math.floor((Date.now() - this.minuteStarted) / 1000)),
    };
  }

  private roll(): void {
    if (Date.now() - this.minuteStarted < 60_000) return;
    this.minute = 0;
    this.minuteStarted = Date.now();
  }
}

function exceeded(type: 'day' | 'minute', max: number, limits: Limits): RpcError {
  return new RpcError(-32029, 'limit_exceeded', `Limit per ${type} has been exceeded. Value of current limit per ${type} is ${max}`, {
    params: { limit_type: type, limit_max_value: max },
    metadata: { limits },
  });
}
