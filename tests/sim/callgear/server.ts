import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { readBody, sendJson, sleep, seededRandom } from '../http-util';
import { serve, type RunningServer } from '../serve';
import { CHAT_MESSAGE_FIELDS, CHAT_MESSAGE_PARAMS, CONTACT_FIELDS, EMPLOYEE_FIELDS, EMPLOYEE_PHONE_PARAMS, LIST_PARAMS, REPORT_FIELDS, REPORT_PARAMS, STATUS_FIELDS, WRITE_PARAMS, type Brand, type FieldTable, type ReportName } from './documented';
import { ACCOUNT, CAMPAIGNS, CHAT_CHANNELS, CONTACTS, EMPLOYEES, SCENARIOS, SITES, STATUSES, TAGS, VIRTUAL_NUMBERS, callRow, chatRow, documentedRow, leadRow, type CallOptions, type ChatOptions, type LeadOptions, type Row } from './fixtures';
import { RpcError, invalid } from './filters';
import { PointBudget } from './points';
import { listAnswer, onlyParams, tableOf } from './query';

export { matches } from './filters';

/**
 * The CallGear simulator: Data API v2.0 and Call API v4.0 (JSON-RPC 2.0, POST only, `access_token` in
 * params), call-record media links, and `/__control/*` for tests. It answers as strictly as the
 * documents (callgear/callgear.github.io data_api/…, call_api/…) say: only default fields unless `fields`
 * names others, only documented parameters, filters and sorts, the brand's operators, `result: {id}` for
 * creates, separate sessions per API, and `metadata.limits` in every answer. Where the documents are silent
 * a switch in `CallGearFaults` chooses (docs/decisions.md "Simulators").
 */
export interface CallGearFaults {
  latencyMs: number;
  /** Share of requests answered with HTTP 502 and an HTML body. */
  error5xxRate: number;
  /** Share answered with JSON-RPC -32603 internal_error. */
  internalErrorRate: number;
  timeoutRate: number;
  hangMs: number;
  ipWhitelisted: boolean;
  /** The next N requests fail with limit_exceeded (CallGear's point limit)… */
  limitExceededRequests: number;
  /** …counting only these methods, when given. */
  limitExceededMethods: string[] | null;
  sessionLifetimeSec: number;
  seed: number;
  /** Whose documents the account follows: CallGear's operator table, or UIS/CoMagic's longer one. */
  brand: Brand;
  /** Data API points a day and a minute. The only public figure for a CallGear account is 1 000 a day. */
  dayLimit: number;
  minuteLimit: number;
  /** Whether outgoing calls are rows of get.communications_report (undocumented; default: not listed). */
  communicationsIncludeOutgoing: boolean;
  /** The Call API answers `forbidden` to every user ("Access to Call API" not granted in the account). */
  callApiForbidden: boolean;
  /** Report `fields` names this account refuses with unexpected_parameters (a brand or tariff without them). */
  refusedFields: string[];
  /** Call-record links answer 401 without a CallGear login (whether they need one is undocumented). */
  recordsNeedLogin: boolean;
}

const DEFAULT_FAULTS: CallGearFaults = {
  latencyMs: 0,
  error5xxRate: 0,
  internalErrorRate: 0,
  timeoutRate: 0,
  hangMs: 25_000,
  ipWhitelisted: true,
  limitExceededRequests: 0,
  limitExceededMethods: null,
  sessionLifetimeSec: 3600,
  seed: 7,
  brand: 'callgear',
  dayLimit: 10_000,
  minuteLimit: 250,
  communicationsIncludeOutgoing: false,
  callApiForbidden: false,
  refusedFields: [],
  recordsNeedLogin: false,
};

/** A small tariff: the only public figure for a CallGear account's day limit. */
export const SMALL_TARIFF: Partial<CallGearFaults> = { dayLimit: 1_000, minuteLimit: 60 };

/**
 * Permanent API keys: a user with the Data API and Call API components, a blocked key, and a user with only
 * the "Data API Basic set" (the Call API answers component_disabled: call_api/index.html error table).
 */
export const CALLGEAR_KEYS = { permanent: 'cg-sim-permanent-key', blocked: 'cg-sim-blocked-key', dataOnly: 'cg-sim-data-only-key' };
/** Users who may call `login.user`: with both APIs, and with the Data API only. */
export const CALLGEAR_LOGIN = { login: 'admin@sever-auto.ru', password: 'callgear-pass' };
export const CALLGEAR_LOGIN_DATA_ONLY = { login: 'reports@sever-auto.ru', password: 'reports-pass' };
/**
 * An operator's own user: employee 9001 (Петрова), whose login is the one `get.employees` reports and the
 * Softphone signs in with. `login.user` takes any user's login and password (data_api/authentication/login_user,
 * call_api/authentication/login_user); what the user may do is the account's business, so both APIs answer.
 */
export const CALLGEAR_OPERATOR_LOGIN = { login: 'a.petrova@sever-auto.ru', password: 'petrova-cg-pass' };
export const BLACKLISTED_CONTACTS = ['79990000666'];

const START_EMPLOYEE_CALL_PARAMS = [
  'access_token', 'first_call', 'switch_at_once', 'early_switching', 'media_file_id', 'virtual_phone_number', 'virtual_phone_usage_rule',
  'show_virtual_phone_number', 'contact', 'external_id', 'dtmf_string', 'direction', 'employee', 'contact_message', 'employee_message',
];
const REPORT_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Settings a phone number of an employee gets when a write does not give them (docs silent: the strict reading). */
export const PHONE_DEFAULTS = { channels_count: 1, dial_time: 60, status: 'active' } as const;

type Params = Record<string, unknown>;
type Kind = 'call' | 'chat' | 'lead';
type Api = 'data' | 'call';
interface StoredRow {
  kind: Kind;
  row: Row;
  /** Hidden from reports until revealed: a row that "appears late". */
  hidden: boolean;
}
interface Session {
  api: Api;
  expireAt: number;
  callApi: boolean;
}

export interface EmployeeCallLog {
  params: Params;
  call_session_id: number;
}

export class CallGearSim {
  rows: StoredRow[] = [];
  employees: Row[] = [];
  contacts: Row[] = [];
  employeeCalls: EmployeeCallLog[] = [];
  faults: CallGearFaults = { ...DEFAULT_FAULTS };
  log: { api: Api; method: string; error?: string; params?: Params }[] = [];
  /** The origin the simulator is reached at, for call-record links (set by `startCallGearSim`). */
  mediaHost = 'https://app.callgear.com';
  private sessions = new Map<string, Session>();
  private points = this.budget();
  private callPoints = this.budget();
  private random = seededRandom(DEFAULT_FAULTS.seed);
  private nextId = 5_000_000;

  constructor() {
    this.reset();
  }

  private budget(): PointBudget {
    return new PointBudget(ACCOUNT.timezone, () => ({ day: this.faults.dayLimit, minute: this.faults.minuteLimit }));
  }

  reset(): void {
    this.rows = [];
    this.employees = EMPLOYEES.map((e) => this.employeeRecord(e));
    this.contacts = CONTACTS.map((c) => this.contactRecord({ ...c, phone_numbers: [...c.phone_numbers] }));
    this.employeeCalls = [];
    this.faults = { ...DEFAULT_FAULTS };
    this.log = [];
    this.sessions.clear();
    this.points = this.budget();
    this.callPoints = this.budget();
    this.random = seededRandom(DEFAULT_FAULTS.seed);
    this.nextId = 5_000_000;
  }

  setFaults(faults: Partial<CallGearFaults>): void {
    this.faults = { ...this.faults, ...faults };
    if (faults.seed !== undefined) this.random = seededRandom(faults.seed);
  }

  /** Points charged so far today (successful Data API requests). */
  get pointsUsed(): number {
    return this.points.day;
  }

  private employeeRecord(e: (typeof EMPLOYEES)[number]): Row {
    const status = STATUSES.find((s) => s.mnemonic === 'available')!;
    return documentedRow(EMPLOYEE_FIELDS, {
      id: e.id,
      login: e.email,
      first_name: e.first_name,
      last_name: e.last_name,
      patronymic: e.patronymic,
      full_name: [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(' '),
      email: e.email,
      status: status.mnemonic,
      status_id: status.id,
      calls_available: true,
      // Ring settings other than the defaults, so that a write which drops them is visible.
      phone_numbers: e.phone ? [{ phone_id: e.id * 10, phone_number: e.phone, channels_count: 2, dial_time: 25, status: 'active' }] : [],
      extension: { extension_phone_number: e.extension, extension_voice_mail_enabled: false, extension_queue_enabled: false },
      groups: [],
    });
  }

  private contactRecord(c: Record<string, unknown>): Row {
    const manager = this.employees.find((e) => e.id === c.personal_manager_id);
    return documentedRow(CONTACT_FIELDS, {
      emails: [],
      groups: [],
      ...c,
      full_name: [c.last_name, c.first_name, c.patronymic].filter(Boolean).join(' '),
      personal_manager_full_name: manager?.full_name ?? null,
    } as unknown as Row);
  }

  // ---------- adding communications (control API and tests) ----------

  private id(): number {
    return ++this.nextId;
  }

  addCall(options: Partial<CallOptions> & { late?: boolean } = {}): Row {
    const row = callRow({ mediaHost: this.mediaHost, ...options, id: options.id ?? this.id() });
    // CallGear names the address-book contact of a known number in the call's row.
    const contact = this.contacts.find((c) => (c.phone_numbers as string[]).includes(String(row.contact_phone_number)));
    if (contact) Object.assign(row, { contact_id: contact.id, contact_full_name: contact.full_name });
    this.rows.push({ kind: 'call', row, hidden: options.late ?? false });
    return row;
  }

  addChat(options: Partial<ChatOptions> & { late?: boolean } = {}): Row {
    const row = chatRow({ ...options, id: options.id ?? this.id() });
    this.rows.push({ kind: 'chat', row, hidden: options.late ?? false });
    return row;
  }

  addLead(options: Partial<LeadOptions> & { late?: boolean } = {}): Row {
    const row = leadRow({ ...options, id: options.id ?? this.id() });
    this.rows.push({ kind: 'lead', row, hidden: options.late ?? false });
    return row;
  }

  /** Rows added with `late: true` become visible to reports. */
  reveal(): number {
    const hidden = this.rows.filter((r) => r.hidden);
    for (const r of hidden) r.hidden = false;
    return hidden.length;
  }

  // ---------- HTTP ----------

  handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/__control/')) return this.control(req, res, url);
    const media = /^\/system\/media\/(talk|wav)\/(\d+)\/([0-9a-f]+)\/?$/.exec(url.pathname);
    if (media && req.method === 'GET') return this.serveRecord(res, Number(media[2]), media[3]!);
    const api = url.pathname.startsWith('/v2.0') ? 'data' : url.pathname.startsWith('/v4.0') ? 'call' : null;
    if (!api) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return sendJson(res, 405, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Only POST is allowed', data: { mnemonic: 'invalid_request' } } });
    const body = (await readBody(req)) as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: Params } | unknown[] | undefined;
    const f = this.faults;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (this.random() < f.timeoutRate) {
      await sleep(f.hangMs);
      if (res.destroyed) return;
    }
    if (this.random() < f.error5xxRate) {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    sendJson(res, 200, this.rpc(api, body));
  };

  private rpc(api: Api, body: unknown): unknown {
    if (Array.isArray(body)) return { jsonrpc: '2.0', id: null, error: { code: -32099, message: 'Batch operations are not supported', data: { mnemonic: 'batch_operations_not_supported' } } };
    const request = (body ?? {}) as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: Params };
    const id = request.id ?? null;
    const method = String(request.method ?? '');
    const params = request.params ?? {};
    try {
      if ((body as { __unparseable?: string }).__unparseable !== undefined) throw new RpcError(-32700, 'parse_error', 'Parse error');
      if (request.jsonrpc !== '2.0') throw new RpcError(-32600, 'invalid_request', 'Invalid Request');
      if (request.id === undefined) throw new RpcError(-32099, 'notifications_not_supported', 'Notifications are not supported');
      if (!this.faults.ipWhitelisted) throw new RpcError(-32003, 'ip_not_whitelisted', 'Your IP address is not in the white list of the API');
      if (this.random() < this.faults.internalErrorRate) throw new RpcError(-32603, 'internal_error', 'Internal error');
      const result = method === 'login.user' ? this.login(api, params) : this.call(api, method, params);
      this.log.push({ api, method, params: hideToken(params) });
      const budget = api === 'call' ? this.callPoints : this.points;
      return { jsonrpc: '2.0', id, result: { ...result, metadata: { ...((result as { metadata?: object }).metadata ?? {}), limits: budget.limits() } } };
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      this.log.push({ api, method, error: error.mnemonic, params: hideToken(params) });
      return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message, data: { mnemonic: error.mnemonic, ...error.extra } } };
    }
  }

  /**
   * `login.user` exists on both APIs and each answers a key for its own API (data_api/authentication/login_user,
   * call_api/authentication/login_user: "The reply contains a key to access the Call API").
   */
  private login(api: Api, params: Params) {
    onlyParams(params, ['login', 'password']);
    const user = [CALLGEAR_LOGIN, CALLGEAR_LOGIN_DATA_ONLY, CALLGEAR_OPERATOR_LOGIN].find((u) => u.login === params.login && u.password === params.password);
    if (!user) throw new RpcError(-32001, 'auth_error', 'Authorization error: wrong login or password');
    const callApi = user !== CALLGEAR_LOGIN_DATA_ONLY;
    if (api === 'call') this.requireCallApi(callApi);
    const token = randomBytes(16).toString('hex');
    const expireAt = Math.floor(Date.now() / 1000) + this.faults.sessionLifetimeSec;
    this.sessions.set(token, { api, expireAt, callApi });
    return api === 'data' ? { data: { access_token: token, expire_at: expireAt, app_id: ACCOUNT.app_id } } : { data: { access_token: token, expire_at: expireAt } };
  }

  /** Ends every login.user session, as the hour passing would. */
  expireSessions(): void {
    for (const session of this.sessions.values()) session.expireAt = 0;
  }

  /** Call API rights: the "Call API Basic set" component (component_disabled) and access to the Call API (forbidden). */
  private requireCallApi(hasComponent: boolean): void {
    if (!hasComponent) throw new RpcError(-32008, 'component_disabled', 'Component Call API Basic set has been disabled');
    if (this.faults.callApiForbidden) throw new RpcError(-32003, 'forbidden', 'Permission denied');
  }

  private authorize(api: Api, params: Params): void {
    const token = params.access_token;
    if (typeof token !== 'string' || !token) throw new RpcError(-32602, 'required_parameter_missed', 'Required parameter access_token is missed', { field: 'access_token' });
    if (token === CALLGEAR_KEYS.blocked) throw new RpcError(-32001, 'access_token_blocked', 'Access token has been blocked');
    if (token === CALLGEAR_KEYS.permanent || token === CALLGEAR_KEYS.dataOnly) {
      if (api === 'call') this.requireCallApi(token === CALLGEAR_KEYS.permanent);
      return;
    }
    const session = this.sessions.get(token);
    // A session of the other API is as unknown here as any other string.
    if (!session || session.api !== api) throw new RpcError(-32001, 'access_token_invalid', 'Access token is invalid');
    if (session.expireAt * 1000 <= Date.now()) throw new RpcError(-32001, 'access_token_expired', 'Access token has been expired');
  }

  private injectLimit(method: string, budget: PointBudget): void {
    const counted = !this.faults.limitExceededMethods || this.faults.limitExceededMethods.includes(method);
    if (this.faults.limitExceededRequests > 0 && counted) {
      this.faults.limitExceededRequests--;
      throw budget.injected();
    }
  }

  private call(api: Api, method: string, params: Params): Record<string, unknown> {
    this.authorize(api, params);
    if (api === 'call') {
      if (method !== 'start.employee_call') throw new RpcError(-32601, 'method_not_found', `Method ${method} not found`);
      this.injectLimit(method, this.callPoints);
      const result = this.startEmployeeCall(params);
      this.callPoints.charge();
      return result;
    }
    const handler = this.handlers(params)[method];
    if (!handler) throw new RpcError(-32601, 'method_not_found', `Method ${method} not found`);
    this.injectLimit(method, this.points);
    const result = handler();
    this.points.charge(); // points are charged only for successful requests
    return result;
  }

  private handlers(params: Params): Record<string, () => Record<string, unknown>> {
    const dictionary = (records: readonly Record<string, unknown>[]) => () => {
      onlyParams(params, LIST_PARAMS);
      return listAnswer(records, params, tableOf(records), this.faults.brand);
    };
    return {
      'get.account': () => (onlyParams(params, ['access_token', 'user_id']), { data: [{ ...ACCOUNT }] }),
      'get.calls_report': () => this.report('calls', params),
      'get.chats_report': () => this.report('chats', params),
      'get.offline_messages_report': () => this.report('offline_messages', params),
      'get.communications_report': () => this.report('communications', params),
      'get.chat_messages_report': () => this.chatMessages(params),
      'get.employees': () => this.list(this.employees, params, EMPLOYEE_FIELDS),
      'create.employees': () => this.createEmployee(params),
      'update.employees': () => this.updateEmployee(params),
      'get.statuses': () => this.list(STATUSES, params, STATUS_FIELDS, ['is_deleted']),
      'get.contacts': () => this.list(this.contacts, params, CONTACT_FIELDS),
      'update.contacts': () => this.updateContact(params),
      'create.contacts': () => this.createContact(params),
      'get.scenarios': dictionary(SCENARIOS),
      'get.sites': dictionary(SITES),
      'get.campaigns': dictionary(CAMPAIGNS.map((c) => ({ ...c, status: 'active' }))),
      'get.virtual_numbers': dictionary(VIRTUAL_NUMBERS),
      'get.tags': dictionary(TAGS),
      'get.chat_channels': dictionary(CHAT_CHANNELS),
    };
  }

  private list(records: readonly Record<string, unknown>[], params: Params, table: FieldTable, extraParams: string[] = []): Record<string, unknown> {
    onlyParams(params, [...LIST_PARAMS, ...extraParams]);
    return listAnswer(records, params, table, this.faults.brand);
  }

  // ---------- reports ----------

  /** date_from/date_till are required, `YYYY-MM-DD hh:mm:ss`, at most 3 months apart (30 days for chat messages). */
  private window(params: Params, maxDays: number): [string, string] {
    const from = params.date_from;
    const till = params.date_till;
    if (from === undefined) throw invalid('required_parameter_missed', 'Required parameter date_from is missed', 'date_from');
    if (till === undefined) throw invalid('required_parameter_missed', 'Required parameter date_till is missed', 'date_till');
    if (typeof from !== 'string' || !REPORT_TIME.test(from)) throw invalid('invalid_parameter_value', 'Invalid value of date_from', 'date_from', from);
    if (typeof till !== 'string' || !REPORT_TIME.test(till)) throw invalid('invalid_parameter_value', 'Invalid value of date_till', 'date_till', till);
    const start = DateTime.fromFormat(from, 'yyyy-MM-dd HH:mm:ss');
    const end = DateTime.fromFormat(till, 'yyyy-MM-dd HH:mm:ss');
    const limitEnd = maxDays === 30 ? start.plus({ days: 30 }) : start.plus({ months: 3 });
    if (end > limitEnd) throw invalid('date_interval_limit_reached', `Max value of requested date interval is ${maxDays === 30 ? '30 days' : '3 months'}`, 'date_till', till);
    return [from, till];
  }

  private report(name: ReportName, params: Params): Record<string, unknown> {
    onlyParams(params, REPORT_PARAMS);
    const refused = Array.isArray(params.fields) ? (params.fields as string[]).find((f) => this.faults.refusedFields.includes(f)) : undefined;
    if (refused) throw invalid('unexpected_parameters', `Unexpected method parameter(s): ${refused}`, 'fields', refused);
    const [from, till] = this.window(params, 90);
    const timeField = name === 'calls' ? 'start_time' : 'date_time';
    const rows = (name === 'communications' ? this.communicationRows() : this.rowsOf(name)).filter((row) => String(row[timeField]) >= from && String(row[timeField]) <= till);
    return listAnswer(rows, params, REPORT_FIELDS[name], this.faults.brand, [{ field: timeField, order: 'asc' }]);
  }

  private rowsOf(name: Exclude<ReportName, 'communications'>): Row[] {
    const kind: Kind = name === 'calls' ? 'call' : name === 'chats' ? 'chat' : 'lead';
    return this.rows.filter((r) => r.kind === kind && !r.hidden).map((r) => r.row);
  }

  /**
   * get.communications_report rows: every chat and lead, and the calls. The docs do not say whether outgoing
   * calls are communications; by default they are not listed (the stricter reading), a switch lists them.
   */
  private communicationRows(): Row[] {
    const type = { call: 'call', chat: 'chat', lead: 'offline_message' } as const;
    return this.rows
      .filter((r) => !r.hidden && (r.kind !== 'call' || r.row.direction !== 'out' || this.faults.communicationsIncludeOutgoing))
      .map(({ kind, row }) =>
        documentedRow(REPORT_FIELDS.communications, {
          ...row,
          id: row.communication_id as number,
          communication_type: type[kind],
          date_time: (row.start_time ?? row.date_time) as string,
        }),
      );
  }

  private chatMessages(params: Params): Record<string, unknown> {
    onlyParams(params, CHAT_MESSAGE_PARAMS);
    const chatIds = params.chat_id !== undefined ? [Number(params.chat_id)] : Array.isArray(params.chat_ids) ? (params.chat_ids as number[]) : null;
    if (!chatIds || params.date_from !== undefined || params.date_till !== undefined) this.window(params, 30);
    const chats = this.rows.filter((r) => r.kind === 'chat' && !r.hidden && (!chatIds || chatIds.includes(r.row.id)));
    const messages = chats.flatMap(({ row }) => [
      { id: row.id * 10 + 1, chat_id: row.id, channel_id: row.chat_channel_id, channel_type: row.chat_channel_type, date_time: row.date_time, is_group_chat: false, visitor_id: row.visitor_id, text: 'Здравствуйте! Есть Haval Jolion в наличии?', source: 'visitor', employee_id: null, employee_full_name: null, resource: null },
      { id: row.id * 10 + 2, chat_id: row.id, channel_id: row.chat_channel_id, channel_type: row.chat_channel_type, date_time: row.date_time, is_group_chat: false, visitor_id: row.visitor_id, text: 'Добрый день! Да, есть. Удобно приехать в субботу?', source: 'operator', employee_id: row.employee_id, employee_full_name: row.employee_full_name, resource: null },
    ]);
    return listAnswer(messages, params, CHAT_MESSAGE_FIELDS, this.faults.brand, [{ field: 'date_time', order: 'asc' }]);
  }

  // ---------- employees and contacts ----------

  /** create.employees: `last_name` required; answers `result: {id}` (data_api/employee/create_employees). */
  private createEmployee(params: Params): Record<string, unknown> {
    onlyParams(params, WRITE_PARAMS['create.employees']!);
    if (!params.last_name) throw invalid('required_parameter_missed', 'Required parameter last_name is missed', 'last_name');
    const id = this.id();
    const phones = this.employeePhones(params.phone_numbers ?? [], [], false);
    const status = STATUSES.find((s) => s.mnemonic === (params.status ?? 'available')) ?? STATUSES[0]!;
    const row = documentedRow(EMPLOYEE_FIELDS, {
      ...params,
      id,
      login: params.email ?? null,
      full_name: [params.last_name, params.first_name, params.patronymic].filter(Boolean).join(' '),
      status: status.mnemonic,
      status_id: status.id,
      calls_available: true,
      phone_numbers: phones,
      groups: [],
    } as unknown as Row);
    this.employees.push(row);
    return { id };
  }

  /**
   * `phone_numbers` of an employee write: the array replaces the stored one ("If you provide an array parameter,
   * it replaces the entire existing array"); a number already held keeps its phone_id, and any setting the item
   * does not give falls back to the default (the docs are silent: the strict reading).
   */
  private employeePhones(value: unknown, stored: Row[], update: boolean): Row[] {
    if (!Array.isArray(value) || value.length > 10) throw invalid('invalid_parameter_value', 'phone_numbers must be an array of at most 10 items', 'phone_numbers', value);
    return value.map((item: Record<string, unknown>, i: number) => {
      const at = `phone_numbers.${i}`;
      onlyParams(item ?? {}, update ? EMPLOYEE_PHONE_PARAMS : EMPLOYEE_PHONE_PARAMS.filter((p) => p !== 'phone_id'));
      if (item.phone_number === undefined) throw invalid('required_parameter_missed', 'Required parameter phone_number is missed', `${at}.phone_number`);
      const number = String(item.phone_number);
      if (!/^\d{11,15}(\.\.\.\d+)?$/.test(number)) throw invalid('invalid_parameter_value', `Invalid phone number ${number}`, `${at}.phone_number`, number);
      const channels = item.channels_count ?? PHONE_DEFAULTS.channels_count;
      const dial = item.dial_time ?? PHONE_DEFAULTS.dial_time;
      if (!Number.isInteger(channels) || (channels as number) < 1 || (channels as number) > 150) throw invalid('invalid_parameter_value', 'Invalid value of channels_count', `${at}.channels_count`, channels);
      if (!Number.isInteger(dial) || (dial as number) < 1 || (dial as number) > 100) throw invalid('invalid_parameter_value', 'Invalid value of dial_time', `${at}.dial_time`, dial);
      const status = item.status ?? PHONE_DEFAULTS.status;
      if (status !== 'active' && status !== 'inactive') throw invalid('invalid_parameter_value', 'Invalid value of status', `${at}.status`, status);
      const held = stored.find((p) => (item.phone_id !== undefined ? p.phone_id === item.phone_id : p.phone_number === number));
      if (item.phone_id !== undefined && !held) throw invalid('invalid_parameter_value', 'Phone not found', `${at}.phone_id`, item.phone_id);
      return { phone_id: held?.phone_id ?? this.id(), phone_number: number, channels_count: channels, dial_time: dial, status } as unknown as Row;
    });
  }

  /**
   * update.employees: `id`, `last_name` and `phone_numbers` are required (data_api/employee/update_employees);
   * `status` is deprecated, `status_id` names one of get.statuses; answers `result: {}`.
   */
  private updateEmployee(params: Params): Record<string, unknown> {
    onlyParams(params, WRITE_PARAMS['update.employees']!);
    for (const field of ['id', 'last_name', 'phone_numbers']) {
      if (params[field] === undefined) throw invalid('required_parameter_missed', `Required parameter ${field} is missed`, field);
    }
    const employee = this.employees.find((e) => e.id === Number(params.id));
    if (!employee) throw new RpcError(-32602, 'entity_not_found', 'Employee not found', { field: 'id', value: params.id });
    const phones = this.employeePhones(params.phone_numbers, employee.phone_numbers as Row[], true);
    const { access_token: _token, id: _id, user_id: _user, phone_numbers: _phones, status_id, status: statusName, ...changes } = params;
    const status = status_id !== undefined ? STATUSES.find((s) => s.id === status_id) : statusName !== undefined ? STATUSES.find((s) => s.mnemonic === statusName) : undefined;
    if ((status_id !== undefined || statusName !== undefined) && !status) throw invalid('invalid_parameter_value', 'Invalid value of status', status_id !== undefined ? 'status_id' : 'status', status_id ?? statusName);
    // A number held by another employee "is also assigned to this employee": it leaves the other one.
    for (const other of this.employees) {
      if (other !== employee) other.phone_numbers = (other.phone_numbers as Row[]).filter((p) => !phones.some((n) => n.phone_number === p.phone_number));
    }
    Object.assign(employee, changes, { phone_numbers: phones }, status ? { status: status.mnemonic, status_id: status.id } : {});
    employee.full_name = [employee.last_name, employee.first_name, employee.patronymic].filter(Boolean).join(' ');
    return {};
  }

  /** Contacts: `last_name` and `phone_numbers` (E.164 digits, ≤ 10, unique) are required, also on update (UIS pages; CallGear's update page marks them optional). */
  private contactFields(params: Params, method: 'create.contacts' | 'update.contacts'): Record<string, unknown> {
    onlyParams(params, WRITE_PARAMS[method]!);
    if (!params.last_name) throw invalid('required_parameter_missed', 'Required parameter last_name is missed', 'last_name');
    const phones = params.phone_numbers;
    if (!Array.isArray(phones) || phones.length === 0) throw invalid('required_parameter_missed', 'Required parameter phone_numbers is missed', 'phone_numbers');
    phones.forEach((p, i) => {
      if (!/^\d{11,15}$/.test(String(p))) throw invalid('invalid_parameter_value', `Invalid phone number ${String(p)}`, `phone_numbers.${i}`, p);
    });
    if (phones.length > 10 || new Set(phones).size !== phones.length) throw invalid('invalid_parameter_value', 'phone_numbers must hold at most 10 unique numbers', 'phone_numbers', phones);
    const manager = params.personal_manager_id;
    if (manager !== undefined && manager !== null && !this.employees.some((e) => e.id === Number(manager))) throw invalid('invalid_parameter_value', 'Employee not found', 'personal_manager_id', manager);
    const { access_token: _token, id: _id, user_id: _user, ...fields } = params;
    return fields;
  }

  /** create.contacts answers `result: {id}` (data_api/contact/create_contacts). */
  private createContact(params: Params): Record<string, unknown> {
    const fields = this.contactFields(params, 'create.contacts');
    const id = this.id();
    this.contacts.push(this.contactRecord({ personal_manager_id: null, first_name: null, ...fields, id }));
    return { id };
  }

  /** update.contacts answers `result: {}` (data_api/contact/update_contacts). */
  private updateContact(params: Params): Record<string, unknown> {
    const index = this.contacts.findIndex((c) => c.id === Number(params.id));
    if (index < 0) throw new RpcError(-32602, 'entity_not_found', 'Contact not found', { field: 'id', value: params.id });
    this.contacts[index] = this.contactRecord({ ...this.contacts[index], ...this.contactFields(params, 'update.contacts') });
    return {};
  }

  // ---------- Call API ----------

  /** call_api/create_call/start_employee_call: its documented parameters only; `result.data.call_session_id`. */
  private startEmployeeCall(params: Params): Record<string, unknown> {
    onlyParams(params, START_EMPLOYEE_CALL_PARAMS);
    for (const field of ['first_call', 'virtual_phone_number', 'contact', 'employee']) {
      if (params[field] === undefined) throw invalid('required_parameter_missed', `Required parameter ${field} is missed`, field);
    }
    if (params.first_call !== 'employee' && params.first_call !== 'contact') throw invalid('invalid_parameter_value', 'Invalid value of first_call', 'first_call', params.first_call);
    if (params.early_switching === true && !(params.first_call === 'employee' && params.switch_at_once === true)) {
      throw invalid('invalid_parameters_combination', 'early_switching needs first_call=employee and switch_at_once=true', 'early_switching');
    }
    if (!VIRTUAL_NUMBERS.some((v) => v.virtual_phone_number === params.virtual_phone_number)) {
      throw new RpcError(-32007, 'virtual_phone_number_not_found', 'Virtual phone number not found', { field: 'virtual_phone_number', value: params.virtual_phone_number });
    }
    if (!/^\d{11,15}$/.test(String(params.contact))) throw invalid('invalid_parameter_value', 'Invalid value of contact', 'contact', params.contact);
    if (BLACKLISTED_CONTACTS.includes(String(params.contact))) throw new RpcError(-32002, 'contact_in_blacklist', 'Contact is in the black list', { field: 'contact', value: params.contact });
    const employeeId = Number((params.employee as { id?: unknown })?.id);
    const employee = this.employees.find((e) => e.id === employeeId);
    if (!employee) throw invalid('employee_not_found', 'Employee not found', 'employee.id', employeeId);
    const active = (employee.phone_numbers as { status: string }[]).some((p) => p.status === 'active');
    if (!active) throw invalid('no_active_phone_number', 'Employee has no active phone number', 'employee.id', employeeId);
    const callSessionId = this.id();
    this.employeeCalls.push({ params: { ...params, access_token: '[hidden]' }, call_session_id: callSessionId });
    return { data: { call_session_id: callSessionId } };
  }

  // ---------- media and control ----------

  private serveRecord(res: http.ServerResponse, communicationId: number, hash: string): void {
    const known = this.rows.some((r) => r.kind === 'call' && r.row.id === communicationId && (r.row.call_records as string[]).includes(hash));
    if (!known) return sendJson(res, 404, { error: 'record not found' });
    if (this.faults.recordsNeedLogin) return sendJson(res, 401, { error: 'login required' });
    res.writeHead(200, { 'content-type': 'audio/wav', 'accept-ranges': 'bytes' });
    res.end(silentWav());
  }

  private async control(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const action = url.pathname.slice('/__control/'.length);
    const body = ((await readBody(req)) ?? {}) as Record<string, unknown>;
    switch (`${req.method} ${action}`) {
      case 'POST reset':
        this.reset();
        return sendJson(res, 200, { ok: true });
      case 'POST faults':
        this.setFaults(body as Partial<CallGearFaults>);
        return sendJson(res, 200, this.faults);
      case 'POST calls':
        return sendJson(res, 200, this.addCall(body as Partial<CallOptions>));
      case 'POST chats':
        return sendJson(res, 200, this.addChat(body as Partial<ChatOptions>));
      case 'POST leads':
        return sendJson(res, 200, this.addLead(body as Partial<LeadOptions>));
      case 'POST reveal':
        return sendJson(res, 200, { revealed: this.reveal() });
      case 'POST expire-sessions':
        this.expireSessions();
        return sendJson(res, 200, { ok: true });
      case 'GET employee-calls':
        return sendJson(res, 200, this.employeeCalls);
      case 'GET requests':
        return sendJson(res, 200, this.log);
      case 'GET state':
        return sendJson(res, 200, { rows: this.rows, employees: this.employees, contacts: this.contacts, pointsUsed: this.pointsUsed });
      default:
        return sendJson(res, 404, { error: `unknown control action ${action}` });
    }
  }
}

/** A tenth of a second of silence: enough for a browser to play "a recording". */
function silentWav(): Buffer {
  const samples = 800;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples, 128)]);
}

export async function startCallGearSim({ tls = false, port = 0, host }: { tls?: boolean; port?: number; host?: string } = {}): Promise<{ sim: CallGearSim; server: RunningServer }> {
  const sim = new CallGearSim();
  const server = await serve(sim.handler, { tls, port });
  sim.mediaHost = server.url(host ?? 'app.callgear.com');
  return { sim, server };
}

function hideToken(params: Params): Params {
  return 'access_token' in params ? { ...params, access_token: '[hidden]' } : params;
}
