import type { KyInstance } from 'ky';
import type { z } from 'zod/mini';
import { ApiError, networkError } from '../api-error';
import { createHttp, reportExchange, retryAfterMs, type HttpOptions } from '../http';
import { phoneSearchVariants, type PhoneForm } from '../phone';
import { httpError, loginPageError, notAnApiError, unwrap } from './envelope';
import type * as M from './models';
import { normalizeAutocrmUrl } from './url';
import * as T from './types';

export type AutocrmAuth = { kind: 'bearer'; token: string } | { kind: 'basic'; login: string; password: string };

export interface AutocrmClientOptions extends HttpOptions {
  /** What the admin typed: `https://dealer.autocrm.ru`, `dealer.autocrm.ru`, or the full `/yii/api` base. */
  url: string;
  auth: AutocrmAuth;
  /** Stop paging after this many pages (a server that ignores the page parameter would loop forever). */
  maxPages?: number;
  /** Pages read from a list whose answers carry no pagination metadata (docs/decisions.md, AutoCRM port, U8). */
  maxPagesWithoutMeta?: number;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** Per-endpoint page parameter names (swagger.json query parameters `<Model>Search_page`); a wrong one is silently ignored by Yii. */
export const PAGE_PARAMS = {
  user: 'UserSearch_page',
  autosalon: 'AutosalonSearch_page',
  client: 'Client_page',
  request: 'RequestSearch_page',
  preparedServiceCase: 'PreparedServiceCaseSearch_page',
  source: 'Source_page',
  source2: 'Source2_page',
  task: 'TaskSearch_page',
  event: 'CaseEventSearch_page',
  call: 'CallSearch_page',
} as const;

/** Worksheet (case) families the product can create, with their endpoint and page parameter. */
export const CASE_KINDS = {
  retail: { path: 'retailCase', pageParam: 'RetailCaseSearch_page', caseType: 4 },
  saleUsed: { path: 'saleUsedCase', pageParam: 'SalesCaseSearch_page', caseType: 5 },
  corporate: { path: 'corporateCase', pageParam: 'CorporateCaseSearch_page', caseType: 13 },
} as const;
export type CaseKind = keyof typeof CASE_KINDS;

/** The input model of each worksheet family (swagger.json `definitions.RetailCase`, `CorporateCase`, `SaleUsedCase`). */
export interface CaseModels {
  retail: M.RetailCase;
  saleUsed: M.SaleUsedCase;
  corporate: M.CorporateCase;
}

/**
 * Without pagination metadata, a list is read this far at most (the vendor's own PHP client reads one
 * page). High enough that a marker look-up over a long task history still reaches the end (50 × Yii's
 * 20 per page), bounded so a server that pages wrongly cannot turn one look-up into 500 requests.
 */
export const PAGES_WITHOUT_META = 50;

const ids = (items: unknown[]) => items.map((item) => (item as { id?: unknown })?.id).join(',');

const encodeBasic = (login: string, password: string) => {
  const bytes = new TextEncoder().encode(`${login}:${password}`);
  return btoa(String.fromCharCode(...bytes));
};

const headerNumber = (response: Response, name: string) => {
  const value = response.headers.get(name);
  return value === null ? undefined : Number(value);
};

/**
 * The AutoCRM REST client (`/yii/api`). Typed results, one request per call (no retries: the pipeline
 * decides), every quirk of the envelope and the pagination handled in envelope.ts and `paginate`.
 */
export class AutocrmClient {
  readonly apiBase: string;
  readonly origin: string;
  private readonly http: KyInstance;
  private readonly authorization: string;
  private readonly maxPages: number;
  /** How many HTTP requests this client has made (the benchmarks count them). */
  requestCount = 0;

  private readonly maxPagesWithoutMeta: number;

  constructor({ url, auth, maxPages = 500, maxPagesWithoutMeta = PAGES_WITHOUT_META, ...http }: AutocrmClientOptions) {
    const { origin, apiBase } = normalizeAutocrmUrl(url);
    this.origin = origin;
    this.apiBase = apiBase;
    this.http = createHttp(http);
    this.maxPages = maxPages;
    this.maxPagesWithoutMeta = maxPagesWithoutMeta;
    this.authorization = auth.kind === 'bearer' ? `Bearer ${auth.token}` : `Basic ${encodeBasic(auth.login, auth.password)}`;
  }

  private async send(method: 'GET' | 'POST' | 'PUT', path: string, { query, body }: { query?: Query; body?: unknown } = {}) {
    const url = new URL(`${this.apiBase}/${path}`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    const label = `${method} /${path}`;
    this.requestCount++;
    const started = Date.now();
    const sent = { api: 'autocrm', method, path: url.pathname, params: [...url.searchParams.keys(), ...(body && typeof body === 'object' ? Object.keys(body) : [])] } as const;
    let response: Response;
    try {
      response = await this.http(url, {
        method,
        headers: { authorization: this.authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      reportExchange({ ...sent, status: null, body: undefined, durationMs: Date.now() - started });
      throw networkError('autocrm', error, label);
    }
    const text = await response.text();
    const json = parseJson(text);
    reportExchange({ ...sent, status: response.status, body: json, ...(json === undefined ? { textLength: text.length } : {}), durationMs: Date.now() - started });
    // A redirect followed to a login page, or the login page itself: AutoCRM did not take the credentials.
    if (json === undefined && (response.redirected || looksLikeLoginPage(text))) throw loginPageError(response.status, label, text);
    if (!response.ok) throw httpError(response.status, json, label, retryAfterMs(response), text);
    if (json === undefined) throw notAnApiError(response.status, label, text);
    return { response, result: unwrap(json, response.status, label), json, label };
  }

  private parse<S extends z.ZodMiniType>(schema: S, value: unknown, label: string): z.infer<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ApiError({
      kind: 'invalid-response',
      service: 'autocrm',
      request: label,
      text: {
        ru: `AutoCRM вернул данные не того вида (${label}): ${parsed.error.issues[0]?.message ?? ''}`,
        en: `AutoCRM returned data of an unexpected shape (${label}): ${parsed.error.issues[0]?.message ?? ''}`,
      },
    });
  }

  private async getOne<S extends z.ZodMiniType>(schema: S, path: string, query?: Query): Promise<z.infer<S>> {
    const { result, label } = await this.send('GET', path, { query });
    return this.parse(schema, result, label);
  }

  private async write<S extends z.ZodMiniType>(schema: S, method: 'POST' | 'PUT', path: string, body: unknown, query?: Query): Promise<z.infer<S>> {
    const { result, label } = await this.send(method, path, { body, query });
    return this.parse(schema, result, label);
  }

  /**
   * Every item of a paged list. Paging metadata is not in the swagger, so nothing relies on it alone:
   * stops at the last page by the headers or `meta.pagination`; at an empty page; when the server answers
   * page 1 to a later page or repeats an earlier page's ids (it ignored the parameter); at a page
   * shorter than page 1 (the last one). Without any metadata, at most `maxPagesWithoutMeta` pages are
   * read (docs/decisions.md, AutoCRM port, U8).
   */
  async *paginate<S extends z.ZodMiniType>(schema: S, path: string, pageParam: string, query: Query = {}): AsyncGenerator<z.infer<S>> {
    let seen = 0;
    let firstLength = 0;
    const pagesSeen = new Set<string>();
    let metered = false;
    for (let page = 1; page <= this.maxPages; page++) {
      const { response, result, json, label } = await this.send('GET', path, { query: page > 1 ? { ...query, [pageParam]: page } : query });
      const items = Array.isArray(result) ? result : [];
      const meta = (json as { meta?: { pagination?: Record<string, unknown> } }).meta?.pagination ?? {};
      const pageCount = headerNumber(response, 'x-pagination-page-count') ?? (meta.page_count as number | undefined);
      const current = headerNumber(response, 'x-pagination-current-page') ?? (meta.current_page as number | undefined);
      const total = headerNumber(response, 'x-pagination-total-count') ?? (meta.total_count as number | undefined);
      metered ||= pageCount !== undefined || current !== undefined || total !== undefined;
      if (page > 1 && current !== undefined && current < page) return;
      const pageIds = ids(items);
      if (page > 1 && items.length > 0 && pagesSeen.has(pageIds)) return;
      for (const item of items) yield this.parse(schema, item, label);
      seen += items.length;
      if (page === 1) firstLength = items.length;
      pagesSeen.add(pageIds);
      if (items.length === 0 || (pageCount !== undefined && page >= pageCount) || (total !== undefined && seen >= total)) return;
      if (items.length < firstLength) return;
      if (!metered && page >= this.maxPagesWithoutMeta) {
        console.warn(`AutoCRM ${path}: no pagination metadata; stopped after ${page} pages`);
        return;
      }
    }
  }

  /** The first `max` items of a list (a probe: never more than the pages those items fill). */
  private async some<S extends z.ZodMiniType>(schema: S, path: string, pageParam: string, max: number): Promise<z.infer<S>[]> {
    const items: z.infer<S>[] = [];
    if (max <= 0) return items;
    for await (const item of this.paginate(schema, path, pageParam)) if (items.push(item) >= max) break;
    return items;
  }

  private async all<S extends z.ZodMiniType>(schema: S, path: string, pageParam: string, query?: Query): Promise<z.infer<S>[]> {
    const items: z.infer<S>[] = [];
    for await (const item of this.paginate(schema, path, pageParam, query)) items.push(item);
    return items;
  }

  // Users and dealerships

  /** Active, unblocked users by default; `includeFired` adds fired and blocked ones. */
  listUsers({ includeFired = false }: { includeFired?: boolean } = {}) {
    return this.all(T.userSchema, 'user', PAGE_PARAMS.user, includeFired ? {} : { status: 1, blocked: 0 });
  }
  listAutosalons() {
    return this.all(T.autosalonSchema, 'autosalon', PAGE_PARAMS.autosalon);
  }

  // Clients

  /** The first non-empty answer of a look-up tried with each phone form (`preferred`: the forms known to hit). */
  private async byPhone<R>(phone: string, preferred: readonly PhoneForm[] | undefined, find: (variant: string) => Promise<R[]>): Promise<R[]> {
    for (const variant of phoneSearchVariants(phone, preferred)) {
      const found = await find(variant);
      if (found.length > 0) return found;
    }
    return [];
  }

  /** Clients with this phone, trying the forms AutoCRM may store it in (+7…, 7…, last ten digits, 8…). */
  findClientsByPhone(phone: string, preferred?: readonly PhoneForm[]): Promise<T.AutocrmClient[]> {
    return this.byPhone(phone, preferred, (variant) => this.all(T.clientSchema, 'client', PAGE_PARAMS.client, { phone: variant }));
  }
  /** Clients whose phone matches this exact value (`GET /client?phone=`), no other form tried: the check's probe. */
  findClientsByPhoneValue(value: string): Promise<T.AutocrmClient[]> {
    return this.all(T.clientSchema, 'client', PAGE_PARAMS.client, { phone: value });
  }
  /** Clients of the first page(s), unfiltered (`GET /client`): the integration check's phone-form probe. */
  someClients(max = 20) {
    return this.some(T.clientSchema, 'client', PAGE_PARAMS.client, max);
  }
  getClient(id: number) {
    return this.getOne(T.clientSchema, `client/${id}`);
  }
  createClient(type: 'individual' | 'business', body: M.Client) {
    return this.write(T.clientSchema, 'POST', 'client', body, { type });
  }

  // Inquiries (leads/request)

  findRequests(query: { phone?: string; external_id?: string; createdSince?: string }) {
    return this.all(T.requestSchema, 'leads/request', PAGE_PARAMS.request, query);
  }
  /** `GET /leads/request/{id}` (swagger.json `paths./leads/request/{id}.get`). */
  getRequest(id: number) {
    return this.getOne(T.requestSchema, `leads/request/${id}`);
  }
  findRequestsByPhone(phone: string, preferred?: readonly PhoneForm[]): Promise<T.LeadRequest[]> {
    return this.byPhone(phone, preferred, (variant) => this.findRequests({ phone: variant }));
  }
  createRequest(body: M.Request) {
    return this.write(T.requestSchema, 'POST', 'leads/request', body);
  }
  updateRequest(id: number, body: Partial<M.Request>) {
    return this.write(T.requestSchema, 'PUT', `leads/request/${id}`, body);
  }
  listRequestTypes() {
    return this.getOne(T.dictionaryListSchema, 'leads/requestType');
  }
  listRequestResults() {
    return this.getOne(T.dictionaryListSchema, 'leads/result');
  }

  // Service inquiries

  findPreparedServiceCases(query: { external_id?: string; state?: number; phone?: string }) {
    return this.all(T.preparedServiceCaseSchema, 'preparedServiceCase', PAGE_PARAMS.preparedServiceCase, query);
  }
  createPreparedServiceCase(body: M.PreparedServiceCase) {
    return this.write(T.preparedServiceCaseSchema, 'POST', 'preparedServiceCase', body);
  }

  // Worksheets (cases)

  /** `call2_id` is documented as a filter of `/retailCase` and `/corporateCase` only. */
  findCases(kind: CaseKind, query: { clientPhone?: string; clientId?: number; external_id?: string; state?: number; call2_id?: number }) {
    const { path, pageParam } = CASE_KINDS[kind];
    return this.all(T.caseSchema, path, pageParam, query);
  }
  /** Worksheets of the client with this phone, trying every phone form as for clients. */
  findCasesByPhone(kind: CaseKind, phone: string, preferred?: readonly PhoneForm[]) {
    return this.byPhone(phone, preferred, (variant) => this.findCases(kind, { clientPhone: variant }));
  }
  createCase<K extends CaseKind>(kind: K, body: CaseModels[K]) {
    return this.write(T.caseSchema, 'POST', CASE_KINDS[kind].path, body);
  }
  /** `POST /lead?type=`: a worksheet straight from lead data. AutoCRM documents no id in the answer. */
  async createCaseFromLead(caseType: number, body: Record<string, unknown>): Promise<void> {
    await this.send('POST', 'lead', { query: { type: caseType }, body });
  }
  /** The swagger declares `result` as the object `Array {id, name}`; a list and an `{id: name}` map are accepted too. */
  async listCaseStates(): Promise<T.Dictionary[]> {
    const { result, label } = await this.send('GET', 'case/states');
    return this.parse(T.dictionaryListSchema, T.dictionaryEntries(result), label);
  }

  // Sources

  /** Sources of the first page(s), unfiltered (`GET /source`): what the integration check counts. */
  someSources(max = 20) {
    return this.some(T.sourceSchema, 'source', PAGE_PARAMS.source, max);
  }
  findSources(name: string) {
    return this.all(T.sourceSchema, 'source', PAGE_PARAMS.source, { name });
  }
  createSource(body: M.Source) {
    return this.write(T.sourceSchema, 'POST', 'source', body);
  }
  findSources2(name: string, parentId?: number) {
    return this.all(T.source2Schema, 'source2', PAGE_PARAMS.source2, { name, parent_id: parentId });
  }
  createSource2(body: M.Source2) {
    return this.write(T.source2Schema, 'POST', 'source2', body);
  }

  // Calls, tasks, events

  createCall(body: M.Call) {
    return this.write(T.callSchema, 'POST', 'call', body);
  }
  updateCall(id: number, body: M.Call) {
    return this.write(T.callSchema, 'PUT', `call/${id}`, body);
  }
  getCall(id: number) {
    return this.getOne(T.callSchema, `call/${id}`);
  }
  /** `start`/`end` in `d.m.Y H:i` (swagger.json `paths./call.get`). */
  findCalls(query: { case_id?: number; start?: string; end?: string }) {
    return this.all(T.callSchema, 'call', PAGE_PARAMS.call, query);
  }
  findTasks(query: { workerId?: number; authorId?: number; status?: number }) {
    return this.all(T.taskSchema, 'task', PAGE_PARAMS.task, query);
  }
  createTask(body: M.TaskRequest) {
    return this.write(T.taskSchema, 'POST', 'task', body);
  }
  findEvents(query: { caseId: number; type?: number }) {
    return this.all(T.eventSchema, 'event', PAGE_PARAMS.event, query);
  }
  createEvent(body: M.CaseEvent) {
    return this.write(T.eventSchema, 'POST', 'event', body);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An HTML page with a password field or a login form: what a session-based app shows instead of the API. */
export function looksLikeLoginPage(text: string): boolean {
  return /<html|<!doctype/i.test(text) && /type=["']?password|action=["'][^"']*login|\/site\/login|авторизац|вход в систему/i.test(text);
}
