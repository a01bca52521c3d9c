import type http from 'node:http';
import { DateTime } from 'luxon';
import { readBody, sendJson, sleep, seededRandom, lastTen } from '../http-util';
import { serve, type RunningServer } from '../serve';
import { servePage } from './pages';
import { answerReference } from './reference';
import { seed, SIM_KEYS, type Phone, type Row, type SeedData, type SimClient, type SimUser } from './seed';
import { CALL, CASE_EVENT, CLIENT, CORPORATE_CASE, PREPARED_SERVICE_CASE, REQUEST, RETAIL_CASE, SALE_USED_CASE, SOURCE, SOURCE2, TASK_REQUEST, safeAttributes, type InputModel } from './models';
import { DEFAULT_QUIRKS, phoneMatches, type AutocrmQuirks } from './quirks';

/**
 * The AutoCRM simulator (`/yii/api`), as strict as the vendor swagger (mikopbx/ModuleAutoCRM swagger.json):
 * every write takes only its input model's attributes and drops the rest silently, as Yii does; required
 * attributes are enforced; `external_id` is a plain attribute, not an idempotency key. What the swagger does
 * not say is a switch in `AutocrmQuirks` (POST /__control/quirks). `/__control/*` is for tests.
 */
export interface AutocrmFaults {
  latencyMs: number;
  /** Share of API requests answered 500 (0..1). */
  error5xxRate: number;
  /** Share answered 429 with Retry-After. */
  rate429: number;
  retryAfterSec: number;
  /** Share of requests that hang for `hangMs`: before doing anything, or after doing the work. */
  timeoutRate: number;
  timeoutMode: 'before' | 'after';
  hangMs: number;
  /** After this many API requests every request gets 401 (a key revoked mid-run). */
  unauthorizedAfter: number | null;
  /** Validation errors on chosen fields: e.g. `{ resource: 'leads/request', field: 'phone', message: '…' }`. */
  validation: { resource: string; field: string; message: string }[];
  /** Answer validation errors with 422 instead of 200 + `status: 0` (same as quirk validationStatus: 422). */
  validationAs422: boolean;
  perPage: number;
  /** Answer page 1 whatever page is asked for (what Yii does with a misspelt page parameter). */
  ignorePageParam: boolean;
  seed: number;
}

const DEFAULT_FAULTS: AutocrmFaults = {
  latencyMs: 0,
  error5xxRate: 0,
  rate429: 0,
  retryAfterSec: 1,
  timeoutRate: 0,
  timeoutMode: 'before',
  hangMs: 25_000,
  unauthorizedAfter: null,
  validation: [],
  validationAs422: false,
  perPage: 20,
  ignorePageParam: false,
  seed: 1,
};

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  userId: number | null;
}

export interface CreatedEntry {
  resource: string;
  id: number;
  body: unknown;
}

type Ctx = {
  method: string;
  path: string;
  segments: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  user: SimUser;
};

type Result = { status: number; body: unknown; headers?: Record<string, string> };

class Invalid extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super('validation');
  }
}

const YII_401 = { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 };
const YII_403 = { name: 'Forbidden', message: 'У вас нет прав на доступ к API.', code: 0, status: 403 };
const ok = (result: unknown): Result => ({ status: 200, body: { status: 1, result, errors: [] } });
const notFound = (): Result => ({ status: 404, body: { status: 0, errors: ['Not found'] } });
const required = (body: Record<string, unknown>, fields: string[]) => {
  const missing = fields.filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
  if (missing.length) throw new Invalid(Object.fromEntries(missing.map((f) => [f, [`Необходимо заполнить «${f}».`]])));
};
const num = (value: unknown) => (value === undefined || value === null || value === '' ? null : Number(value));

/** Phones as the simulator stores them: ids derived from the client's, type 2 (mobile) unless given. */
function simPhones(clientId: number, value: unknown): Phone[] {
  return (Array.isArray(value) ? value : []).map((p: { type?: number; number?: string }, i: number) => ({ id: clientId * 10 + i, type: Number(p.type ?? 2), number: String(p.number ?? '') }));
}

export class AutocrmSim {
  data: SeedData = seed();
  faults: AutocrmFaults = { ...DEFAULT_FAULTS };
  quirks: AutocrmQuirks = { ...DEFAULT_QUIRKS };
  log: RequestLogEntry[] = [];
  created: CreatedEntry[] = [];
  private apiRequests = 0;
  private random = seededRandom(DEFAULT_FAULTS.seed);
  private nextId = 10_000;

  reset(): void {
    this.data = seed();
    this.faults = { ...DEFAULT_FAULTS };
    this.quirks = { ...DEFAULT_QUIRKS };
    this.log = [];
    this.created = [];
    this.apiRequests = 0;
    this.random = seededRandom(DEFAULT_FAULTS.seed);
    this.nextId = 10_000;
  }

  setFaults(faults: Partial<AutocrmFaults>): void {
    this.faults = { ...this.faults, ...faults };
    if (faults.seed !== undefined) this.random = seededRandom(faults.seed);
  }

  /** The server's wall-clock time as AutoCRM prints it (`yyyy-MM-dd HH:mm:ss`), in the serverZone switch. */
  private serverNow(): string {
    return DateTime.now().setZone(this.quirks.serverZone).toFormat('yyyy-MM-dd HH:mm:ss');
  }

  setQuirks(quirks: Partial<AutocrmQuirks>): void {
    this.quirks = { ...this.quirks, ...quirks };
  }

  /** Everything created through the API, per resource: what a test asserts on. */
  createdOf(resource: string): CreatedEntry[] {
    return this.created.filter((entry) => entry.resource === resource);
  }

  private id(): number {
    return ++this.nextId;
  }

  private record(resource: string, row: Row, body: unknown): Row {
    this.created.push({ resource, id: row.id, body });
    return row;
  }

  // ---------- HTTP ----------

  handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/__control/')) return this.control(req, res, url);
    if (!url.pathname.toLowerCase().startsWith('/yii/api/')) {
      if (servePage(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
      return;
    }
    const body = ((await readBody(req)) ?? {}) as Record<string, unknown>;
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body, status: 0, userId: null };
    this.log.push(entry);
    const result = await this.api(req, url, body, entry);
    entry.status = result.status;
    if (res.destroyed) return;
    sendJson(res, result.status, result.body, result.headers);
  };

  private authenticate(req: http.IncomingMessage): SimUser | Result {
    const header = req.headers.authorization ?? '';
    let user: SimUser | undefined;
    if (header.startsWith('Bearer ')) {
      const userId = SIM_KEYS[header.slice(7).trim()];
      user = this.data.users.find((u) => u.id === userId);
    } else if (header.startsWith('Basic ')) {
      const [login, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      user = this.data.users.find((u) => u.login === login && u.password === rest.join(':'));
    }
    if (!user || user.blocked || user.status === 2) return { status: 401, body: YII_401, headers: { 'www-authenticate': 'Bearer realm="api"' } };
    if (!user.api) return { status: 403, body: YII_403 };
    return user;
  }

  private async api(req: http.IncomingMessage, url: URL, body: Record<string, unknown>, entry: RequestLogEntry): Promise<Result> {
    const f = this.faults;
    this.apiRequests++;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (f.unauthorizedAfter !== null && this.apiRequests > f.unauthorizedAfter) return { status: 401, body: YII_401 };
    const hang = this.random() < f.timeoutRate;
    if (hang && f.timeoutMode === 'before') {
      await sleep(f.hangMs);
      return { status: 504, body: { status: 0, errors: ['Gateway Timeout'] } };
    }
    if (this.random() < f.error5xxRate) return { status: 500, body: '<html><body><h1>500 Internal Server Error</h1></body></html>' };
    if (this.random() < f.rate429) return { status: 429, body: { name: 'Too Many Requests', message: 'Rate limit exceeded.', status: 429 }, headers: { 'retry-after': String(f.retryAfterSec) } };

    const auth = this.authenticate(req);
    if (!('id' in auth)) return auth;
    entry.userId = auth.id;
    const path = url.pathname.slice('/yii/api/'.length).replace(/\/$/, '');
    const ctx: Ctx = { method: req.method ?? 'GET', path: path.toLowerCase(), segments: path.toLowerCase().split('/'), query: url.searchParams, body, user: auth };
    let result: Result;
    try {
      this.injectValidation(ctx);
      result = this.route(ctx);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const errors = ctx.method === 'POST' ? Object.entries(error.fields).flatMap(([field, msgs]) => msgs.map((m) => `${field}: ${m}`)) : error.fields;
      result = { status: f.validationAs422 || this.quirks.validationStatus === 422 ? 422 : 200, body: { status: 0, errors } };
    }
    if (hang) await sleep(f.hangMs); // the work is done, the answer never arrives in time
    return result;
  }

  private injectValidation(ctx: Ctx): void {
    if (ctx.method === 'GET') return;
    const hits = this.faults.validation.filter((v) => ctx.path.startsWith(v.resource.toLowerCase()));
    if (hits.length) throw new Invalid(Object.fromEntries(hits.map((v) => [v.field, [v.message]])));
  }

  // ---------- routing ----------

  private route(ctx: Ctx): Result {
    const { method, segments: s } = ctx;
    const [resource, second, third] = s;
    const isId = (v?: string) => v !== undefined && /^\d+$/.test(v);
    const key = `${method} ${resource}${second && !isId(second) ? `/${second}` : ''}${isId(second) || isId(third) ? '/:id' : ''}`;
    const idParam = Number(isId(second) ? second : third);
    switch (key) {
      case 'GET user': return this.list(ctx, this.users(ctx), 'UserSearch_page');
      case 'GET user/:id': return this.byId(this.data.users.find((u) => u.id === idParam), (u) => this.publicUser(u));
      case 'GET autosalon': return this.list(ctx, this.data.autosalons.filter((a) => this.inScope(ctx, a.id)), 'AutosalonSearch_page');
      case 'GET client': return this.list(ctx, this.clients(ctx), 'Client_page');
      case 'GET client/:id': return this.byId(this.data.clients.find((c) => c.id === idParam));
      case 'POST client': return ok(this.createClient(ctx));
      case 'PUT client/:id': return this.updateClient(ctx, idParam);
      case 'GET person': return this.list(ctx, this.data.clients.flatMap((c) => [c.primaryPerson, ...c.persons]).filter((p) => p !== null), 'PersonSearch_page');
      case 'GET leads/request': return this.list(ctx, this.requests(ctx), 'RequestSearch_page');
      case 'GET leads/request/:id': return this.byId(this.data.requests.find((r) => r.id === idParam));
      case 'POST leads/request': return ok(this.createRequest(ctx));
      case 'PUT leads/request/:id': return this.update(this.data.requests, idParam, REQUEST, ctx.body);
      case 'GET leads/requesttype': return ok(this.data.requestTypes);
      case 'GET leads/result': return ok(this.data.requestResults);
      case 'GET leads/requeststatus': return ok([[1, 'Новое'], [2, 'В работе'], [3, 'Завершено'], [4, 'В предварительном отказе'], [5, 'Дубль']].map(([id, name]) => ({ id, name })));
      case 'GET preparedservicecase': return this.list(ctx, this.filterRows(this.data.preparedServiceCases, ctx, { external_id: 'external_id', state: 'state', id: 'id' }), 'PreparedServiceCaseSearch_page');
      case 'GET preparedservicecase/:id': return this.byId(this.data.preparedServiceCases.find((r) => r.id === idParam));
      case 'POST preparedservicecase': return ok(this.createPreparedServiceCase(ctx));
      case 'GET retailcase': return this.listCases(ctx, 'retail', 'RetailCaseSearch_page');
      case 'GET saleusedcase': return this.listCases(ctx, 'saleUsed', 'SalesCaseSearch_page');
      case 'GET corporatecase': return this.listCases(ctx, 'corporate', 'CorporateCaseSearch_page');
      case 'POST retailcase': return this.createCase(ctx, 'retail', 4, 8);
      case 'POST saleusedcase': return this.createCase(ctx, 'saleUsed', 5, 2);
      case 'POST corporatecase': return this.createCase(ctx, 'corporate', 13, 8);
      case 'PUT retailcase/:id': return this.updateCase(ctx, 'retail', idParam);
      // No PUT /saleUsedCase/{id}: the swagger documents GET only.
      case 'PUT corporatecase/:id': return this.updateCase(ctx, 'corporate', idParam);
      case 'GET retailcase/:id':
      case 'GET saleusedcase/:id':
      case 'GET corporatecase/:id': return this.byId(this.data.cases.find((c) => c.id === idParam), (c) => this.caseOut(c));
      case 'POST lead': return this.createLeadCase(ctx);
      case 'GET case/states': return ok(this.caseStates());
      case 'GET case/types': return ok([[1, 'Trade-in'], [4, 'Продажа нового автомобиля'], [5, 'Продажа автомобиля с пробегом'], [12, 'Рекламация'], [13, 'Корпоративная продажа'], [14, 'КСО']].map(([id, name]) => ({ id, name })));
      case 'GET source': return this.list(ctx, this.filterByName(this.data.sources, ctx), 'Source_page');
      case 'GET source/:id': return this.byId(this.data.sources.find((r) => r.id === idParam));
      case 'POST source': return ok(this.createSource(ctx));
      case 'GET source2': return this.list(ctx, this.filterByName(this.data.sources2, ctx).filter((r) => !ctx.query.get('parent_id') || r.parent_id === Number(ctx.query.get('parent_id'))), 'Source2_page');
      case 'POST source2': return ok(this.createSource2(ctx));
      case 'POST call': return ok(this.createCall(ctx));
      case 'PUT call/:id': return this.update(this.data.calls, idParam, CALL, ctx.body);
      case 'GET call/:id': {
        const call = this.data.calls.find((c) => c.id === idParam);
        return call ? { status: 200, body: call } : notFound(); // bare object, as [SW] documents
      }
      // No page parameter is documented for GET /call ([MK] guesses CallSearch_page): the simulator ignores it.
      case 'GET call': return this.list(ctx, this.calls(ctx), 'CallSearch_page', { pageParamDocumented: false });
      case 'POST task': return ok(this.createTask(ctx));
      case 'GET task': return this.list(ctx, this.filterRows(this.data.tasks, ctx, { workerId: 'workerId', authorId: 'authorId', status: 'status' }), 'TaskSearch_page');
      case 'POST event': return { status: 200, body: { result: this.createEvent(ctx), errors: [] } };
      case 'GET event': return this.list(ctx, this.filterRows(this.data.events, ctx, { caseId: 'caseId', type: 'type' }), 'CaseEventSearch_page');
      default: return answerReference(method, ctx.path, ctx.query, (rows, pageParam) => this.list(ctx, rows, pageParam)) ?? notFound();
    }
  }

  private byId<T>(row: T | undefined, map: (row: T) => unknown = (r) => r): Result { return row ? ok(map(row)) : notFound(); }

  /** A PUT: only the model's attributes are assigned; anything else in the body is dropped. */
  private update(rows: Row[], id: number, input: InputModel, body: Record<string, unknown>): Result {
    const row = rows.find((r) => r.id === id);
    if (!row) return notFound();
    Object.assign(row, safeAttributes(input, body), { id });
    return ok(row);
  }

  /** GET /case/states: the swagger's `result: $ref Array` is an object definition; both readings are a switch. */
  private caseStates(): unknown {
    const states: [number, string][] = [[0, 'Не взят в работу'], [5, 'Взят в работу'], [1, 'В работе'], [4, 'В предварительном отказе'], [3, 'В отказе'], [2, 'Завершён'], [-1, 'Удален']];
    if (this.quirks.caseStates === 'object') return { id: states[0]![0], name: states[0]![1] };
    return this.quirks.caseStates === 'map' ? Object.fromEntries(states) : states.map(([id, name]) => ({ id, name }));
  }

  /** A page of a list, with both pagination signals and the endpoint's own page parameter. */
  private list(ctx: Ctx, rows: unknown[], pageParam: string, { pageParamDocumented = true } = {}): Result {
    const perPage = Math.min(Number(ctx.query.get('per-page')) || this.faults.perPage, 50);
    const pageCount = Math.max(1, Math.ceil(rows.length / perPage));
    const asked = this.faults.ignorePageParam || !pageParamDocumented ? 1 : Number(ctx.query.get(pageParam)) || 1;
    const page = Math.min(Math.max(1, asked), pageCount);
    const items = rows.slice((page - 1) * perPage, page * perPage);
    const pagination = { total_count: rows.length, page_count: pageCount, current_page: page, per_page: perPage };
    const meta = this.quirks.pagingMeta;
    return {
      status: 200,
      body: { status: 1, result: items, errors: [], ...(meta === 'body' || meta === 'both' ? { meta: { pagination } } : {}) },
      headers:
        meta === 'headers' || meta === 'both'
          ? {
              'x-pagination-total-count': String(rows.length),
              'x-pagination-page-count': String(pageCount),
              'x-pagination-current-page': String(page),
              'x-pagination-per-page': String(perPage),
            }
          : {},
    };
  }

  private inScope(ctx: Ctx, salonId: unknown): boolean {
    return ctx.user.user_autosalons.split(',').map(Number).includes(Number(salonId));
  }

  private filterRows(rows: Row[], ctx: Ctx, filters: Record<string, string>): Row[] {
    return rows.filter((row) => Object.entries(filters).every(([param, field]) => !ctx.query.has(param) || String(row[field]) === ctx.query.get(param)));
  }

  private filterByName(rows: Row[], ctx: Ctx): Row[] {
    const name = ctx.query.get('name');
    return name ? rows.filter((r) => String(r.name).toLowerCase() === name.toLowerCase()) : rows;
  }

  // ---------- users ----------

  private publicUser(u: SimUser) {
    const { password: _password, api: _api, ...rest } = u;
    return rest;
  }

  private users(ctx: Ctx) {
    const q = ctx.query;
    return this.data.users
      .filter((u) => !q.has('status') || u.status === Number(q.get('status')))
      .filter((u) => !q.has('blocked') || u.blocked === Number(q.get('blocked')))
      .filter((u) => !q.has('email') || u.email.toLowerCase() === q.get('email')?.toLowerCase())
      .filter((u) => !q.has('login') || u.login === q.get('login'))
      .filter((u) => !q.has('phone') || lastTen(u.phone) === lastTen(q.get('phone')))
      .map((u) => this.publicUser(u));
  }

  // ---------- clients ----------

  /** Every phone of a client as stored (the strings people typed). */
  private clientPhones(c: SimClient): string[] {
    return [c.primaryPerson, ...c.persons].flatMap((p) => p?.phones ?? []).concat(c.company?.phones ?? []).map((p) => p.number);
  }

  /** Whether one of the client's stored phones answers the query, under the phoneMatch switch. */
  private clientHasPhone(c: SimClient, query: string): boolean {
    return this.clientPhones(c).some((stored) => phoneMatches(stored, query, this.quirks.phoneMatch));
  }

  /** The simulator's own bookkeeping (which client a number belongs to), not an API filter. */
  private clientByNumber(number: unknown): SimClient | undefined {
    const key = lastTen(number);
    return key.length === 10 ? this.data.clients.find((c) => this.clientPhones(c).some((p) => lastTen(p) === key)) : undefined;
  }

  private clients(ctx: Ctx): SimClient[] {
    const phone = ctx.query.get('phone');
    if (!phone) return this.data.clients;
    return this.data.clients.filter((c) => this.clientHasPhone(c, phone));
  }

  private createClient(ctx: Ctx): SimClient {
    const type = ctx.query.get('type');
    if (type !== 'individual' && type !== 'business') throw new Invalid({ type: ['Параметр type обязателен: individual или business.'] });
    const b = safeAttributes(CLIENT, ctx.body);
    if (type === 'individual') required(b, ['firstName']);
    else required(b, ['name']);
    const id = this.id();
    const phonesOf = (value: unknown) => simPhones(id, value);
    // For a company, which array becomes company.phones is not documented: the companyPhones switch.
    const companyPhones = type === 'business' ? phonesOf(this.quirks.companyPhones === 'phones' ? b.phones : b.personPhones) : [];
    const personRow = { id: id + 500_000, firstName: (b.firstName as string) ?? null, lastName: (b.lastName as string) ?? null, middleName: (b.middleName as string) ?? null, email: (b.email as string) ?? null, phones: type === 'individual' ? phonesOf(b.phones) : [] };
    const client: SimClient = {
      id,
      type,
      createdAt: this.serverNow(),
      primaryPersonId: personRow.id,
      primaryPerson: personRow,
      company: type === 'business' ? { id: id + 600_000, name: String(b.name), phones: companyPhones } : null,
      persons: [],
      tags: [],
    };
    this.data.clients.push(client);
    this.created.push({ resource: 'client', id, body: ctx.body });
    return client;
  }

  private updateClient(ctx: Ctx, id: number): Result {
    const client = this.data.clients.find((c) => c.id === id);
    if (!client) return notFound();
    if (client.primaryPerson && Array.isArray(ctx.body.phones)) {
      client.primaryPerson.phones = ctx.body.phones.map((p: { type?: number; number?: string }, i: number) => ({ id: id * 10 + i, type: Number(p.type ?? 2), number: String(p.number) }));
    }
    // A company's phones follow the same undocumented switch as its create (definitions.Client).
    const companyPhones = this.quirks.companyPhones === 'phones' ? ctx.body.phones : ctx.body.personPhones;
    if (client.company && Array.isArray(companyPhones)) client.company.phones = simPhones(id, companyPhones);
    return ok(client);
  }

  // ---------- inquiries ----------

  private requests(ctx: Ctx): Row[] {
    const phone = ctx.query.get('phone');
    return this.filterRows(this.data.requests, ctx, { external_id: 'external_id', id: 'id' })
      .filter((r) => !phone || phoneMatches(r.phone, phone, this.quirks.phoneMatch))
      .filter((r) => this.inScope(ctx, r.salon_id));
  }

  /** POST /leads/request: `definitions.Request`; a repeated external_id is a second inquiry (nothing documents otherwise). */
  private createRequest(ctx: Ctx): Row {
    const b = safeAttributes(REQUEST, ctx.body);
    required(b, ['salon_id', 'type', 'request_type_id', 'source_id']);
    if (!this.inScope(ctx, b.salon_id)) throw new Invalid({ salon_id: ['Нет доступа к автосалону.'] });
    if (!this.data.requestTypes.some((t) => t.id === Number(b.request_type_id))) throw new Invalid({ request_type_id: ['Цель обращения не найдена.'] });
    if (typeof b.phone === 'string' && b.phone && !/^\+\d{11,15}$/.test(b.phone)) throw new Invalid({ phone: ['Телефон должен быть в формате +79999999999.'] });
    const recentOpen = this.data.requests.some(
      (r) => lastTen(r.phone) === lastTen(b.phone) && r.salon_id === Number(b.salon_id) && (r.status === 1 || r.status === 2) && b.phone,
    );
    const row: Row = {
      ...b,
      id: this.id(),
      salon_id: Number(b.salon_id),
      type: Number(b.type),
      request_type_id: Number(b.request_type_id),
      source_id: Number(b.source_id),
      source2_id: num(b.source2_id),
      assignee_id: num(b.assignee_id),
      status: recentOpen ? 5 : Number(b.status ?? 1),
      clientId: num(b.clientId),
      call2_id: null, // in RequestResponse only: no documented write sets it
      external_id: (b.external_id as string) ?? null,
      created_at: this.serverNow(),
    };
    this.data.requests.push(row);
    return this.record('leads/request', row, ctx.body);
  }

  /** `definitions.PreparedServiceCase` has no required list; a service inquiry without a salon or a status is meaningless. */
  private createPreparedServiceCase(ctx: Ctx): Row {
    const b = safeAttributes(PREPARED_SERVICE_CASE, ctx.body);
    required(b, ['salonId', 'primaryStatus']);
    const row: Row = { ...b, id: this.id(), state: 0, salonId: Number(b.salonId), managerId: num(b.managerId), clientId: num(b.clientId), external_id: (b.external_id as string) ?? null, call2Id: num(b.call2Id), createdAt: this.serverNow() };
    this.data.preparedServiceCases.push(row);
    return this.record('preparedServiceCase', row, ctx.body);
  }

  // ---------- worksheets ----------

  private caseOut(c: Row) {
    const client = this.data.clients.find((cl) => cl.id === c.clientId);
    const assignee = this.data.users.find((u) => u.id === c.assigneeId);
    return { ...c, primaryPerson: client?.primaryPerson ?? null, assignee: assignee ? this.publicUser(assignee) : null, autosalon: this.data.autosalons.find((a) => a.id === c.salonId) ?? null };
  }

  private listCases(ctx: Ctx, kind: string, pageParam: string): Result {
    const q = ctx.query;
    const rows = this.data.cases
      .filter((c) => c.kind === kind)
      .filter((c) => !q.has('external_id') || c.external_id === q.get('external_id'))
      .filter((c) => !q.has('clientId') || c.clientId === Number(q.get('clientId')))
      .filter((c) => !q.has('state') || c.state === Number(q.get('state')))
      .filter((c) => !q.has('call2_id') || c.call2Id === Number(q.get('call2_id')))
      .filter((c) => {
        if (!q.has('clientPhone')) return true;
        const client = this.data.clients.find((cl) => cl.id === c.clientId);
        return client ? this.clientHasPhone(client, q.get('clientPhone')!) : false;
      })
      .map((c) => this.caseOut(c));
    return this.list(ctx, rows, pageParam);
  }

  private static caseModel(kind: string): InputModel {
    return kind === 'saleUsed' ? SALE_USED_CASE : kind === 'corporate' ? CORPORATE_CASE : RETAIL_CASE;
  }

  /** The stored form of a case body: the model's attributes; the marker under the name the output uses. */
  private static caseAttributes(kind: string, body: Record<string, unknown>): Row {
    const b = safeAttributes(AutocrmSim.caseModel(kind), body);
    const { externalId, external_id, call2Id, ...rest } = b;
    const marker = kind === 'saleUsed' ? external_id : externalId;
    return { ...rest, ...(marker !== undefined ? { external_id: marker } : {}), ...(call2Id !== undefined ? { call2Id: num(call2Id) } : {}) } as Row;
  }

  /** POST /<kind>Case: the kind's model; the case POST answer is `{result, errors}` with no status ([SW] paths./retailCase.post). */
  private createCase(ctx: Ctx, kind: string, type: number, category: number): Result {
    const input = AutocrmSim.caseModel(kind);
    required(safeAttributes(input, ctx.body), [...input.required]);
    const b = AutocrmSim.caseAttributes(kind, ctx.body);
    const row = this.record(`${kind}Case`, { external_id: null, call2Id: null, ...b, id: this.id(), kind, type, category, state: Number(b.state ?? 0), clientId: num(b.clientId), salonId: Number(b.salonId), assigneeId: num(b.assigneeId), createdAt: this.serverNow() }, ctx.body);
    this.data.cases.push(row);
    return { status: 200, body: { result: this.caseOut(row), errors: [] } };
  }

  /** PUT /<kind>Case/{id}: e.g. `call2Id` links a call to a retail worksheet (RetailCase.call2Id, "ID звонка"). */
  private updateCase(ctx: Ctx, kind: string, id: number): Result {
    const row = this.data.cases.find((c) => c.id === id && c.kind === kind);
    if (!row) return notFound();
    Object.assign(row, AutocrmSim.caseAttributes(kind, ctx.body), { id });
    return { status: 200, body: { result: this.caseOut(row), errors: [] } };
  }

  private createLeadCase(ctx: Ctx): Result {
    const b = ctx.body;
    const type = Number(ctx.query.get('type') ?? 4);
    const kind = type === 5 ? 'saleUsed' : type === 13 ? 'corporate' : 'retail';
    required(b, ['salonId', 'brandId', 'modelId']);
    if (!b.phoneNumber && !b.companyPhoneNumber) throw new Invalid({ phoneNumber: ['Необходимо заполнить «Телефон».'] });
    let client = this.clientByNumber(b.phoneNumber ?? b.companyPhoneNumber);
    if (!client) client = this.createClient({ ...ctx, query: new URLSearchParams({ type: b.companyName ? 'business' : 'individual' }), body: { firstName: b.firstName ?? 'Клиент', lastName: b.lastName, name: b.companyName, phones: [{ type: 2, number: b.phoneNumber ?? b.companyPhoneNumber }] } });
    const row = this.record(`${kind}Case`, { id: this.id(), kind, type, category: type === 5 ? 2 : 8, state: 0, clientId: client.id, salonId: Number(b.salonId), assigneeId: num(b.managerId), external_id: (b.externalId as string) ?? null, createdAt: this.serverNow(), comment: b.comment ?? null }, b);
    this.data.cases.push(row);
    return { status: 200, body: { status: 1, errors: [] } }; // no id documented
  }

  // ---------- sources, calls, tasks, events ----------

  /** POST /source: `definitions.Source` {name, salon_ids}; duplicate names are a switch (no documented rule). */
  private createSource(ctx: Ctx): Row {
    const b = safeAttributes(SOURCE, ctx.body);
    required(b, [...SOURCE.required]);
    const name = String(b.name);
    if (name.length > 255) throw new Invalid({ name: ['Значение «Название» должно содержать максимум 255 символов.'] });
    const taken = this.data.sources.some((s) => String(s.name).toLowerCase() === name.toLowerCase());
    if (taken && this.quirks.duplicateSourceNames === 'refused') throw new Invalid({ name: [`Значение «${name}» уже занято.`] });
    const row: Row = { id: this.id(), name, salon_ids: Array.isArray(b.salon_ids) ? b.salon_ids.map(Number) : [] };
    this.data.sources.push(row);
    return this.record('source', row, ctx.body);
  }

  /** POST /source2: `definitions.Source2` ({parent_id, name}; its salon_ids are read-only). */
  private createSource2(ctx: Ctx): Row {
    const b = safeAttributes(SOURCE2, ctx.body);
    required(b, [...SOURCE2.required]);
    const name = String(b.name);
    const parent = num(b.parent_id);
    const taken = this.data.sources2.some((s) => String(s.name).toLowerCase() === name.toLowerCase() && s.parent_id === parent);
    if (taken && this.quirks.duplicateSourceNames === 'refused') throw new Invalid({ name: [`Значение «${name}» уже занято.`] });
    const parentRow = this.data.sources.find((s) => s.id === parent);
    const row: Row = { id: this.id(), parent_id: parent, name, salon_ids: parentRow?.salon_ids ?? [] };
    this.data.sources2.push(row);
    return this.record('source2', row, ctx.body);
  }

  /** POST /call: `definitions.Call` only: no client_id, case_id or user_id is stored. */
  private createCall(ctx: Ctx): Row {
    const b = safeAttributes(CALL, ctx.body);
    required(b, [...CALL.required]);
    const row: Row = { ...b, id: this.id() };
    this.data.calls.push(row);
    return this.record('call', row, ctx.body);
  }

  /**
   * `GET /call`: `case_id` (a call is linked to a worksheet by the worksheet's documented `call2Id`), and
   * `start`/`end` in `d.m.Y H:i`; whether `end` covers its whole minute is the callEnd switch.
   */
  private calls(ctx: Ctx): Row[] {
    const q = ctx.query;
    const toSortable = (dmy: string, seconds: string) => {
      const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})$/.exec(dmy);
      return m ? `${m[3]}-${m[2]}-${m[1]} ${m[4]}:${m[5]}:${seconds}` : dmy;
    };
    const endSeconds = this.quirks.callEnd === 'whole-minute' ? '59' : '00';
    const caseId = q.get('case_id');
    const linked = caseId ? new Set([...this.data.cases, ...this.data.preparedServiceCases].filter((c) => c.id === Number(caseId)).map((c) => c.call2Id)) : null;
    return this.data.calls
      .filter((c) => !linked || linked.has(c.id))
      .filter((c) => !q.get('start') || String(c.datetime) >= toSortable(q.get('start')!, '00'))
      .filter((c) => !q.get('end') || String(c.datetime) <= toSortable(q.get('end')!, endSeconds));
  }

  /** POST /task: `definitions.TaskRequest`; objectId is required when objectType is set. */
  private createTask(ctx: Ctx): Row {
    const b = safeAttributes(TASK_REQUEST, ctx.body);
    required(b, [...TASK_REQUEST.required, ...(b.objectType !== undefined ? ['objectId'] : [])]);
    const row: Row = { ...b, id: this.id(), status: Number(b.status ?? 1), type_code: 'task' };
    this.data.tasks.push(row);
    return this.record('task', row, ctx.body);
  }

  /** POST /event: `definitions.CaseEvent`. */
  private createEvent(ctx: Ctx): Row {
    const b = safeAttributes(CASE_EVENT, ctx.body);
    required(b, [...CASE_EVENT.required]);
    const row: Row = { ...b, id: this.id(), createdAt: this.serverNow() };
    this.data.events.push(row);
    return this.record('event', row, ctx.body);
  }

  // ---------- control API ----------

  private async control(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const action = url.pathname.slice('/__control/'.length);
    const body = ((await readBody(req)) ?? {}) as Record<string, unknown>;
    switch (`${req.method} ${action}`) {
      case 'POST reset':
        this.reset();
        return sendJson(res, 200, { ok: true });
      case 'POST faults':
        this.setFaults(body as Partial<AutocrmFaults>);
        return sendJson(res, 200, this.faults);
      case 'POST quirks':
        this.setQuirks(body as Partial<AutocrmQuirks>);
        return sendJson(res, 200, this.quirks);
      case 'GET quirks':
        return sendJson(res, 200, this.quirks);
      case 'GET created':
        return sendJson(res, 200, url.searchParams.get('resource') ? this.createdOf(url.searchParams.get('resource')!) : this.created);
      case 'GET requests':
        return sendJson(res, 200, this.log);
      case 'GET state':
        return sendJson(res, 200, this.data);
      default:
        return sendJson(res, 404, { error: `unknown control action ${action}` });
    }
  }
}

export async function startAutocrmSim({ tls = false, port = 0 } = {}): Promise<{ sim: AutocrmSim; server: RunningServer }> {
  const sim = new AutocrmSim();
  const server = await serve(sim.handler, { tls, port });
  return { sim, server };
}
