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

/**
 * A 3xx answer to a request that carries credentials. Redirects are not followed: a 307/308 would post
 * the JSON-RPC body (with `access_token` or `login.user`'s password) again to wherever `Location` points,
 * and the answer of the host it points to would be trusted as the API's.
 */
export class RedirectRefused extends Error {
  constructor(readonly status: number) {
    super(`The server redirected the request (HTTP ${status || '3xx'}); check the address`);
    this.name = 'RedirectRefused';
  }
}

/** A redirect as `redirect: 'manual'` shows it: the 3xx itself (Node), or an opaque redirect (browsers). */
export const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);

export function createHttp({ timeoutMs = REQUEST_TIMEOUT_MS, fetch: customFetch }: HttpOptions = {}): KyInstance {
  const send = customFetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return ky.create({
    timeout: timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    redirect: 'manual',
    // Refused at the fetch rather than in an `afterResponse` hook: ky tees every response's body for each
    // such hook (`response.clone()`), a cost paid on every request for a check that needs only the status.
    fetch: async (input, init) => {
      const response = await send(input, init);
      if (isRedirect(response)) {
        void response.body?.cancel().catch(() => undefined); // nobody reads it; in Node it would hold the connection
        throw new RedirectRefused(response.status);
      }
      return response;
    },
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

/** Which API a request went to (the diagnostic report keeps each one's recent requests apart). */
export type ApiName = 'callgear-data' | 'callgear-call' | 'autocrm';

/**
 * One request and its answer as the clients saw them, for instrumentation (lib/diagnostics). Carries
 * parameter names, never their values; `body` is the parsed answer, read by the observer synchronously
 * and not kept.
 */
export interface HttpExchange {
  api: ApiName;
  /** The JSON-RPC method, or the HTTP verb. */
  method: string;
  /** The URL path, without host and query. */
  path: string;
  /** Parameter names: JSON-RPC `params` keys, or query and body keys. */
  params: readonly string[];
  /** HTTP status; null when no answer came (network error, timeout). */
  status: number | null;
  /** The answer parsed as JSON; undefined when it was not JSON. */
  body: unknown;
  /** Length of the answer's text when it was not JSON (an HTML page, an empty body). */
  textLength?: number;
  durationMs: number;
}

type ExchangeObserver = (exchange: HttpExchange) => void;
let exchangeObserver: ExchangeObserver | null = null;

/** Installs the one observer of every client's requests (null removes it). */
export function observeExchanges(observer: ExchangeObserver | null): void {
  exchangeObserver = observer;
}

/** Tells the observer about a request; an observer's failure never fails the request. */
export function reportExchange(exchange: HttpExchange): void {
  if (!exchangeObserver) return;
  try {
    exchangeObserver(exchange);
  } catch {
    // instrumentation only
  }
}

/** The path of a URL (no host, no query), or the text itself when it is not a URL. */
export function urlPath(url: string | URL): string {
  try {
    return new URL(url).pathname;
  } catch {
    return String(url);
  }
}
