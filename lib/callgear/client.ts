import type { KyInstance } from 'ky';
import type { z } from 'zod/mini';
import { isApiError, networkError } from '../api-error';
import { createHttp, readJson, reportExchange, urlPath, type HttpOptions } from '../http';
import { BRAND_HOSTS, type Brand } from './hosts';
import { SESSION_ENDED, callgearHttpError, notCallGear, rpcError, type RpcErrorBody } from './errors';
import { SessionKeeper, type Session, type SessionApi } from './session-store';
import * as T from './types';
import { REPORT_METHOD, TIME_SORT, type ReportName } from './fields';
import { COMMUNICATIONS_FIELDS, requestedFields } from './requested-fields';
import { unexpectedFieldNames } from './unexpected-fields';
import { EmployeeUpdateError, employeeUpdateBody, refusal, type EmployeeChanges } from './employee-update';

/** What the product reads of an employee, named so the numbers' settings always come back (data_api/employee/get_employees). */
const EMPLOYEE_FIELDS = ['id', 'first_name', 'last_name', 'patronymic', 'full_name', 'email', 'status_id', 'phone_numbers', 'extension'];

export type CallGearAuth = { kind: 'token'; token: string } | { kind: 'login'; login: string; password: string };

export interface CallGearClientOptions extends HttpOptions {
  brand?: Brand;
  /** Explicit endpoints (the simulators); otherwise the brand's hosts. */
  dataApiUrl?: string;
  callApiUrl?: string;
  auth: CallGearAuth;
  /** `login.user` sessions shared with other clients of the account (and kept across worker lives). */
  sessions?: SessionKeeper;
  /** Told the `metadata.limits` of every Data API answer, success or error (the point budget). */
  onLimits?: (limits: T.Limits) => void;
}

type Api = SessionApi;

/** A report row the client could not read, kept with the reason. */
export interface RejectedRow {
  id: unknown;
  raw: unknown;
  reason: string;
}

export interface ReportPage<R> {
  rows: R[];
  rejected: RejectedRow[];
  /** `metadata.total_items`, or Infinity when the answer has none (paging then stops at a short page). */
  total: number;
  /** Requested `fields` names the account refused (`unexpected_parameters`), dropped for this answer. */
  dropped?: string[];
}
type Params = Record<string, unknown>;

export interface ReportOptions {
  /** Called with the names an account refused, before the request is made again without them. */
  onDropped?: (names: string[]) => Promise<void>;
}

interface RpcSuccess {
  result: { data?: unknown; metadata?: { total_items?: number; limits?: unknown } };
}

type Answer = { ok: true; value: RpcSuccess } | { ok: false; error: RpcErrorBody };

/** A JSON-RPC answer: `result`, or an `error` object (callgear.github.io data_api/index.html, "JSON error structure"). */
function rpcAnswer(body: unknown): Answer | null {
  if (!body || typeof body !== 'object') return null;
  const { result, error } = body as { result?: unknown; error?: unknown };
  if (error && typeof error === 'object') return { ok: false, error: error as RpcErrorBody };
  if ('result' in body && result && typeof result === 'object') return { ok: true, value: body as RpcSuccess };
  return null;
}

/**
 * The CallGear Data API v2.0 and Call API v4.0 client (JSON-RPC 2.0 over POST, `access_token` in
 * params). One request per call, no retry loops: the only repeat is a single fresh `login.user` when
 * a session key has ended, which is authentication, not a retry.
 */
export class CallGearClient {
  private readonly http: KyInstance;
  private readonly urls: Record<Api, string>;
  private readonly auth: CallGearAuth;
  private readonly sessions: SessionKeeper;
  private readonly onLimits?: (limits: T.Limits) => void;
  private sequence = 0;
  /** `metadata.limits` of the latest Data API answer that carried them (success or error). */
  lastLimits: T.Limits | null = null;
  /** Successful Data API requests, i.e. points spent by this client ("All operations: 1" point, data_api/index.html). */
  pointsUsed = 0;

  constructor({ brand = 'callgear', dataApiUrl, callApiUrl, auth, sessions, onLimits, ...http }: CallGearClientOptions) {
    this.http = createHttp(http);
    this.urls = { data: dataApiUrl ?? BRAND_HOSTS[brand].dataApi, call: callApiUrl ?? BRAND_HOSTS[brand].callApi };
    this.auth = auth;
    this.sessions = sessions ?? new SessionKeeper();
    this.onLimits = onLimits;
  }

  /**
   * One POST. The body is read whatever the HTTP status: the documents do not say which status carries a
   * JSON-RPC error, so an error object is CallGear's answer even on a 4xx or 5xx. Without one, a 5xx is
   * a failing service and anything else is not CallGear.
   */
  private async post(api: Api, method: string, params: Params): Promise<Answer> {
    const id = ++this.sequence;
    const started = Date.now();
    const sent = { api: api === 'data' ? 'callgear-data' : 'callgear-call', method, path: urlPath(this.urls[api]), params: Object.keys(params) } as const;
    let response: Response;
    try {
      response = await this.http.post(this.urls[api], {
        json: { jsonrpc: '2.0', id, method, params },
        headers: { 'content-type': 'application/json; charset=UTF-8' },
      });
    } catch (error) {
      reportExchange({ ...sent, status: null, body: undefined, durationMs: Date.now() - started });
      throw networkError('callgear', error, method);
    }
    const body = await readJson(response);
    reportExchange({ ...sent, status: response.status, body, durationMs: Date.now() - started });
    const answer = rpcAnswer(body);
    if (!answer) throw response.ok ? notCallGear(response.status, method) : callgearHttpError(response.status, method);
    if (api === 'data') this.noteLimits(answer.ok ? answer.value.result.metadata?.limits : answer.error.data?.metadata?.limits);
    return answer;
  }

  private noteLimits(raw: unknown): void {
    const limits = T.limitsSchema.safeParse(raw);
    if (!limits.success) return;
    this.lastLimits = limits.data;
    this.onLimits?.(limits.data);
  }

  /** `login.user` on the API's own host: each API issues its own session key (call_api/authentication/login_user). */
  private async login(api: Api): Promise<Session> {
    if (this.auth.kind !== 'login') throw new Error('login.user needs a login and password');
    const answer = await this.post(api, 'login.user', { login: this.auth.login, password: this.auth.password });
    if (!answer.ok) throw rpcError(answer.error, 'login.user');
    const data = (answer.value.result.data ?? {}) as { access_token?: unknown; expire_at?: unknown };
    if (typeof data.access_token !== 'string' || !data.access_token) throw notCallGear(200, 'login.user');
    // expire_at is a Unix timestamp in seconds; the key lives an hour (data_api/authentication/login_user).
    const expireAt = typeof data.expire_at === 'number' ? data.expire_at : Date.now() / 1000 + 3600;
    return { token: data.access_token, expiresAt: expireAt * 1000 };
  }

  private accessToken(api: Api): Promise<string> {
    if (this.auth.kind === 'token') return Promise.resolve(this.auth.token);
    return this.sessions.token(api, () => this.login(api));
  }

  /** One JSON-RPC call with authentication; returns `result`. */
  async rpc(api: Api, method: string, params: Params = {}): Promise<RpcSuccess['result']> {
    let token = await this.accessToken(api);
    let answer = await this.post(api, method, { ...params, access_token: token });
    const mnemonic = !answer.ok ? answer.error.data?.mnemonic : undefined;
    if (!answer.ok && this.auth.kind === 'login' && mnemonic && SESSION_ENDED.has(mnemonic)) {
      await this.sessions.invalidate(api, token); // the hour is up: log in again once
      token = await this.accessToken(api);
      answer = await this.post(api, method, { ...params, access_token: token });
    }
    if (!answer.ok) throw rpcError(answer.error, method);
    if (api === 'data') this.pointsUsed++;
    return answer.value.result;
  }

  /**
   * Parses rows one by one: a row of an unexpected shape is set aside with the reason (the pipeline
   * quarantines it) instead of failing the whole page.
   */
  private rows<S extends z.ZodMiniType>(schema: S, data: unknown, method: string): { rows: z.infer<S>[]; rejected: RejectedRow[] } {
    if (!Array.isArray(data)) throw notCallGear(200, method);
    const rows: z.infer<S>[] = [];
    const rejected: RejectedRow[] = [];
    for (const row of data) {
      const parsed = schema.safeParse(row);
      if (parsed.success) rows.push(parsed.data);
      else {
        const issue = parsed.error.issues[0];
        rejected.push({ id: (row as { id?: unknown } | null)?.id, raw: row, reason: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'unexpected shape'}` });
      }
    }
    return { rows, rejected };
  }

  /** One page; `total` is `metadata.total_items` (data_api/index.html "Meta parameters"), Infinity when absent. */
  private async page<S extends z.ZodMiniType>(schema: S, method: string, params: Params): Promise<ReportPage<z.infer<S>>> {
    const result = await this.rpc('data', method, params);
    const { rows, rejected } = this.rows(schema, result.data, method);
    const total = result.metadata?.total_items;
    return { rows, rejected, total: typeof total === 'number' ? total : Number.POSITIVE_INFINITY };
  }

  /**
   * A report page asking for `fields`. If the account answers `unexpected_parameters` for some of the
   * names (a brand or tariff without them), those names are dropped and the request is made once more;
   * the page says which names were dropped so the caller can remember and report them.
   */
  private async reportPage<S extends z.ZodMiniType>(schema: S, report: ReportName, params: T.ReportParams, options: ReportOptions = {}): Promise<ReportPage<z.infer<S>>> {
    const method = REPORT_METHOD[report];
    try {
      return await this.page(schema, method, { ...params });
    } catch (error) {
      const dropped = params.fields ? unexpectedFieldNames(error, params.fields) : [];
      if (dropped.length === 0) throw error;
      // Remembered before the retry: if the retry meets a second refused name, the next poll starts without the first.
      await options.onDropped?.(dropped);
      const fields = params.fields!.filter((name) => !dropped.includes(name));
      return { ...(await this.page(schema, method, { ...params, fields })), dropped };
    }
  }

  /**
   * Every row of a report in its window, page by page (limit/offset), stopping at a short page, at
   * total_items, or at a page that repeats the previous one (an API ignoring `offset`).
   */
  async *reportRows<S extends z.ZodMiniType>(schema: S, method: string, params: T.ReportParams): AsyncGenerator<z.infer<S>> {
    const limit = params.limit ?? 1000;
    let previous: string | null = null;
    for (let offset = params.offset ?? 0; ; offset += limit) {
      const { rows, rejected, total } = await this.page(schema, method, { ...params, limit, offset });
      const signature = JSON.stringify([...rows, ...rejected].map((r) => (r as { id?: unknown }).id));
      if (signature === previous) return;
      yield* rows;
      const read = rows.length + rejected.length;
      if (read < limit || offset + read >= total) return;
      previous = signature;
    }
  }

  // Account and reports

  async account(): Promise<T.Account> {
    const result = await this.rpc('data', 'get.account');
    const [account] = this.rows(T.accountSchema, result.data, 'get.account').rows;
    if (!account) throw notCallGear(200, 'get.account');
    return account;
  }
  /** Reports name their `fields` (the product's list unless given) and sort by time where documented sortable. */
  callsReport(params: T.ReportParams, options?: ReportOptions) {
    return this.reportPage(T.callRowSchema, 'calls', { fields: requestedFields('call'), sort: TIME_SORT.calls, ...params }, options);
  }
  chatsReport(params: T.ReportParams, options?: ReportOptions) {
    return this.reportPage(T.chatRowSchema, 'chats', { fields: requestedFields('chat'), sort: TIME_SORT.chats, ...params }, options);
  }
  offlineMessagesReport(params: T.ReportParams, options?: ReportOptions) {
    return this.reportPage(T.leadRowSchema, 'offline_messages', { fields: requestedFields('lead'), ...params }, options);
  }
  communicationsReport(params: T.ReportParams) {
    return this.reportPage(T.communicationRowSchema, 'communications', { fields: COMMUNICATIONS_FIELDS, ...params });
  }
  /** data_api/report/get_chat_messages_report: `chat_id` is a request parameter; the fields are the ones the schema reads. */
  chatMessages(chatId: number) {
    return this.page(T.chatMessageSchema, 'get.chat_messages_report', { chat_id: chatId, fields: ['id', 'chat_id', 'date_time', 'text', 'source'] });
  }

  // Employees and contacts

  async employees(filter?: T.ReportFilter): Promise<T.Employee[]> {
    const all: T.Employee[] = [];
    let previous = '';
    for (let offset = 0; ; offset += T.MAX_REPORT_LIMIT) {
      const { rows, total } = await this.employeePage({ limit: T.MAX_REPORT_LIMIT, offset, ...(filter ? { filter } : {}) });
      const ids = rows.map((row) => row.id).join(',');
      if (offset > 0 && ids === previous) return all; // an API that ignores `offset` answers the first page again
      all.push(...rows);
      previous = ids;
      if (all.length >= total || rows.length < T.MAX_REPORT_LIMIT) return all;
    }
  }
  /** With the fields named; an account that refuses a name (`unexpected_parameters`) is asked for its defaults. */
  private async employeePage(params: Params) {
    try {
      return await this.page(T.employeeSchema, 'get.employees', { ...params, fields: EMPLOYEE_FIELDS });
    } catch (error) {
      if (!isApiError(error) || error.code !== 'unexpected_parameters') throw error;
      return this.page(T.employeeSchema, 'get.employees', params);
    }
  }
  async employee(id: number): Promise<T.Employee | null> {
    return (await this.employees({ field: 'id', operator: '=', value: id }))[0] ?? null;
  }
  async createEmployee(params: Params): Promise<number> {
    const result = await this.rpc('data', 'create.employees', params);
    return createdId(result);
  }
  /** Changes an employee read just before: see employeeUpdateBody for what is always sent. */
  async updateEmployee(current: T.Employee, changes: EmployeeChanges): Promise<void> {
    await this.rpc('data', 'update.employees', employeeUpdateBody(current, changes));
  }
  /** Employee statuses (data_api/employee/get_statuses); `mnemonic` names the standard ones. */
  async statuses(filter?: T.ReportFilter): Promise<T.EmployeeStatus[]> {
    return (await this.page(T.statusSchema, 'get.statuses', filter ? { filter } : {})).rows;
  }
  /**
   * "Disable in CallGear": the standard `not_at_work` status by its `status_id` (update.employees marks
   * `status` deprecated), sent with the employee's last name and numbers as read.
   */
  async disableEmployee(id: number): Promise<void> {
    const [employee, statuses] = await Promise.all([this.employee(id), this.statuses({ field: 'mnemonic', operator: '=', value: 'not_at_work' })]);
    if (!employee) throw new EmployeeUpdateError(refusal.notFound(id));
    const status = statuses.find((s) => s.mnemonic === 'not_at_work' && !s.is_deleted);
    if (!status) throw new EmployeeUpdateError(refusal.noNotAtWork);
    await this.updateEmployee(employee, { status_id: status.id });
  }
  async contacts(filter?: T.ReportFilter): Promise<T.Contact[]> {
    return (await this.page(T.contactSchema, 'get.contacts', filter ? { filter } : {})).rows;
  }
  async contact(id: number): Promise<T.Contact | null> {
    return (await this.contacts({ field: 'id', operator: '=', value: id }))[0] ?? null;
  }
  /**
   * The address-book contacts holding this number (digits, as CallGear writes them). `phone_numbers` is
   * filterable (data_api/contact/get_contacts); for an array CallGear's operator list offers `jsquery`
   * ("PostgreSQL jsquery", data types object, array: data_api/index.html "Filter operators"; the same row
   * on UIS/CoMagic), and `#` is any element of the array. CallGear's list has no `overlap`. An account
   * that refuses the filter answers `filter_prohibited` or `invalid_parameter_value`: the caller decides.
   */
  async contactsByPhone(digits: string): Promise<T.Contact[]> {
    return this.contacts({ field: 'phone_numbers', operator: 'jsquery', value: `# = ${JSON.stringify(digits.replace(/\D/g, ''))}` });
  }
  async createContact(params: Params): Promise<number> {
    return createdId(await this.rpc('data', 'create.contacts', params));
  }
  async updateContact(id: number, params: Params): Promise<void> {
    await this.rpc('data', 'update.contacts', { ...params, id });
  }

  // Dictionaries for the rule editor

  async scenarios() {
    return (await this.page(T.namedSchema, 'get.scenarios', {})).rows;
  }
  async sites() {
    return (await this.page(T.siteSchema, 'get.sites', {})).rows;
  }
  async campaigns() {
    return (await this.page(T.namedSchema, 'get.campaigns', {})).rows;
  }
  async virtualNumbers() {
    return (await this.page(T.virtualNumberSchema, 'get.virtual_numbers', {})).rows;
  }
  async tags() {
    return (await this.page(T.namedSchema, 'get.tags', {})).rows;
  }

  // Call API

  /** Click-to-call: rings the employee first, then the contact. Returns the call session id. */
  async startEmployeeCall({ employeeId, contact, virtualNumber, externalId }: { employeeId: number; contact: string; virtualNumber: string; externalId?: string }): Promise<number> {
    const result = await this.rpc('call', 'start.employee_call', {
      first_call: 'employee',
      virtual_phone_number: virtualNumber,
      contact,
      employee: { id: employeeId },
      direction: 'out',
      ...(externalId ? { external_id: externalId } : {}),
    });
    const id = (result.data as { call_session_id?: number } | undefined)?.call_session_id;
    if (typeof id !== 'number') throw notCallGear(200, 'start.employee_call');
    return id;
  }
}

/** Create methods answer `result: {id}` (callgear.github.io data_api/employee/create_employees); `{data: {id}}` is accepted too. */
function createdId(result: RpcSuccess['result'] & { id?: unknown }): number {
  const id = (result.data as { id?: unknown } | undefined)?.id ?? result.id;
  if (typeof id !== 'number') throw notCallGear(200, 'create');
  return id;
}
