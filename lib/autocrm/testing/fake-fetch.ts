/**
 * A tiny AutoCRM stand-in for unit tests: each request is recorded, and answered by the first handler
 * whose `METHOD path` matches (path relative to `/yii/api/`, without the query).
 */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeAnswer {
  status?: number;
  body?: unknown;
  /** A raw body (HTML pages); `body` is JSON-encoded otherwise. */
  text?: string;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: SeenRequest) => FakeAnswer | undefined;

/** A success envelope; a list is one page with Yii's pagination headers unless `headers` says otherwise. */
export const ok = (result: unknown, headers?: Record<string, string>): FakeAnswer => ({
  body: { status: 1, result, errors: [] },
  headers: headers ?? (Array.isArray(result) ? { 'x-pagination-page-count': '1', 'x-pagination-current-page': '1', 'x-pagination-total-count': String(result.length) } : undefined),
});

/** A list answer without any pagination metadata. */
export const bare = (result: unknown[]): FakeAnswer => ok(result, {});

export function fakeAutocrm(routes: Record<string, FakeHandler | FakeAnswer>) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const seenRequest: SeenRequest = {
      method: request.method,
      path: url.pathname.replace(/^\/yii\/api\//, ''),
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
    };
    seen.push(seenRequest);
    const route = routes[`${seenRequest.method} ${seenRequest.path}`];
    const answer = typeof route === 'function' ? route(seenRequest) : route;
    if (!answer) return new Response(JSON.stringify({ status: 0, errors: ['Not found'] }), { status: 404 });
    const body = answer.text ?? JSON.stringify(answer.body ?? null);
    return new Response(body, { status: answer.status ?? 200, headers: answer.headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}
