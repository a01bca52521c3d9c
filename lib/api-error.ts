/**
 * The errors the API clients throw. Each says what kind of failure it is (so the pipeline can decide:
 * retry later, or stop and ask for a fix), which service, and a message a dealership admin understands
 * in Russian and English.
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

export interface ApiErrorInit {
  kind: ApiErrorKind;
  service: Service;
  text: LocalizedText;
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

const RETRYABLE: ReadonlySet<ApiErrorKind> = new Set(['rate-limited', 'unavailable']);

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly service: Service;
  readonly text: LocalizedText;
  readonly status?: number;
  readonly code?: string;
  readonly fields?: Record<string, string[]>;
  readonly retryAfterMs?: number;
  readonly request?: string;
  readonly detail?: unknown;

  constructor(init: ApiErrorInit) {
    super(init.text.en);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.service = init.service;
    this.text = init.text;
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.retryAfterMs = init.retryAfterMs;
    this.request = init.request;
    this.detail = init.detail;
  }

  /** Whether trying the same request later can succeed without anyone fixing anything. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** Plain data for storage and messages (errors do not survive structured cloning intact). */
  toJSON() {
    const { kind, service, text, status, code, fields, retryAfterMs, request } = this;
    return { kind, service, text, status, code, fields, retryAfterMs, request };
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** Turns a fetch-level failure (network, timeout) into an `unavailable` ApiError. */
/**
 * The API answered with a redirect, which requests carrying credentials do not follow (lib/http.ts).
 * Not retried: the address needs fixing (or, for AutoCRM, a login page took the place of the API).
 */
function redirectError(service: Service, request: string, status?: number): ApiError {
  const who = service === 'autocrm' ? 'AutoCRM' : 'CallGear';
  return new ApiError({
    kind: 'invalid-response',
    service,
    request,
    status: status || undefined,
    code: 'redirect',
    text: {
      ru: `${who}: сервер перенаправил запрос на другой адрес; запрос с ключом не отправлен повторно. Проверьте адрес в настройках аккаунта.`,
      en: `${who}: the server redirected the request to another address; a request carrying the key is not sent on. Check the address in the account settings.`,
    },
  });
}

export function networkError(service: Service, error: unknown, request: string): ApiError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'RedirectRefused') return redirectError(service, request, (error as { status?: number }).status);
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const who = service === 'autocrm' ? 'AutoCRM' : 'CallGear';
  return new ApiError({
    kind: 'unavailable',
    service,
    request,
    text: timedOut
      ? { ru: `${who} не ответил вовремя. Попробуем ещё раз позже.`, en: `${who} did not answer in time. It will be tried again later.` }
      : {
          ru: `${who} недоступен: проверьте адрес и подключение к сети. Попробуем ещё раз позже.`,
          en: `${who} cannot be reached: check the address and the network. It will be tried again later.`,
        },
    code: timedOut ? 'timeout' : 'network',
  });
}
