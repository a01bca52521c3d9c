import { ApiError } from '../api-error';
import { phrase, type Phrase, type PhraseParam } from '../phrase';
import { fieldsSaid } from './field-labels';

/**
 * AutoCRM's answers, with every documented quirk handled here and nowhere else
 * (swagger.json responses; docs/decisions.md): `{status: 1, result, errors}` mostly; `success: true` on trade-in
 * stages; no `status` on case POST/PUT; a bare object from `GET /call/{id}`; `errors` as a field map
 * or a list of strings; Yii's `{name, message, code, status}` on authentication failures.
 */
type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field → messages from either form of `errors` (and a bare string or Yii's top-level message). */
export function errorFields(body: unknown): Record<string, string[]> {
  if (!isObject(body)) return {};
  const { errors, message } = body;
  if (Array.isArray(errors)) return errors.length ? { _: errors.map(String) } : {};
  if (isObject(errors)) {
    return Object.fromEntries(
      Object.entries(errors).map(([field, messages]) => [field, Array.isArray(messages) ? messages.map(String) : [String(messages)]]),
    );
  }
  if (typeof errors === 'string' && errors) return { _: [errors] };
  if (typeof message === 'string' && message) return { _: [message] };
  return {};
}

type Extra = Pick<ConstructorParameters<typeof ApiError>[0], 'status' | 'request' | 'fields' | 'retryAfterMs'>;

function error(kind: ApiError['kind'], said: Phrase, extra: Extra = {}) {
  return new ApiError({ kind, service: 'autocrm', phrase: said, ...extra });
}

/** The first 200 characters of a body, on one line: shown when an answer is not what the API documents. */
export const bodyExcerpt = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);

/**
 * Maps an HTTP failure to the error the pipeline acts on. The swagger documents only 200, so the codes
 * below are the usual Yii ones; 4xx is never retried (docs/decisions.md, AutoCRM port, U11).
 */
export function httpError(status: number, body: unknown, request: string, retryAfter?: number, rawBody?: string): ApiError {
  const fields = errorFields(body);
  const detail = fieldsSaid(fields);
  const base = { status, request, fields };
  if (status === 401) return error('authentication', phrase('errCrmAuth'), base);
  if (status === 403) return error('permission', phrase('errCrmNoRights'), base);
  if (status === 404) return error('not-found', phrase('errCrmNotFound', { request }), base);
  if (status === 422 || status === 400) return error('validation', detail ? phrase('errCrmRejected', { detail: { said: detail } }) : phrase('errCrmRejectedNoDetail'), base);
  if (status === 429) return error('rate-limited', phrase('errCrmSlowDown'), { ...base, retryAfterMs: retryAfter });
  if (status >= 500) return error('unavailable', phrase('errCrmFailing', { status }), base);
  const excerpt: PhraseParam | null = bodyExcerpt(rawBody) || (detail ? { said: detail } : null);
  return error('invalid-response', excerpt ? phrase('errCrmUnexpected', { status, request, excerpt }) : phrase('errCrmUnexpectedEmpty', { status, request }), base);
}

/** Not AutoCRM's API at all: an HTML page or nothing where JSON was expected. */
export function notAnApiError(status: number, request: string, rawBody?: string): ApiError {
  const excerpt = bodyExcerpt(rawBody);
  return error('invalid-response', excerpt ? phrase('errNotAutocrm', { status, excerpt }) : phrase('errNotAutocrmEmpty', { status }), { status, request });
}

/** A login page (or a redirect to one) where the API should answer: the credentials were not taken. */
export function loginPageError(status: number, request: string, rawBody: string): ApiError {
  return error('authentication', phrase('errCrmLoginPage', { status, excerpt: bodyExcerpt(rawBody) }), { status, request });
}

const ENVELOPE_STATUS = new Set<unknown>([0, 1, '0', '1']);

/**
 * Whether a body is an envelope or a bare entity. A bare call has its own `status` ("answered"), so
 * only a 0/1 status, a boolean `success`, or a `result`/`errors` key marks an envelope.
 */
function isEnvelope(body: Body): boolean {
  return 'result' in body || 'errors' in body || ENVELOPE_STATUS.has(body.status) || typeof body.success === 'boolean';
}

/** The payload of a successful answer, or the validation error a 200 can carry. */
export function unwrap(body: unknown, status: number, request: string): unknown {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) throw notAnApiError(status, request);
  if (!isEnvelope(body)) return body; // a bare object (GET /call/{id})
  const fields = errorFields({ errors: body.errors });
  const flagged = ENVELOPE_STATUS.has(body.status) || typeof body.success === 'boolean';
  const succeeded = body.status === 1 || body.status === '1' || body.success === true;
  if ((flagged && !succeeded) || Object.keys(fields).length > 0) {
    const detail = fieldsSaid(fields);
    throw error('validation', detail ? phrase('errCrmRejected', { detail: { said: detail } }) : phrase('errCrmRejectedNoDetail'), { status, request, fields });
  }
  return body.result;
}
