import { DateTime } from 'luxon';
import { ApiError, isApiError } from '../api-error';
import type { CallGearClient } from '../callgear/client';
import type { Account, Limits } from '../callgear/types';
import { DEFAULT_POINTS_PER_POLL, nextPollDelay } from '../callgear/budget';
import { requestedFields } from '../callgear/requested-fields';
import { ConfigStore } from '../config-store';
import type { AppDb } from '../db';
import type { CommKind } from '../domain/communication';
import type { PipelineConfig } from '../pipeline/config';
import { failedFinding, skipped, t, type Probe } from './item';

/** What the CallGear probes share: the client, and what earlier probes learnt. */
export interface CallGearContext {
  client: CallGearClient;
  config: PipelineConfig;
  db: AppDb;
  now: () => number;
  fetch: typeof fetch;
  account?: Account;
  /** The Data API's refusal of get.account, when it refused. */
  dataError?: ApiError;
  /** The Call API's answer to the harmless probe, when it was a refusal. */
  callError?: ApiError;
}

const REPORT_TIME = 'yyyy-MM-dd HH:mm:ss';
const DAY_MS = 86_400_000;

/** A report window ending now, in the account's zone (`date_from`/`date_till`, data_api/report/get_calls_report). */
function window(c: CallGearContext, days: number) {
  const zone = c.account?.timezone ?? 'UTC';
  const till = DateTime.fromMillis(c.now()).setZone(zone);
  return { date_from: till.minus({ days }).toFormat(REPORT_TIME), date_till: till.toFormat(REPORT_TIME) };
}

const noAccess = () => skipped(t('Не проверено: нет доступа к Data API CallGear (см. выше).', 'Not checked: no access to the CallGear Data API (see above).'));

const KEY_ACTION = t(
  'Откройте в CallGear «Администратор → Управление пользователями», проверьте пользователя API и его ключ (или логин и пароль), затем вставьте их в настройках расширения («Аккаунты → CallGear»).',
  'In CallGear open Administrator → User management, check the API user and its key (or login and password), then enter them in the extension settings (Accounts → CallGear).',
);
const IP_ACTION = t(
  'В CallGear: «Администратор → Аккаунт → Правила и настройки безопасности», вкладка «API» — добавьте внешний IP-адрес этого компьютера (или 0.0.0.0/0, чтобы разрешить все).',
  'In CallGear: Administrator → Account → Rules and security settings, “API” tab — add this computer’s external IP address (or 0.0.0.0/0 to allow all).',
);

/** get.account (data_api/account/get_account): the cheapest authenticated Data API request. */
export const callgearCredentials: Probe<CallGearContext> = {
  id: 'callgear.credentials',
  group: 'callgear',
  title: t('Доступ к CallGear', 'CallGear credentials'),
  async run(c) {
    try {
      c.account = await c.client.account();
      return { status: 'green', meaning: t(`Ключ принят: аккаунт «${c.account.name ?? c.account.app_id}».`, `The key is accepted: account "${c.account.name ?? c.account.app_id}".`) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      c.dataError = error;
      if (error.kind === 'ip-not-whitelisted') return skipped(t('Не проверено: CallGear не пускает запросы с этого IP-адреса (см. «Список разрешённых IP»).', 'Not checked: CallGear refuses requests from this IP address (see “IP allow-list”).'));
      if (error.kind === 'authentication') return { status: 'red', meaning: t(`${error.text.ru} Интеграция не получает звонки, чаты и заявки.`, `${error.text.en} The integration receives no calls, chats or leads.`), action: KEY_ACTION, details: [error.code ?? error.kind] };
      if (error.kind === 'permission') {
        return {
          status: 'red',
          meaning: t(`CallGear отказал пользователю API в доступе к Data API (${error.code}). Интеграция не получает звонки, чаты и заявки.`, `CallGear denied the API user access to the Data API (${error.code}). The integration receives no calls, chats or leads.`),
          action: t('В CallGear «Администратор → Управление пользователями» включите пользователю компонент «Data API Basic set»; если аккаунт не активен — обратитесь к менеджеру CallGear.', 'In CallGear Administrator → User management enable the “Data API Basic set” component for the user; if the account is inactive, contact your CallGear manager.'),
          details: [error.code ?? error.kind],
        };
      }
      return failedFinding(error);
    }
  },
};

/** The Call API's own words for each refusal of the probe (call_api/index.html, "Errors"). */
const CALL_API_REFUSALS: Record<string, { meaning: ReturnType<typeof t>; action: ReturnType<typeof t> }> = {
  component_disabled: {
    meaning: t('У пользователя API нет компонента «Call API Basic set»: звонок клиенту из AutoCRM в один клик работать не будет.', 'The API user lacks the “Call API Basic set” component: click-to-call from AutoCRM will not work.'),
    action: t('В CallGear «Администратор → Управление пользователями» откройте пользователя API и включите компонент «Call API Basic set».', 'In CallGear Administrator → User management open the API user and enable the “Call API Basic set” component.'),
  },
  forbidden: {
    meaning: t('Пользователю API не разрешён доступ к Call API: звонок клиенту из AutoCRM в один клик работать не будет.', 'The API user is not allowed the Call API: click-to-call from AutoCRM will not work.'),
    action: t('В CallGear «Администратор → Управление пользователями» отметьте у пользователя API «Доступ к Call API» (для входа по ключу — ещё «Доступ по ключу»).', 'In CallGear Administrator → User management tick “Access to Call API” for the API user (for key access also “Access by key”).'),
  },
  authentication: {
    meaning: t('Call API не принял ключ или логин: звонок клиенту из AutoCRM в один клик работать не будет, хотя Data API работает.', 'The Call API rejected the key or login: click-to-call from AutoCRM will not work, although the Data API does.'),
    action: t('В CallGear «Администратор → Управление пользователями» включите пользователю API «Доступ к Call API» и «Доступ по ключу», либо введите логин и пароль вместо ключа.', 'In CallGear Administrator → User management enable “Access to Call API” and “Access by key” for the API user, or use a login and password instead of the key.'),
  },
};

/**
 * `start.employee_call` with no parameters: CallGear checks authentication, the IP and the component
 * before the parameters, so `required_parameter_missed` proves access and nothing is dialled
 * (call_api/create_call/start_employee_call: first_call, virtual_phone_number, contact, employee are
 * required; call_api/index.html lists access_token_invalid, component_disabled, ip_not_whitelisted, forbidden).
 */
export const callgearCallApi: Probe<CallGearContext> = {
  id: 'callgear.call-api',
  group: 'callgear',
  title: t('Call API (звонок в один клик)', 'Call API (click-to-call)'),
  async run(c) {
    if (c.dataError?.kind === 'authentication') return noAccess();
    try {
      await c.client.rpc('call', 'start.employee_call', {});
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.code === 'required_parameter_missed' || error.code === 'invalid_parameter_value') {
        return { status: 'green', meaning: t('Call API пускает пользователя: звонок клиенту из AutoCRM в один клик доступен.', 'The Call API lets the user in: click-to-call from AutoCRM is available.') };
      }
      c.callError = error;
      if (error.kind === 'ip-not-whitelisted') return skipped(t('Не проверено: Call API не пускает запросы с этого IP-адреса (см. «Список разрешённых IP»).', 'Not checked: the Call API refuses requests from this IP address (see “IP allow-list”).'));
      const refusal = CALL_API_REFUSALS[error.code ?? ''] ?? (error.kind === 'authentication' ? CALL_API_REFUSALS.authentication : error.kind === 'permission' ? CALL_API_REFUSALS.forbidden : undefined);
      if (refusal) return { status: 'yellow', ...refusal, details: [error.code ?? error.kind] };
      return failedFinding(error);
    }
    // Nothing should be dialled without parameters; if CallGear answered success, the API is at least reachable.
    return { status: 'green', meaning: t('Call API ответил: звонок в один клик доступен.', 'The Call API answered: click-to-call is available.') };
  },
};

/** The allow-list is a property of the account, seen from this computer's address. */
export const callgearIp: Probe<CallGearContext> = {
  id: 'callgear.ip',
  group: 'callgear',
  title: t('Список разрешённых IP', 'IP allow-list'),
  async run(c) {
    const refused = [c.dataError, c.callError].filter((e) => e?.kind === 'ip-not-whitelisted').map((e) => (e === c.dataError ? 'Data API' : 'Call API'));
    if (refused.length > 0) {
      return {
        status: 'red',
        meaning: t(`CallGear не принимает запросы с IP-адреса этого компьютера (${refused.join(', ')}): интеграция с этого компьютера не работает.`, `CallGear refuses requests from this computer’s IP address (${refused.join(', ')}): the integration does not work from this computer.`),
        action: IP_ACTION,
        details: refused,
      };
    }
    if (c.dataError && c.dataError.kind !== 'authentication' && c.dataError.kind !== 'permission') return noAccess();
    return { status: 'green', meaning: t('CallGear принимает запросы с этого компьютера.', 'CallGear accepts requests from this computer.') };
  },
};

const KIND_REPORTS: { kind: CommKind; report: string; read: (c: CallGearContext, params: ReturnType<typeof window> & { limit: number }) => Promise<{ dropped?: string[] }> }[] = [
  { kind: 'call', report: 'get.calls_report', read: (c, p) => c.client.callsReport(p) },
  { kind: 'chat', report: 'get.chats_report', read: (c, p) => c.client.chatsReport(p) },
  { kind: 'lead', report: 'get.offline_messages_report', read: (c, p) => c.client.offlineMessagesReport(p) },
];

/**
 * Each report asked once, one row, the last day, with the `fields` the rules and templates need: a name
 * the account does not have answers `unexpected_parameters` (data_api/index.html, error table), which the
 * client drops and names.
 */
export const callgearFields: Probe<CallGearContext> = {
  id: 'callgear.fields',
  group: 'callgear',
  title: t('Поля отчётов для правил и шаблонов', 'Report fields for rules and templates'),
  async run(c) {
    if (!c.account) return noAccess();
    const refused: string[] = [];
    const unavailable: string[] = [];
    for (const { report, read } of KIND_REPORTS) {
      try {
        const page = await read(c, { ...window(c, 1), limit: 1 });
        if (page.dropped?.length) refused.push(`${report}: ${page.dropped.join(', ')}`);
      } catch (error) {
        if (!isApiError(error) || error.kind !== 'permission') throw error;
        unavailable.push(`${report}: ${error.code ?? error.kind}`);
      }
    }
    const asked = KIND_REPORTS.map(({ kind, report }) => `${report}: ${requestedFields(kind).length}`);
    if (refused.length === 0 && unavailable.length === 0) {
      return { status: 'green', meaning: t('Каждый отчёт принял все поля, которые нужны правилам и шаблонам.', 'Every report accepted all the fields the rules and templates need.'), details: asked };
    }
    return {
      status: 'yellow',
      meaning: t(
        'CallGear не отдаёт часть полей на этом аккаунте: условия правил и переменные шаблонов с ними будут пустыми.',
        'CallGear does not return some fields on this account: rule conditions and template variables using them will be empty.',
      ),
      action: t('Уберите эти поля из правил и шаблонов или попросите менеджера CallGear подключить их (тариф, компоненты отчётов).', 'Remove these fields from the rules and templates, or ask your CallGear manager to enable them (tariff, report components).'),
      details: [...refused, ...unavailable],
    };
  },
};

const offsetText = (minutes: number) => `UTC${minutes >= 0 ? '+' : '−'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/** get.account `timezone` (data_api/account/get_account): report times are in it; the dealership zone drives templates and hours. */
export const callgearTimezone: Probe<CallGearContext> = {
  id: 'callgear.timezone',
  group: 'callgear',
  title: t('Часовой пояс аккаунта CallGear', 'CallGear account time zone'),
  async run(c) {
    if (!c.account) return noAccess();
    const at = DateTime.fromMillis(c.now());
    const account = at.setZone(c.account.timezone);
    const dealership = at.setZone(c.config.dealershipZone);
    const details = [`CallGear: ${c.account.timezone} (${offsetText(account.offset)})`, `${c.config.dealershipZone} (${offsetText(dealership.offset)})`];
    if (!account.isValid) return { status: 'yellow', meaning: t(`CallGear назвал неизвестный часовой пояс «${c.account.timezone}».`, `CallGear named an unknown time zone "${c.account.timezone}".`), action: t('Сообщите в поддержку.', 'Tell support.'), details };
    if (account.offset === dealership.offset) return { status: 'green', meaning: t('Часовой пояс аккаунта CallGear совпадает с часовым поясом дилерского центра.', 'The CallGear account’s time zone matches the dealership’s.'), details };
    return {
      status: 'yellow',
      meaning: t(
        'Аккаунт CallGear живёт в другом часовом поясе, чем дилерский центр: время в отчётах CallGear и время в текстах и рабочих часах разойдутся.',
        'The CallGear account is in another time zone than the dealership: times in CallGear reports and times in texts and working hours will differ.',
      ),
      action: t('Проверьте часовой пояс дилерского центра в настройках расширения или часовой пояс аккаунта в CallGear («Администратор → Аккаунт»).', 'Check the dealership time zone in the extension settings, or the account time zone in CallGear (Administrator → Account).'),
      details,
    };
  },
};

/**
 * The account's `metadata.limits` (data_api/index.html, "Limits and restrictions", "Meta parameters")
 * against what polls at the configured interval would spend: lib/callgear/budget.ts spaces idle polls to
 * a share of the day limit, so a shortfall means slower polls, and no points left means none at all.
 */
export const callgearLimits: Probe<CallGearContext> = {
  id: 'callgear.limits',
  group: 'callgear',
  title: t('Лимиты запросов CallGear', 'CallGear request limits'),
  async run(c) {
    if (!c.account) return noAccess();
    const limits: Limits | null = c.client.lastLimits;
    const store = new ConfigStore(c.db);
    const [share, cost] = await Promise.all([store.pointBudgetShare(), store.idlePollCost()]);
    const pointsPerPoll = cost ?? DEFAULT_POINTS_PER_POLL;
    const intervalSec = c.config.installation.pollIntervalSec;
    const wanted = Math.round((DAY_MS / 1000 / Math.max(30, intervalSec)) * pointsPerPoll);
    if (!limits) {
      return { status: 'yellow', meaning: t('CallGear не сообщил лимиты аккаунта; расширение считает, что их 1000 в сутки.', 'CallGear did not report the account’s limits; the extension assumes 1,000 a day.'), action: t('Сообщите в поддержку.', 'Tell support.'), details: [`≈${wanted}/day`] };
    }
    const pacing = nextPollDelay({ now: c.now(), pollIntervalSec: intervalSec, share, limits, pointsPerPoll, hours: { ...c.config.hours, onlyInWorkingHours: false } });
    const details = [`day: ${limits.day_remaining}/${limits.day_limit}`, `minute: ${limits.minute_remaining}/${limits.minute_limit}`, `polls: ≈${wanted}/day at ${intervalSec} s`, `budget: ${Math.round(pacing.dailyBudget)}/day (${Math.round(share * 100)}%)`];
    if (limits.day_remaining < pointsPerPoll) {
      return {
        status: 'red',
        meaning: t('Баллы CallGear на сегодня закончились: новые звонки, чаты и заявки придут только после сброса лимита.', 'CallGear points for today are used up: new calls, chats and leads arrive only after the limit resets.'),
        action: t('Увеличьте интервал опроса в настройках расширения или попросите менеджера CallGear поднять суточный лимит.', 'Raise the poll interval in the extension settings or ask your CallGear manager for a higher day limit.'),
        details,
      };
    }
    if (pacing.reason === 'budget') {
      const everySec = Math.round(pacing.delayMs / 1000);
      return {
        status: 'yellow',
        meaning: t(
          `Опрос каждые ${intervalSec} с потратил бы ≈${wanted} баллов в сутки при лимите ${limits.day_limit}: расширение будет опрашивать CallGear раз в ${everySec} с, и звонки будут появляться в AutoCRM с такой задержкой.`,
          `Polling every ${intervalSec} s would spend ≈${wanted} points a day against a limit of ${limits.day_limit}: the extension will poll CallGear every ${everySec} s, and calls will reach AutoCRM that late.`,
        ),
        action: t('Попросите менеджера CallGear поднять суточный лимит или смиритесь с задержкой; долю лимита можно поменять в настройках расширения.', 'Ask your CallGear manager for a higher day limit, or accept the delay; the share of the limit can be changed in the extension settings.'),
        details,
      };
    }
    return { status: 'green', meaning: t('Лимитов CallGear хватает на опрос с настроенным интервалом.', 'The CallGear limits allow polling at the configured interval.'), details };
  },
};

/** get.employees (data_api/employee/get_employees) against the user map the user sync keeps. */
export const callgearEmployees: Probe<CallGearContext> = {
  id: 'callgear.employees',
  group: 'callgear',
  title: t('Сотрудники CallGear ↔ пользователи AutoCRM', 'CallGear employees ↔ AutoCRM users'),
  async run(c) {
    if (!c.account) return noAccess();
    const [employees, map] = await Promise.all([c.client.employees(), c.db.userMap.toArray()]);
    const mappedIds = new Set(map.map((m) => m.callgearEmployeeId));
    const unmapped = employees.filter((e) => !mappedIds.has(e.id));
    const gone = map.filter((m) => !employees.some((e) => e.id === m.callgearEmployeeId));
    const mapped = employees.length - unmapped.length;
    const details = [`${mapped}/${employees.length}`, ...unmapped.map((e) => e.full_name || [e.last_name, e.first_name].filter(Boolean).join(' ') || `#${e.id}`), ...gone.map((m) => `× ${m.name} (#${m.callgearEmployeeId})`)];
    const action = t('Откройте «Пользователи» в настройках расширения и сопоставьте сотрудников CallGear с пользователями AutoCRM (или запустите синхронизацию).', 'Open “Users” in the extension settings and match the CallGear employees to AutoCRM users (or run the sync).');
    if (employees.length === 0) return { status: 'yellow', meaning: t('В CallGear нет ни одного сотрудника.', 'CallGear has no employees.'), action, details };
    if (mapped === 0) {
      return { status: 'red', meaning: t('Ни один сотрудник CallGear не сопоставлен с пользователем AutoCRM: ответственным не станет тот, кто ответил, и задачи на пропущенные некому назначить.', 'No CallGear employee is matched to an AutoCRM user: the one who answered cannot become responsible, and missed-call tasks have nobody to go to.'), action, details };
    }
    if (unmapped.length > 0 || gone.length > 0) {
      return { status: 'yellow', meaning: t(`Не сопоставлены сотрудники CallGear: ${unmapped.length}${gone.length ? `; сопоставлений с удалёнными сотрудниками: ${gone.length}` : ''}. Их звонки и чаты получат ответственного из правила.`, `CallGear employees not matched: ${unmapped.length}${gone.length ? `; matches to deleted employees: ${gone.length}` : ''}. Their calls and chats get the rule’s responsible.`), action, details };
    }
    return { status: 'green', meaning: t('Все сотрудники CallGear сопоставлены с пользователями AutoCRM.', 'Every CallGear employee is matched to an AutoCRM user.'), details };
  },
};

/**
 * Whether outgoing calls are rows of get.communications_report: the documents do not say. Calls of the
 * last day from get.calls_report against `communication_type = call` rows (a filterable field of
 * data_api/report/get_communications_report). The intake reads the calls report on every poll, so a
 * shortfall costs points, not calls.
 */
export const callgearOutgoing: Probe<CallGearContext> = {
  id: 'callgear.outgoing',
  group: 'callgear',
  title: t('Исходящие звонки в отчёте по коммуникациям', 'Outgoing calls in the communications report'),
  async run(c) {
    if (!c.account) return noAccess();
    const span = window(c, 1);
    const calls = await c.client.callsReport({ ...span, fields: ['id', 'start_time', 'direction', 'is_lost'], limit: 1000 });
    const communications = await c.client.communicationsReport({ ...span, filter: { field: 'communication_type', operator: '=', value: 'call' }, limit: 1 });
    const callCount = Number.isFinite(calls.total) ? calls.total : calls.rows.length;
    const outgoing = calls.rows.filter((r) => r.direction === 'out').length;
    const listed = Number.isFinite(communications.total) ? communications.total : communications.rows.length;
    const details = [`get.calls_report: ${callCount} (out: ${outgoing})`, `get.communications_report (call): ${listed}`];
    if (callCount === 0) return { status: 'skipped', meaning: t('За последние сутки звонков не было: сравнивать нечего. Запустите проверку позже.', 'No calls in the last 24 hours: nothing to compare. Run the check later.'), action: null, details };
    if (listed >= callCount) return { status: 'green', meaning: t('Отчёт по коммуникациям показывает все звонки, включая исходящие.', 'The communications report lists every call, outgoing ones included.'), details };
    return {
      status: 'yellow',
      meaning: t(
        `Отчёт по коммуникациям показывает не все звонки (${listed} из ${callCount}${outgoing ? `, исходящих: ${outgoing}` : ''}). Расширение всё равно читает отчёт по звонкам при каждом опросе, поэтому звонки не теряются, но каждый опрос стоит на балл больше.`,
        `The communications report does not list every call (${listed} of ${callCount}${outgoing ? `, outgoing: ${outgoing}` : ''}). The extension reads the calls report on every poll anyway, so no call is lost, but each poll costs a point more.`,
      ),
      action: t('Ничего делать не нужно; если лимиты малы — увеличьте интервал опроса.', 'Nothing to do; if the limits are small, raise the poll interval.'),
      details,
    };
  },
};

/** A recent call's `full_record_file_link` (get.calls_report), fetched without any CallGear credentials or cookies. */
export const callgearRecordings: Probe<CallGearContext> = {
  id: 'callgear.recordings',
  group: 'callgear',
  title: t('Записи разговоров открываются без входа в CallGear', 'Call recordings play without a CallGear login'),
  async run(c) {
    if (!c.account) return noAccess();
    const page = await c.client.callsReport({ ...window(c, 7), fields: ['id', 'start_time', 'direction', 'is_lost', 'full_record_file_link'], sort: [{ field: 'start_time', order: 'desc' }], limit: 50 });
    const link = page.rows.find((r) => r.full_record_file_link)?.full_record_file_link;
    if (!link) return { status: 'skipped', meaning: t('За неделю нет звонков с записью: проверить нечего.', 'No recorded calls in the last week: nothing to check.'), action: null };
    const action = t(
      'Менеджеры не смогут прослушать записи из AutoCRM. Попросите менеджера CallGear открыть доступ к записям по ссылке без авторизации или выдайте менеджерам доступ в CallGear.',
      'Managers will not be able to play recordings from AutoCRM. Ask your CallGear manager to let record links open without a login, or give managers CallGear access.',
    );
    let response: Response;
    try {
      response = await c.fetch(link, { credentials: 'omit', headers: { range: 'bytes=0-1' }, signal: AbortSignal.timeout(8000) });
    } catch (error) {
      return { status: 'yellow', meaning: t(`Ссылка на запись не открылась: ${String(error)}.`, `The recording link did not open: ${String(error)}.`), action, details: [new URL(link).host] };
    }
    const type = response.headers.get('content-type') ?? '';
    await response.body?.cancel().catch(() => undefined);
    const details = [`HTTP ${response.status}`, type || 'no content-type'];
    if (response.status === 401 || response.status === 403 || (response.ok && /html/i.test(type))) {
      return { status: 'yellow', meaning: t('Ссылка на запись требует входа в CallGear.', 'The recording link asks for a CallGear login.'), action, details };
    }
    if (!response.ok) return { status: 'yellow', meaning: t(`Ссылка на запись ответила ошибкой ${response.status}.`, `The recording link answered error ${response.status}.`), action, details };
    return { status: 'green', meaning: t('Запись звонка открывается по ссылке без входа в CallGear.', 'A call recording opens by its link without a CallGear login.'), details };
  },
};

export const CALLGEAR_PROBES: Probe<CallGearContext>[] = [
  callgearCredentials,
  callgearCallApi,
  callgearIp,
  callgearFields,
  callgearTimezone,
  callgearEmployees,
  callgearOutgoing,
  callgearRecordings,
  callgearLimits, // last: the limits of the latest answer
];
