import { isApiError } from '../api-error';

export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 15 * 60_000;

/**
 * When to try again after a retryable failure: exponential (5 s, 10 s, 20 s …) with jitter, capped
 * at 15 minutes, and never sooner than the service asked (Retry-After, limit_exceeded). There is no
 * last attempt: an item waits as long as it takes, so nothing is lost.
 */
export function retryDelay(attempt: number, error: unknown, random: () => number = Math.random): number {
  const exponential = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.5 + random() * 0.5);
  const asked = isApiError(error) ? (error.retryAfterMs ?? 0) : 0;
  return Math.round(Math.max(jittered, asked));
}
