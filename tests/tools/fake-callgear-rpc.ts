/**
 * A local JSON-RPC endpoint for the client's unit tests: each request goes to `answer`, which returns
 * a body (and optionally a status). Records every request, with the host it went to.
 */
export interface RpcCall {
  host: string;
  method: string;
  params: Record<string, unknown>;
}

export type RpcReply = { status?: number; body: unknown; raw?: string };

export function fakeRpc(answer: (call: RpcCall) => RpcReply | Promise<RpcReply>) {
  const calls: RpcCall[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const json = (await request.json()) as { id: unknown; method: string; params: Record<string, unknown> };
    const call = { host: new URL(request.url).host, method: json.method, params: json.params };
    calls.push(call);
    const reply = await answer(call);
    const text = reply.raw ?? JSON.stringify({ jsonrpc: '2.0', id: json.id, ...(reply.body as object) });
    return new Response(text, { status: reply.status ?? 200, headers: { 'content-type': reply.raw ? 'text/html' : 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export const DATA_URL = 'https://data.test/v2.0';
export const CALL_URL = 'https://call.test/v4.0';

export const limits = (over: Record<string, number> = {}) => ({ day_limit: 1000, day_remaining: 900, day_reset: 3600, minute_limit: 60, minute_remaining: 59, minute_reset: 30, ...over });

export const rpcErr = (code: number, mnemonic: string, data: Record<string, unknown> = {}) => ({ error: { code, message: mnemonic, data: { mnemonic, ...data } } });
