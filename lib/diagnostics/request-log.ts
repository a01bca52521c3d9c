import type { ApiName, HttpExchange } from '../http';
import { errorFields } from '../autocrm/envelope';
import { maskText } from './mask';
import { shapeOf, type ShapeJson } from './shape';

/** Requests kept per API. */
export const REQUESTS_PER_API = 200;

/**
 * An error body as a report may show it. CallGear: the documented error object (callgear.github.io
 * data_api/index.html, "JSON error structure": `code`, `message`, `data.mnemonic`, `data.field`,
 * `data.params`); `data.value` is the value that failed and is left out. AutoCRM: the `errors` field
 * names and their messages (swagger.json: `errors` on every answer), masked.
 */
export type ErrorSummary =
  | { kind: 'callgear'; code: number | null; mnemonic: string | null; field: string | null; params: string[]; message: string }
  | { kind: 'autocrm'; fields: string[]; messages: string[] };

export interface LoggedRequest {
  /** ISO time the answer came. */
  at: string;
  api: ApiName;
  method: string;
  path: string;
  params: string[];
  status: number | null;
  durationMs: number;
  /** The answer's shape; `"not json (N chars)"` or `"no answer"` otherwise. */
  shape: ShapeJson;
  error?: ErrorSummary;
}

/** The parameter names that carry credentials: never logged, not even by name (`auth` says they were sent). */
const CREDENTIAL_PARAMS = new Set(['access_token', 'login', 'password']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function callgearError(body: unknown, names: readonly string[]): ErrorSummary | undefined {
  const error = isObject(body) ? body.error : undefined;
  if (!isObject(error)) return undefined;
  const data = isObject(error.data) ? error.data : {};
  return {
    kind: 'callgear',
    code: typeof error.code === 'number' ? error.code : null,
    mnemonic: typeof data.mnemonic === 'string' ? data.mnemonic : null,
    field: typeof data.field === 'string' ? maskText(data.field, names) : null,
    params: isObject(data.params) ? Object.keys(data.params) : [],
    message: typeof error.message === 'string' ? maskText(error.message, names) : '',
  };
}

/** `errors` as a list of `"field: message"` strings (AutoCRM's POST form) is split back into fields. */
const FIELD_PREFIX = /^([A-Za-z_][\w.]{0,60}):\s*(.*)$/s;

function autocrmError(status: number | null, body: unknown, names: readonly string[]): ErrorSummary | undefined {
  const fields = errorFields(body);
  const failed = status === null || status >= 400 || (isObject(body) && (body.status === 0 || body.success === false));
  if (!failed && Object.keys(fields).length === 0) return undefined;
  const keys = new Set<string>();
  const messages: string[] = [];
  for (const [field, list] of Object.entries(fields)) {
    for (const message of list) {
      const prefixed = field === '_' ? FIELD_PREFIX.exec(message) : null;
      if (prefixed) keys.add(prefixed[1]!);
      else if (field !== '_') keys.add(field);
      messages.push(maskText(prefixed ? prefixed[2]! : message, names));
    }
  }
  return { kind: 'autocrm', fields: [...keys], messages };
}

/** What a report keeps of one exchange: names, status, shape and the masked error; never a value. */
export function logEntry(exchange: HttpExchange, at: Date, names: readonly string[] = []): LoggedRequest {
  const { api, method, path, params, status, body, textLength, durationMs } = exchange;
  const shape: ShapeJson = status === null ? 'no answer' : body === undefined ? `not json (${textLength ?? 0} chars)` : shapeOf(body);
  const error = api === 'autocrm' ? autocrmError(status, body, names) : callgearError(body, names);
  return {
    at: at.toISOString(),
    api,
    method,
    path,
    params: params.filter((name) => !CREDENTIAL_PARAMS.has(name)),
    status,
    durationMs,
    shape,
    ...(error ? { error } : {}),
  };
}

/** Where the log is kept between service-worker lives. */
export interface LogStore {
  load(): Promise<LoggedRequest[]>;
  save(entries: LoggedRequest[]): Promise<void>;
}

export interface RequestLogOptions {
  perApi?: number;
  now?: () => Date;
  /** Writes after this many new entries at once… */
  saveEvery?: number;
  /** …or this long after the first unsaved one. */
  saveAfterMs?: number;
}

/**
 * The last requests to each API, in memory, saved in batches (docs/decisions.md, "Diagnostic report").
 * Names of people the installation knows are masked in error messages as they are logged.
 */
export class RequestLog {
  private readonly buffers = new Map<ApiName, LoggedRequest[]>();
  private readonly perApi: number;
  private readonly now: () => Date;
  private readonly saveEvery: number;
  private readonly saveAfterMs: number;
  private store: LogStore | null = null;
  private unsaved = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  names: readonly string[] = [];

  constructor({ perApi = REQUESTS_PER_API, now = () => new Date(), saveEvery = 25, saveAfterMs = 5_000 }: RequestLogOptions = {}) {
    this.perApi = perApi;
    this.now = now;
    this.saveEvery = saveEvery;
    this.saveAfterMs = saveAfterMs;
  }

  record(exchange: HttpExchange): void {
    this.push(logEntry(exchange, this.now(), this.names));
    this.unsaved++;
    if (!this.store) return;
    if (this.unsaved >= this.saveEvery) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.saveAfterMs);
  }

  private push(entry: LoggedRequest): void {
    const buffer = this.buffers.get(entry.api) ?? [];
    buffer.push(entry);
    if (buffer.length > this.perApi) buffer.splice(0, buffer.length - this.perApi);
    this.buffers.set(entry.api, buffer);
  }

  /** Every kept entry, oldest first. */
  entries(): LoggedRequest[] {
    return [...this.buffers.values()].flat().sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Keeps the log in `store`: what an earlier worker life saved comes first, then what this life has
   * logged meanwhile.
   */
  async attach(store: LogStore): Promise<void> {
    this.store = store;
    const current = this.entries();
    const saved = await store.load().catch(() => []);
    this.buffers.clear();
    for (const entry of [...saved, ...current]) this.push(entry);
  }

  /** Writes what is unsaved (the writes are serialised, the latest state wins). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.store || this.unsaved === 0) return this.saving;
    this.unsaved = 0;
    const store = this.store;
    this.saving = this.saving.then(() => store.save(this.entries())).catch(() => undefined);
    return this.saving;
  }

  clear(): void {
    this.buffers.clear();
    this.unsaved = 0;
  }
}
