import ky, { type KyInstance } from 'ky';

/**
 * Requests stay well below the service worker's limits (a fetch waiting 30 s for an answer gets the
 * worker killed). Clients never retry: the pipeline owns the retry policy.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

export interface HttpOptions {
  timeoutMs?: number;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
}

export function createHttp({ timeoutMs = REQUEST_TIMEOUT_MS, fetch: customFetch }: HttpOptions = {}): KyInstance {
  return ky.create({
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    ...(customFetch ? { fetch: customFetch } : {}),
  });
}

/** Reads a body as JSON, or undefined when it is not JSON (HTML error pages, empty bodies). */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After in milliseconds (seconds or an HTTP date), if the response has one. */
export function retryAfterMs(response: Response, now = Date.now()): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
