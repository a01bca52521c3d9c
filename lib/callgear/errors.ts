import { ApiError, type ApiErrorKind } from '../api-error';
import { phrase, type Phrase } from '../phrase';

/** The error object of a JSON-RPC answer (callgear.github.io data_api/index.html, "JSON error structure"). */
export interface RpcErrorBody {
  code?: number;
  message?: string;
  data?: {
    mnemonic?: string;
    field?: string;
    value?: unknown;
    /** Template values of the message, e.g. `limit_type` ("minute" / "day") and `limit_max_value`. */
    params?: Record<string, unknown>;
    /** The meta parameters, "returned in both successful and error responses" (data_api/index.html, "Meta parameters"). */
    metadata?: { limits?: Partial<Record<'day_limit' | 'day_remaining' | 'day_reset' | 'minute_limit' | 'minute_remaining' | 'minute_reset', number>> };
    /** Not documented; an older form some answers carry. Read only when metadata has no limits. */
    minute_reset?: number;
  };
}

const AUTH = new Set(['auth_error', 'access_token_invalid', 'access_token_expired', 'access_token_blocked']);
const PERMISSION = new Set(['forbidden', 'method_component_disabled', 'parameter_component_disabled', 'component_disabled', 'account_inactive', 'tariff_restrictions']);

/** Mnemonics that mean "this session key is no longer good": a fresh login.user may cure them. */
export const SESSION_ENDED = new Set(['access_token_invalid', 'access_token_expired']);

/** Plain words (public/_locales) for the errors an admin or operator will meet; the rest quote CallGear's message. */
const KNOWN: Record<string, Phrase> = {
  auth_error: phrase('errCgAuth'),
  access_token_invalid: phrase('errCgKeyUnknown'),
  access_token_expired: phrase('errCgKeyExpired'),
  access_token_blocked: phrase('errCgKeyBlocked'),
  ip_not_whitelisted: phrase('errCgIpNotAllowed'),
  limit_exceeded: phrase('errCgLimitExceeded'),
  employee_not_found: phrase('errCgNoEmployee'),
  no_active_phone_number: phrase('errCgNoActiveNumber'),
  contact_in_blacklist: phrase('errCgBlacklisted'),
  virtual_phone_number_not_found: phrase('errCgNoVirtualNumber'),
  internal_error: phrase('errCgInternal'),
};

function kindOf(mnemonic: string): ApiErrorKind {
  if (AUTH.has(mnemonic)) return 'authentication';
  if (mnemonic === 'ip_not_whitelisted') return 'ip-not-whitelisted';
  if (PERMISSION.has(mnemonic)) return 'permission';
  if (mnemonic === 'limit_exceeded') return 'rate-limited';
  if (mnemonic === 'internal_error') return 'unavailable';
  if (mnemonic === 'entity_not_found') return 'not-found';
  if (mnemonic === 'method_not_found' || mnemonic === 'parse_error' || mnemonic === 'invalid_request') return 'invalid-response';
  return 'validation';
}

/**
 * How long to wait after limit_exceeded. `error.data.metadata.limits` gives `day_reset` / `minute_reset`,
 * "seconds left until the daily / per-minute limit is reset" (callgear.github.io data_api/index.html,
 * "Limits and restrictions"); `params.limit_type` says which limit was hit ("Limit per {limit_type} has
 * been exceeded"). Without limit_type, a day with nothing remaining is the day limit. Without metadata:
 * a minute, or an hour for the day limit (then the next attempt reads the reset again).
 */
export function limitWait(error: RpcErrorBody): number {
  const limits = error.data?.metadata?.limits;
  const type = error.data?.params?.limit_type;
  // The day limit when CallGear says so, or when nothing is left today whatever `limit_type` says.
  const day = type === 'day' || (limits?.day_remaining !== undefined && limits.day_remaining <= 0);
  const seconds = day ? limits?.day_reset : (limits?.minute_reset ?? error.data?.minute_reset);
  // A reset is seconds until the reset (data_api/index.html, "Meta parameters"); one that cannot be that
  // (a timestamp, milliseconds) is capped so a misread value never stops polling for longer than the limit's own period.
  const cap = day ? 24 * 3_600_000 : 60_000;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return Math.min(cap, Math.max(1, seconds) * 1000);
  return day ? 3_600_000 : 60_000;
}

/**
 * A Call API refusal for rights: the user needs "Access to Call API" and the "Call API Basic set"
 * component (callgear.github.io call_api/index.html, "Call API users", "Components").
 */
const CALL_API_RIGHTS = phrase('errCgCallApiRights');
const CALL_API_METHODS = new Set(['start.employee_call']);

export function rpcError(error: RpcErrorBody, request: string): ApiError {
  const mnemonic = error.data?.mnemonic ?? 'error';
  const kind = kindOf(mnemonic);
  const callApiRights = CALL_API_METHODS.has(request) && (kind === 'permission' || mnemonic === 'access_token_invalid');
  const detail = error.message ?? mnemonic;
  const field = error.data?.field;
  return new ApiError({
    kind,
    service: 'callgear',
    code: mnemonic,
    request,
    detail: error.data,
    fields: kind === 'validation' ? { [field ?? '_']: [detail] } : undefined,
    retryAfterMs: kind === 'rate-limited' ? limitWait(error) : undefined,
    phrase: (callApiRights ? CALL_API_RIGHTS : KNOWN[mnemonic]) ?? (field ? phrase('errCgRejectedField', { request, detail, field }) : phrase('errCgRejected', { request, detail })),
  });
}

/** A non-2xx answer without a JSON-RPC body: 5xx is a failing service, anything else is not CallGear. */
export function callgearHttpError(status: number, request: string): ApiError {
  if (status >= 500) {
    return new ApiError({ kind: 'unavailable', service: 'callgear', status, request, phrase: phrase('errCgFailing', { status }) });
  }
  return notCallGear(status, request);
}

export function notCallGear(status: number, request: string): ApiError {
  return new ApiError({
    kind: 'invalid-response',
    service: 'callgear',
    status,
    request,
    phrase: phrase('errNotCallGear'),
  });
}
