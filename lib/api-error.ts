import { bothLanguages } from './locale-catalog';
import { phrase, type Phrase } from './phrase';

/**
 * The errors the API clients throw. Each says what kind of failure it is (so the pipeline can decide:
 * retry later, or stop and ask for a fix), which service, and a phrase (a _locales key and its params)
 * a dealership admin understands in the UI's language.
 */
export type ApiErrorKind =
  | 'authentication' // wrong password, key or token
  | 'permission' // the user lacks API rights or the method is not in the tariff
  | 'ip-not-whitelisted' // CallGear refuses this browser's IP address
  | 'validation' // the service rejected a field
  | 'not-found'
  | 'rate-limited' // 429 or limit_exceeded: wait until retryAfterMs
  | 'unavailable' // 5xx, network failure, timeout
  | 'invalid-response'; // the answer is not what the API documents

export type Service = 'autocrm' | 'callgear';

export interface LocalizedText {
  ru: string;
  en: string;
}

interface ApiErrorBase {
  kind: ApiErrorKind;
  service: Service;
  status?: number;
  /** CallGear's `data.mnemonic` or AutoCRM's error code, when there is one. */
  code?: string;
  /** Field → messages, for validation errors. */
  fields?: Record<string, string[]>;
  /** When to try again, for rate limits. */
  retryAfterMs?: number;
  /** The request, without secrets: method and path (AutoCRM) or JSON-RPC method (CallGear). */
  request?: string;
  /** The service's own error details as sent (CallGear's `error.data`), for callers that act on them. */
  detail?: unknown;
}

/** A new error names its text by key (`phrase`); `text` is still taken from the callers not yet converted. */
export type ApiErrorInit = ApiErrorBase & ({ phrase: Phrase; text?: never } | { text: LocalizedText; phrase?: never });

const RETRYABLE: ReadonlySet<ApiErrorKind> = new Set(['rate-limited', 'unavailable']);

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly service: Service;
  /** What went wrong, as a _locales key: what the UI shows. Absent on errors built from `text`. */
  readonly phrase?: Phrase;
  readonly #text?: LocalizedText;
  readonly status?: number;
  readonly code?: string;
  readonly fields?: Record<string, string[]>;
  readonly retryAfterMs?: number;
  readonly request?: string;
  readonly detail?: unknown;

  constructor(init: ApiErrorInit) {
    // The English text when the locale catalog is there already (always in Node; in the worker, once loaded).
    super(init.phrase ? bothLanguages(init.phrase).en || init.phrase.key : init.text.en);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.service = init.service;
    this.phrase = init.phrase;
    this.#text = init.text;
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.retryAfterMs = init.retryAfterMs;
    this.request = init.request;
    this.detail = init.detail;
  }

  /**
   * Both languages, read from _locales when asked (for the callers that store `{ ru, en }`): the worker loads
   * the locale files once it starts (lib/locale-catalog.ts), which is long before any error is stored.
   */
  get text(): LocalizedText {
    return this.#text ?? bothLanguages(this.phrase!);
  }

  /** Whether trying the same request later can succeed without anyone fixing anything. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** Plain data for storage and messages (errors do not survive structured cloning intact). */
  toJSON() {
    const { kind, service, phrase, text, status, code, fields, retryAfterMs, request } = this;
    return { kind, service, ...(phrase ? { phrase } : {}), text, status, code, fields, retryAfterMs, request };
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/**
 * The API answered with a redirect, which requests carrying credentials do not follow (lib/http.ts).
 * Not retried: the address needs fixing (or, for AutoCRM, a login page took the place of the API).
 */
function redirectError(service: Service, request: string, status?: number): ApiError {
  return new ApiError({
    kind: 'invalid-response',
    service,
    request,
    status: status || undefined,
    code: 'redirect',
    phrase: phrase('errRedirected', { service: SERVICE_NAME[service] }),
  });
}

/** How the services are named in every language (brand names, not translated). */
export const SERVICE_NAME: Record<Service, string> = { autocrm: 'AutoCRM', callgear: 'CallGear' };

/** Turns a fetch-level failure (network, timeout) into an `unavailable` ApiError. */
export function networkError(service: Service, error: unknown, request: string): ApiError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'RedirectRefused') return redirectError(service, request, (error as { status?: number }).status);
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  return new ApiError({
    kind: 'unavailable',
    service,
    request,
    phrase: phrase(timedOut ? 'errNoAnswerInTime' : 'errUnreachable', { service: SERVICE_NAME[service] }),
    code: timedOut ? 'timeout' : 'network',
  });
}
