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

const noAccess = () => skipped(t('checkCgNotCheckedNoAccessTo'));

const KEY_ACTION = t('checkCgInCallgearOpenAdministratorUser');
const IP_ACTION = t('checkCgInCallgearAdministratorAccountRules');

/** get.account (data_api/account/get_account): the cheapest authenticated Data API request. */
export const callgearCredentials: Probe<CallGearContext> = {
  id: 'callgear.credentials',
  group: 'callgear',
  title: t('checkCgCallgearCredentials'),
  async run(c) {
    try {
      c.account = await c.client.account();
      return { status: 'green', meaning: t('checkCgTheKeyIsAcceptedAccount', { account: c.account.name ?? c.account.app_id }) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      c.dataError = error;
      if (error.kind === 'ip-not-whitelisted') return skipped(t('checkCgNotCheckedCallgearRefusesRequests'));
      if (error.kind === 'authentication') return { status: 'red', meaning: t('checkCgNoIntake'), cause: error.phrase ?? error.text, action: KEY_ACTION, details: [error.code ?? error.kind] };
      if (error.kind === 'permission') {
        return {
          status: 'red',
          meaning: t('checkCgCallgearDeniedTheApiUser', { code: error.code ?? error.kind }),
          action: t('checkCgInCallgearAdministratorUserManagement'),
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
    meaning: t('checkCgTheApiUserLacksThe'),
    action: t('checkCgInCallgearAdministratorUserManagement2'),
  },
  forbidden: {
    meaning: t('checkCgTheApiUserIsNot'),
    action: t('checkCgInCallgearAdministratorUserManagement3'),
  },
  authentication: {
    meaning: t('checkCgTheCallApiRejectedThe'),
    action: t('checkCgInCallgearAdministratorUserManagement4'),
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
  title: t('checkCgCallApiClickToCall'),
  async run(c) {
    if (c.dataError?.kind === 'authentication') return noAccess();
    try {
      await c.client.rpc('call', 'start.employee_call', {});
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.code === 'required_parameter_missed' || error.code === 'invalid_parameter_value') {
        return { status: 'green', meaning: t('checkCgTheCallApiLetsThe') };
      }
      c.callError = error;
      if (error.kind === 'ip-not-whitelisted') return skipped(t('checkCgNotCheckedTheCallApi'));
      const refusal = CALL_API_REFUSALS[error.code ?? ''] ?? (error.kind === 'authentication' ? CALL_API_REFUSALS.authentication : error.kind === 'permission' ? CALL_API_REFUSALS.forbidden : undefined);
      if (refusal) return { status: 'yellow', ...refusal, details: [error.code ?? error.kind] };
      return failedFinding(error);
    }
    // Nothing should be dialled without parameters; if CallGear answered success, the API is at least reachable.
    return { status: 'green', meaning: t('checkCgTheCallApiAnsweredClick') };
  },
};

/** The allow-list is a property of the account, seen from this computer's address. */
export const callgearIp: Probe<CallGearContext> = {
  id: 'callgear.ip',
  group: 'callgear',
  title: t('checkCgIpAllowList'),
  async run(c) {
    const refused = [c.dataError, c.callError].filter((e) => e?.kind === 'ip-not-whitelisted').map((e) => (e === c.dataError ? 'Data API' : 'Call API'));
    if (refused.length > 0) {
      return {
        status: 'red',
        meaning: t('checkCgCallgearRefusesRequestsFromThis', { apis: refused.join(', ') }),
        action: IP_ACTION,
        details: refused,
      };
    }
    if (c.dataError && c.dataError.kind !== 'authentication' && c.dataError.kind !== 'permission') return noAccess();
    return { status: 'green', meaning: t('checkCgCallgearAcceptsRequestsFromThis') };
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
  title: t('checkCgReportFieldsForRulesAnd'),
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
      return { status: 'green', meaning: t('checkCgEveryReportAcceptedAllThe'), details: asked };
    }
    return {
      status: 'yellow',
      meaning: t('checkCgCallgearDoesNotReturnSome'),
      action: t('checkCgRemoveTheseFieldsFromThe'),
      details: [...refused, ...unavailable],
    };
  },
};

const offsetText = (minutes: number) => `UTC${minutes >= 0 ? '+' : '−'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/** get.account `timezone` (data_api/account/get_account): report times are in it; the dealership zone drives templates and hours. */
export const callgearTimezone: Probe<CallGearContext> = {
  id: 'callgear.timezone',
  group: 'callgear',
  title: t('checkCgCallgearAccountTimeZone'),
  async run(c) {
    if (!c.account) return noAccess();
    const at = DateTime.fromMillis(c.now());
    const account = at.setZone(c.account.timezone);
    const dealership = at.setZone(c.config.dealershipZone);
    const details = [`CallGear: ${c.account.timezone} (${offsetText(account.offset)})`, `${c.config.dealershipZone} (${offsetText(dealership.offset)})`];
    if (!account.isValid) return { status: 'yellow', meaning: t('checkCgCallgearNamedAnUnknownTime', { timezone: c.account.timezone }), action: t('checkCgTellSupport'), details };
    if (account.offset === dealership.offset) return { status: 'green', meaning: t('checkCgTheCallgearAccountSTime'), details };
    return {
      status: 'yellow',
      meaning: t('checkCgTheCallgearAccountIsIn'),
      action: t('checkCgCheckTheDealershipTimeZone'),
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
  title: t('checkCgCallgearRequestLimits'),
  async run(c) {
    if (!c.account) return noAccess();
    const limits: Limits | null = c.client.lastLimits;
    const store = new ConfigStore(c.db);
    const [share, cost] = await Promise.all([store.pointBudgetShare(), store.idlePollCost()]);
    const pointsPerPoll = cost ?? DEFAULT_POINTS_PER_POLL;
    const intervalSec = c.config.installation.pollIntervalSec;
    const wanted = Math.round((DAY_MS / 1000 / Math.max(30, intervalSec)) * pointsPerPoll);
    if (!limits) {
      return { status: 'yellow', meaning: t('checkCgCallgearDidNotReportThe'), action: t('checkCgTellSupport'), details: [`≈${wanted}/day`] };
    }
    const pacing = nextPollDelay({ now: c.now(), pollIntervalSec: intervalSec, share, limits, pointsPerPoll, hours: { ...c.config.hours, onlyInWorkingHours: false } });
    const details = [`day: ${limits.day_remaining}/${limits.day_limit}`, `minute: ${limits.minute_remaining}/${limits.minute_limit}`, `polls: ≈${wanted}/day at ${intervalSec} s`, `budget: ${Math.round(pacing.dailyBudget)}/day (${Math.round(share * 100)}%)`];
    if (limits.day_remaining < pointsPerPoll) {
      return {
        status: 'red',
        meaning: t('checkCgCallgearPointsForTodayAre'),
        action: t('checkCgRaiseThePollIntervalIn'),
        details,
      };
    }
    if (pacing.reason === 'budget') {
      const everySec = Math.round(pacing.delayMs / 1000);
      return {
        status: 'yellow',
        meaning: t('checkCgPollingEverySWouldSpend', { intervalSec, wanted, day_limit: limits.day_limit, everySec }),
        action: t('checkCgAskYourCallgearManagerFor'),
        details,
      };
    }
    return { status: 'green', meaning: t('checkCgTheCallgearLimitsAllowPolling'), details };
  },
};

/** get.employees (data_api/employee/get_employees) against the user map the user sync keeps. */
export const callgearEmployees: Probe<CallGearContext> = {
  id: 'callgear.employees',
  group: 'callgear',
  title: t('checkCgCallgearEmployeesAutocrmUsers'),
  async run(c) {
    if (!c.account) return noAccess();
    const [employees, map] = await Promise.all([c.client.employees(), c.db.userMap.toArray()]);
    const mappedIds = new Set(map.map((m) => m.callgearEmployeeId));
    const unmapped = employees.filter((e) => !mappedIds.has(e.id));
    const gone = map.filter((m) => !employees.some((e) => e.id === m.callgearEmployeeId));
    const mapped = employees.length - unmapped.length;
    const details = [`${mapped}/${employees.length}`, ...unmapped.map((e) => e.full_name || [e.last_name, e.first_name].filter(Boolean).join(' ') || `#${e.id}`), ...gone.map((m) => `× ${m.name} (#${m.callgearEmployeeId})`)];
    const action = t('checkCgOpenUsersInTheExtension');
    if (employees.length === 0) return { status: 'yellow', meaning: t('checkCgCallgearHasNoEmployees'), action, details };
    if (mapped === 0) {
      return { status: 'red', meaning: t('checkCgNoCallgearEmployeeIsMatched'), action, details };
    }
    if (unmapped.length > 0 || gone.length > 0) {
      return { status: 'yellow', meaning: gone.length ? t('checkCgEmployeesUnmatchedGone', { unmatched: unmapped.length, gone: gone.length }) : t('checkCgEmployeesUnmatched', { unmatched: unmapped.length }), action, details };
    }
    return { status: 'green', meaning: t('checkCgEveryCallgearEmployeeIsMatched'), details };
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
  title: t('checkCgOutgoingCallsInTheCommunications'),
  async run(c) {
    if (!c.account) return noAccess();
    const span = window(c, 1);
    const calls = await c.client.callsReport({ ...span, fields: ['id', 'start_time', 'direction', 'is_lost'], limit: 1000 });
    const communications = await c.client.communicationsReport({ ...span, filter: { field: 'communication_type', operator: '=', value: 'call' }, limit: 1 });
    const callCount = Number.isFinite(calls.total) ? calls.total : calls.rows.length;
    const outgoing = calls.rows.filter((r) => r.direction === 'out').length;
    const listed = Number.isFinite(communications.total) ? communications.total : communications.rows.length;
    const details = [`get.calls_report: ${callCount} (out: ${outgoing})`, `get.communications_report (call): ${listed}`];
    if (callCount === 0) return { status: 'skipped', meaning: t('checkCgNoCallsInTheLast'), action: null, details };
    if (listed >= callCount) return { status: 'green', meaning: t('checkCgTheCommunicationsReportListsEvery'), details };
    return {
      status: 'yellow',
      meaning: t('checkCgCommunicationsMissCalls', { listed, calls: callCount, outgoing }),
      action: t('checkCgNothingToDoIfThe'),
      details,
    };
  },
};

/** A recent call's `full_record_file_link` (get.calls_report), fetched without any CallGear credentials or cookies. */
export const callgearRecordings: Probe<CallGearContext> = {
  id: 'callgear.recordings',
  group: 'callgear',
  title: t('checkCgCallRecordingsPlayWithoutA'),
  async run(c) {
    if (!c.account) return noAccess();
    const page = await c.client.callsReport({ ...window(c, 7), fields: ['id', 'start_time', 'direction', 'is_lost', 'full_record_file_link'], sort: [{ field: 'start_time', order: 'desc' }], limit: 50 });
    const link = page.rows.find((r) => r.full_record_file_link)?.full_record_file_link;
    if (!link) return { status: 'skipped', meaning: t('checkCgNoRecordedCallsInThe'), action: null };
    const action = t('checkCgManagersWillNotBeAble');
    let response: Response;
    try {
      response = await c.fetch(link, { credentials: 'omit', headers: { range: 'bytes=0-1' }, signal: AbortSignal.timeout(8000) });
    } catch (error) {
      return { status: 'yellow', meaning: t('checkCgTheRecordingLinkDidNot'), action, details: [new URL(link).host, String(error)] }; // the browser's words: for support only
    }
    const type = response.headers.get('content-type') ?? '';
    await response.body?.cancel().catch(() => undefined);
    const details = [`HTTP ${response.status}`, type || 'no content-type'];
    if (response.status === 401 || response.status === 403 || (response.ok && /html/i.test(type))) {
      return { status: 'yellow', meaning: t('checkCgTheRecordingLinkAsksFor'), action, details };
    }
    if (!response.ok) return { status: 'yellow', meaning: t('checkCgTheRecordingLinkAnsweredError', { status: response.status }), action, details };
    return { status: 'green', meaning: t('checkCgACallRecordingOpensBy'), details };
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
