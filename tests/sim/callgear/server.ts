import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { readBody, sendJson, sleep, seededRandom } from '../http-util';
import { serve, type RunningServer } from '../serve';
import { ACCOUNT, CAMPAIGNS, CHAT_CHANNELS, CONTACTS, EMPLOYEES, SCENARIOS, SITES, TAGS, VIRTUAL_NUMBERS, callRow, chatRow, leadRow, type CallOptions, type ChatOptions, type LeadOptions, type Row } from './fixtures';

/**
 * The CallGear simulator: Data API v2.0 and Call API v4.0 (JSON-RPC 2.0, POST only, `access_token` in
 * params), call-record media links, and `/__control/*` for tests. Built from research/callgear-api.md.
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
};

/** Permanent API keys and the login/password of a user who may call `login.user`. */
export const CALLGEAR_KEYS = { permanent: 'cg-sim-permanent-key', blocked: 'cg-sim-blocked-key' };
export const CALLGEAR_LOGIN = { login: 'admin@sever-auto.ru', password: 'callgear-pass' };
export const BLACKLISTED_CONTACTS = ['79990000666'];

const DAY_LIMIT = 10_000;
const MINUTE_LIMIT = 250;
const REPORT_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

class RpcError extends Error {
  constructor(readonly code: number, readonly mnemonic: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

const invalid = (mnemonic: string, message: string, field?: string, value?: unknown) => new RpcError(-32602, mnemonic, message, { field, value });

type Params = Record<string, unknown>;
type Kind = 'call' | 'chat' | 'lead';
interface StoredRow {
  kind: Kind;
  row: Row;
  /** Hidden from reports until revealed: a row that "appears late". */
  hidden: boolean;
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
  log: { api: 'data' | 'call'; method: string; error?: string }[] = [];
  /** The origin the simulator is reached at, for call-record links (set by `startCallGearSim`). */
  mediaHost = 'https://app.callgear.com';
  private sessions = new Map<string, number>();
  private points = { day: 0, minute: 0, minuteStarted: Date.now() };
  private random = seededRandom(DEFAULT_FAULTS.seed);
  private nextId = 5_000_000;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.rows = [];
    this.employees = EMPLOYEES.map((e) => this.employeeRecord(e));
    this.contacts = CONTACTS.map((c) => ({ ...c, phone_numbers: [...c.phone_numbers], full_name: CallGearSim.fullName(c) }));
    this.employeeCalls = [];
    this.faults = { ...DEFAULT_FAULTS };
    this.log = [];
    this.sessions.clear();
    this.points = { day: 0, minute: 0, minuteStarted: Date.now() };
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
    return {
      id: e.id,
      login: e.email,
      first_name: e.first_name,
      last_name: e.last_name,
      patronymic: e.patronymic,
      full_name: [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(' '),
      email: e.email,
      status: 'available',
      phone_numbers: e.phone ? [{ phone_id: e.id * 10, phone_number: e.phone, channels_count: 1, dial_time: 60, status: 'active' }] : [],
      extension: { extension_phone_number: e.extension, extension_voice_mail_enabled: false, extension_queue_enabled: false },
      groups: [],
    };
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

  private rpc(api: 'data' | 'call', body: unknown): unknown {
    if (Array.isArray(body)) return { jsonrpc: '2.0', id: null, error: { code: -32099, message: 'Batch operations are not supported', data: { mnemonic: 'batch_opreations_not_supported' } } };
    const request = (body ?? {}) as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: Params };
    const id = request.id ?? null;
    const method = String(request.method ?? '');
    try {
      if ((body as { __unparseable?: string }).__unparseable !== undefined) throw new RpcError(-32700, 'parse_error', 'Parse error');
      if (request.jsonrpc !== '2.0') throw new RpcError(-32600, 'invalid_request', 'Invalid Request');
      if (request.id === undefined) throw new RpcError(-32099, 'notifications_not_supported', 'Notifications are not supported');
      if (!this.faults.ipWhitelisted) throw new RpcError(-32003, 'ip_not_whitelisted', 'Your IP address is not in the white list of the API');
      if (this.random() < this.faults.internalErrorRate) throw new RpcError(-32603, 'internal_error', 'Internal error');
      const params = request.params ?? {};
      const result = method === 'login.user' ? this.login(params) : this.call(api, method, params);
      this.log.push({ api, method });
      return { jsonrpc: '2.0', id, result: { ...result, metadata: { ...((result as { metadata?: object }).metadata ?? {}), limits: this.limits() } } };
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      this.log.push({ api, method, error: error.mnemonic });
      return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message, data: { mnemonic: error.mnemonic, ...error.extra } } };
    }
  }

  private login(params: Params) {
    if (params.login !== CALLGEAR_LOGIN.login || params.password !== CALLGEAR_LOGIN.password) throw new RpcError(-32001, 'auth_error', 'Authorization error: wrong login or password');
    const token = randomBytes(16).toString('hex');
    const expireAt = Math.floor(Date.now() / 1000) + this.faults.sessionLifetimeSec;
    this.sessions.set(token, expireAt);
    return { data: { access_token: token, expire_at: expireAt, app_id: ACCOUNT.app_id } };
  }

  /** Ends every login.user session, as the hour passing would. */
  expireSessions(): void {
    for (const token of this.sessions.keys()) this.sessions.set(token, 0);
  }

  private authorize(params: Params): void {
    const token = params.access_token;
    if (typeof token !== 'string' || !token) throw new RpcError(-32602, 'required_parameter_missed', 'Required parameter access_token is missed', { field: 'access_token' });
    if (token === CALLGEAR_KEYS.permanent) return;
    if (token === CALLGEAR_KEYS.blocked) throw new RpcError(-32001, 'access_token_blocked', 'Access token has been blocked');
    const expireAt = this.sessions.get(token);
    if (expireAt === undefined) throw new RpcError(-32001, 'access_token_invalid', 'Access token is invalid');
    if (expireAt * 1000 <= Date.now()) throw new RpcError(-32001, 'access_token_expired', 'Access token has been expired');
  }

  private checkLimit(method: string): void {
    const counted = !this.faults.limitExceededMethods || this.faults.limitExceededMethods.includes(method);
    if (this.faults.limitExceededRequests > 0 && counted) {
      this.faults.limitExceededRequests--;
      throw new RpcError(-32029, 'limit_exceeded', 'Limit per minute has been exceeded', { params: { limit_type: 'minute' }, minute_reset: 1 });
    }
  }

  private charge(): void {
    if (Date.now() - this.points.minuteStarted >= 60_000) this.points = { ...this.points, minute: 0, minuteStarted: Date.now() };
    if (this.points.day >= DAY_LIMIT) throw new RpcError(-32029, 'limit_exceeded', 'Limit per day has been exceeded', { params: { limit_type: 'day' } });
    if (this.points.minute >= MINUTE_LIMIT) throw new RpcError(-32029, 'limit_exceeded', 'Limit per minute has been exceeded', { params: { limit_type: 'minute' } });
    this.points.day++;
    this.points.minute++;
  }

  private limits() {
    return {
      day_limit: DAY_LIMIT,
      day_remaining: DAY_LIMIT - this.points.day,
      day_reset: Math.floor(DateTime.now().setZone(ACCOUNT.timezone).endOf('day').diffNow('seconds').seconds),
      minute_limit: MINUTE_LIMIT,
      minute_remaining: MINUTE_LIMIT - this.points.minute,
      minute_reset: Math.max(0, 60 - Math.floor((Date.now() - this.points.minuteStarted) / 1000)),
    };
  }

  private call(api: 'data' | 'call', method: string, params: Params): Record<string, unknown> {
    this.authorize(params);
    if (api === 'call') {
      if (method !== 'start.employee_call') throw new RpcError(-32601, 'method_not_found', `Method ${method} not found`);
      return this.startEmployeeCall(params);
    }
    const handlers: Record<string, () => Record<string, unknown>> = {
      'get.account': () => ({ data: [{ ...ACCOUNT }] }),
      'get.calls_report': () => this.report('call', params, 'start_time'),
      'get.chats_report': () => this.report('chat', params, 'date_time'),
      'get.offline_messages_report': () => this.report('lead', params, 'date_time'),
      'get.chat_messages_report': () => this.chatMessages(params),
      'get.communications_report': () => this.communications(params),
      'get.employees': () => this.list(this.employees, params),
      'create.employees': () => this.createEmployee(params),
      'update.employees': () => this.updateEmployee(params),
      'get.statuses': () => this.list(EMPLOYEE_STATUSES, params),
      'get.contacts': () => this.list(this.contacts, params),
      'update.contacts': () => this.updateContact(params),
      'create.contacts': () => this.createContact(params),
      'get.scenarios': () => this.list(SCENARIOS, params),
      'get.sites': () => this.list(SITES, params),
      'get.campaigns': () => this.list(CAMPAIGNS.map((c) => ({ ...c, status: 'active' })), params),
      'get.virtual_numbers': () => this.list(VIRTUAL_NUMBERS, params),
      'get.tags': () => this.list(TAGS, params),
      'get.chat_channels': () => this.list(CHAT_CHANNELS, params),
    };
    const handler = handlers[method];
    if (!handler) throw new RpcError(-32601, 'method_not_found', `Method ${method} not found`);
    this.checkLimit(method);
    const result = handler();
    this.charge(); // points are charged only for successful requests
    return result;
  }

  // ---------- reports ----------

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
    if (end > limitEnd) throw invalid('date_interval_limit_reached', `Max value of requested date interval is ${maxDays === 30 ? '30 days' : '3 months'}`, 'date_till');
    return [from, till];
  }

  private paging(params: Params): { limit: number; offset: number } {
    const limit = params.limit === undefined ? 1000 : Number(params.limit);
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('invalid_parameter_value', 'Invalid value of limit', 'limit', params.limit);
    if (!Number.isInteger(offset) || offset < 0 || offset > 100_000) throw invalid('invalid_parameter_value', 'Invalid value of offset', 'offset', params.offset);
    return { limit, offset };
  }

  private report(kind: Kind, params: Params, timeField: string): Record<string, unknown> {
    const [from, till] = this.window(params, 90);
    const rows = this.rows
      .filter((r) => r.kind === kind && !r.hidden)
      .map((r) => r.row)
      .filter((row) => String(row[timeField]) >= from && String(row[timeField]) <= till);
    return this.list(rows, params, timeField);
  }

  private list(source: Row[] | readonly Record<string, unknown>[], params: Params, defaultSort = 'id'): Record<string, unknown> {
    const { limit, offset } = this.paging(params);
    let rows = (source as Record<string, unknown>[]).filter((row) => params.filter === undefined || matches(row, params.filter));
    const sort = Array.isArray(params.sort) ? (params.sort as { field: string; order?: string }[]) : [{ field: defaultSort, order: 'asc' }];
    rows = [...rows].sort((a, b) => {
      for (const { field, order } of sort) {
        const cmp = compare(a[field], b[field]);
        if (cmp !== 0) return order === 'desc' ? -cmp : cmp;
      }
      return compare(a.id, b.id);
    });
    const fields = params.fields as string[] | undefined;
    if (fields) {
      const known = new Set(Object.keys(rows[0] ?? {}));
      const unknown = rows.length ? fields.find((f) => !known.has(f)) : undefined;
      if (unknown) throw invalid('unexpected_parameters', `Unexpected field ${unknown}`, 'fields', unknown);
    }
    const page = rows.slice(offset, offset + limit).map((row) => (fields ? Object.fromEntries(fields.map((f) => [f, row[f]])) : row));
    return { data: page, metadata: { total_items: rows.length } };
  }

  private chatMessages(params: Params): Record<string, unknown> {
    const chatIds = params.chat_id !== undefined ? [Number(params.chat_id)] : Array.isArray(params.chat_ids) ? (params.chat_ids as number[]) : null;
    if (!chatIds) this.window(params, 30);
    const chats = this.rows.filter((r) => r.kind === 'chat' && !r.hidden && (!chatIds || chatIds.includes(r.row.id)));
    const messages = chats.flatMap(({ row }) => [
      { id: row.id * 10 + 1, chat_id: row.id, date_time: row.date_time, text: 'Здравствуйте! Есть Haval Jolion в наличии?', source: 'visitor', employee_id: null, employee_full_name: null, resource: null },
      { id: row.id * 10 + 2, chat_id: row.id, date_time: row.date_time, text: 'Добрый день! Да, есть. Удобно приехать в субботу?', source: 'operator', employee_id: row.employee_id, employee_full_name: row.employee_full_name, resource: null },
    ]);
    return this.list(messages.map((m) => ({ ...m })), params, 'date_time');
  }

  private communications(params: Params): Record<string, unknown> {
    const [from, till] = this.window(params, 90);
    const type = { call: 'call', chat: 'chat', lead: 'offline_message' } as const;
    const rows = this.rows
      .filter((r) => !r.hidden)
      .map(({ kind, row }) => ({
        id: row.communication_id as number,
        communication_type: type[kind],
        communication_number: row.communication_number,
        date_time: (row.start_time ?? row.date_time) as string,
        site_id: row.site_id,
        campaign_id: row.campaign_id,
        visitor_id: row.visitor_id,
        utm_source: row.utm_source,
        utm_campaign: row.utm_campaign,
      }))
      .filter((row) => row.date_time >= from && row.date_time <= till);
    return this.list(rows, params, 'date_time');
  }

  // ---------- employees and contacts ----------

  private createEmployee(params: Params): Record<string, unknown> {
    if (!params.last_name) throw invalid('required_parameter_missed', 'Required parameter last_name is missed', 'last_name');
    const phones = this.validatePhones(params.phone_numbers);
    const id = this.id();
    const row: Row = {
      id,
      login: params.email ?? null,
      first_name: params.first_name ?? null,
      last_name: params.last_name,
      patronymic: params.patronymic ?? null,
      full_name: [params.last_name, params.first_name, params.patronymic].filter(Boolean).join(' '),
      email: params.email ?? null,
      status: params.status ?? 'available',
      phone_numbers: phones,
      extension: params.extension ?? null,
      groups: [],
    };
    this.employees.push(row);
    return { data: { id } };
  }

  private validatePhones(value: unknown) {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.length > 10) throw invalid('invalid_parameter_value', 'phone_numbers must be an array of at most 10 items', 'phone_numbers', value);
    return value.map((p: { phone_number?: unknown; status?: unknown }, i: number) => {
      const number = String(p.phone_number ?? '');
      if (!/^\d{11,15}(\.\.\.\d+)?$/.test(number)) throw invalid('invalid_parameter_value', `Invalid phone number ${number}`, `phone_numbers.${i}.phone_number`, number);
      return { phone_id: Number(`${Date.now() % 100000}${i}`), phone_number: number, channels_count: 1, dial_time: 60, status: p.status ?? 'active' };
    });
  }

  private updateEmployee(params: Params): Record<string, unknown> {
    const employee = this.employees.find((e) => e.id === Number(params.id));
    if (!employee) throw new RpcError(-32602, 'entity_not_found', 'Employee not found', { field: 'id', value: params.id });
    const { access_token: _token, id: _id, phone_numbers, ...changes } = params;
    if (phone_numbers !== undefined) employee.phone_numbers = this.validatePhones(phone_numbers);
    // status_id names a status of get.statuses; the deprecated `status` mirrors a standard one.
    if (changes.status_id !== undefined) changes.status = EMPLOYEE_STATUSES.find((st) => st.id === Number(changes.status_id))?.mnemonic ?? null;
    Object.assign(employee, changes);
    employee.full_name = [employee.last_name, employee.first_name, employee.patronymic].filter(Boolean).join(' ');
    return { data: {} };
  }

  /** Contacts follow the docs: `last_name` and `phone_numbers` (E.164 digits, ≤ 10, unique) are required, also on update. */
  private contactFields(params: Params): Record<string, unknown> {
    if (!params.last_name) throw invalid('required_parameter_missed', 'Required parameter last_name is missed', 'last_name');
    const phones = params.phone_numbers;
    if (!Array.isArray(phones) || phones.length === 0) throw invalid('required_parameter_missed', 'Required parameter phone_numbers is missed', 'phone_numbers');
    phones.forEach((p, i) => {
      if (!/^\d{11,15}$/.test(String(p))) throw invalid('invalid_parameter_value', `Invalid phone number ${String(p)}`, `phone_numbers.${i}`, p);
    });
    if (phones.length > 10 || new Set(phones).size !== phones.length) throw invalid('invalid_parameter_value', 'phone_numbers must hold at most 10 unique numbers', 'phone_numbers', phones);
    const manager = params.personal_manager_id;
    if (manager !== undefined && manager !== null && !this.employees.some((e) => e.id === Number(manager))) throw invalid('invalid_parameter_value', 'Employee not found', 'personal_manager_id', manager);
    const { access_token: _token, id: _id, ...fields } = params;
    return fields;
  }

  private static fullName(contact: Record<string, unknown>): string {
    return [contact.last_name, contact.first_name, contact.patronymic].filter(Boolean).join(' ');
  }

  private createContact(params: Params): Record<string, unknown> {
    const fields = this.contactFields(params);
    const id = this.id();
    const contact: Row = { personal_manager_id: null, first_name: null, ...fields, id };
    this.contacts.push({ ...contact, full_name: CallGearSim.fullName(contact) });
    return { data: { id } };
  }

  private updateContact(params: Params): Record<string, unknown> {
    const contact = this.contacts.find((c) => c.id === Number(params.id));
    if (!contact) throw new RpcError(-32602, 'entity_not_found', 'Contact not found', { field: 'id', value: params.id });
    Object.assign(contact, this.contactFields(params));
    contact.full_name = CallGearSim.fullName(contact);
    return { data: {} };
  }

  // ---------- Call API ----------

  private startEmployeeCall(params: Params): Record<string, unknown> {
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

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** get.statuses: the standard statuses (data_api/employee/get_statuses). */
const EMPLOYEE_STATUSES = ['available', 'break', 'do_not_disturb', 'not_at_workplace', 'not_at_work'].map((mnemonic, i) => ({ id: i + 1, name: mnemonic, mnemonic, is_deleted: false }));

/** Data API filters: `{field, operator, value}` or `{filters: [...], condition: 'and' | 'or'}`, nested. */
export function matches(row: Record<string, unknown>, filter: unknown): boolean {
  const f = filter as { filters?: unknown[]; condition?: string; field?: string; operator?: string; value?: unknown };
  if (Array.isArray(f.filters)) {
    const results = f.filters.map((sub) => matches(row, sub));
    return f.condition === 'or' ? results.some(Boolean) : results.every(Boolean);
  }
  if (!f.field) throw invalid('invalid_parameter_value', 'Invalid filter', 'filter', filter);
  const value = row[f.field];
  const target = f.value;
  switch (f.operator) {
    case '=': return target === null ? value === null || value === undefined : value === target;
    case '!=': return target === null ? value !== null && value !== undefined : value !== target;
    case '>': return compare(value, target) > 0;
    case '<': return compare(value, target) < 0;
    case '>=': return compare(value, target) >= 0;
    case '<=': return compare(value, target) <= 0;
    case 'in': return Array.isArray(target) && target.includes(value);
    case 'not_in': return Array.isArray(target) && !target.includes(value);
    case 'overlap': return Array.isArray(value) && Array.isArray(target) && target.some((t) => value.includes(t));
    case 'jsquery': {
      // Only "any element equals": `# = "…"` (PostgreSQL jsquery), the form the product sends.
      const element = /^#\s*=\s*"([^"]*)"$/.exec(String(target));
      if (!element) throw invalid('invalid_parameter_value', `Unsupported jsquery ${String(target)}`, 'filter.value', target);
      return Array.isArray(value) && value.includes(element[1]);
    }
    case 'like':
    case 'ilike': {
      const pattern = new RegExp(`^${String(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, f.operator === 'ilike' ? 'i' : '');
      return pattern.test(String(value ?? ''));
    }
    case 'is_null': return value === null || value === undefined;
    case 'is_not_null': return value !== null && value !== undefined;
    default: throw invalid('invalid_parameter_value', `Unsupported operator ${String(f.operator)}`, 'filter.operator', f.operator);
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
