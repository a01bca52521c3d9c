import { ApiError, type ApiErrorKind, type LocalizedText } from '../api-error';

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

/** Plain words for the errors an admin or operator will meet; the rest fall back to CallGear's message. */
const KNOWN: Record<string, LocalizedText> = {
  auth_error: { ru: 'CallGear не принял логин или пароль. Проверьте их в настройках аккаунта CallGear.', en: 'CallGear rejected the login or password. Check them in the CallGear account settings.' },
  access_token_invalid: { ru: 'CallGear не знает этот API-ключ. Создайте ключ в CallGear («Аккаунт → Управление пользователями») и вставьте его в настройки.', en: 'CallGear does not know this API key. Create a key in CallGear (Account → User management) and paste it into the settings.' },
  access_token_expired: { ru: 'Срок действия API-ключа CallGear истёк. Создайте новый ключ и вставьте его в настройки.', en: 'The CallGear API key has expired. Create a new key and paste it into the settings.' },
  access_token_blocked: { ru: 'API-ключ CallGear заблокирован. Разблокируйте его или создайте новый.', en: 'The CallGear API key is blocked. Unblock it or create a new one.' },
  ip_not_whitelisted: {
    ru: 'CallGear не пускает запросы с IP-адреса этого компьютера. Добавьте адрес в CallGear: «Администратор → Аккаунт → Правила и настройки безопасности», вкладка «API» (или 0.0.0.0/0, чтобы разрешить все).',
    en: 'CallGear refuses requests from this computer’s IP address. Allow it in CallGear: Administrator → Account → Rules and security settings, “API” tab (or 0.0.0.0/0 to allow all).',
  },
  limit_exceeded: { ru: 'Исчерпан лимит запросов к API CallGear. Продолжим, когда лимит обновится.', en: 'The CallGear API request limit is used up. Work resumes when the limit resets.' },
  employee_not_found: { ru: 'В CallGear нет такого сотрудника. Синхронизируйте пользователей или проверьте сопоставление.', en: 'CallGear has no such employee. Sync the users or check the mapping.' },
  no_active_phone_number: { ru: 'У вашего сотрудника в CallGear нет активного номера телефона: звонок некуда направить.', en: 'Your CallGear employee has no active phone number to ring.' },
  contact_in_blacklist: { ru: 'Номер клиента в чёрном списке CallGear: звонок невозможен.', en: 'The client’s number is on the CallGear blacklist: the call cannot be made.' },
  virtual_phone_number_not_found: { ru: 'Виртуальный номер для звонков не найден в CallGear. Выберите другой в настройках.', en: 'The virtual number for calls is not in CallGear. Pick another one in the settings.' },
  internal_error: { ru: 'Внутренняя ошибка CallGear. Повторим автоматически.', en: 'CallGear internal error. It will be retried automatically.' },
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
const CALL_API_RIGHTS: LocalizedText = {
  ru: 'У пользователя CallGear нет доступа к Call API: администратор должен включить ему «Доступ к Call API» и компонент «Call API Basic set» («Администратор → Управление пользователями»). Для входа по ключу нужна ещё галочка «Доступ по ключу».',
  en: 'The CallGear user has no Call API access: an administrator must enable “Access to Call API” and the “Call API Basic set” component for them (Administrator → User management). Key access also needs “Access by key”.',
};
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
    text: (callApiRights ? CALL_API_RIGHTS : KNOWN[mnemonic]) ?? {
      ru: `CallGear отклонил запрос ${request}: ${detail}${field ? ` (поле ${field})` : ''}`,
      en: `CallGear rejected ${request}: ${detail}${field ? ` (field ${field})` : ''}`,
    },
  });
}

/** A non-2xx answer without a JSON-RPC body: 5xx is a failing service, anything else is not CallGear. */
export function callgearHttpError(status: number, request: string): ApiError {
  if (status >= 500) {
    return new ApiError({ kind: 'unavailable', service: 'callgear', status, request, text: { ru: `CallGear временно не работает (ошибка ${status}). Повторим автоматически.`, en: `CallGear is temporarily failing (error ${status}). It will be retried automatically.` } });
  }
  return notCallGear(status, request);
}

export function notCallGear(status: number, request: string): ApiError {
  return new ApiError({
    kind: 'invalid-response',
    service: 'callgear',
    status,
    request,
    text: { ru: 'По этому адресу отвечает не API CallGear. Проверьте выбранный бренд (CallGear, UIS или CoMagic).', en: 'What answers here is not the CallGear API. Check the chosen brand (CallGear, UIS or CoMagic).' },
  });
}
