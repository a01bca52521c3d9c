import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type http from 'node:http';
import { AutocrmClient } from '@/lib/autocrm/client';
import { CallGearClient } from '@/lib/callgear/client';
import { failure } from './expect-failure';
import { serve, type RunningServer } from '../sim/serve';

/**
 * R9 / R13 (docs/security.md): requests that carry credentials do not follow redirects. The endpoint
 * answers 307 (which keeps the method and the body) or 302, pointing at a second server on another port;
 * the second server must receive nothing, and the client must say what happened.
 */
let elsewhere: RunningServer;
let redirector: RunningServer;
const received: Array<{ url?: string; authorization?: string; body: string }> = [];
let status = 307;

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

beforeAll(async () => {
  elsewhere = await serve(async (req, res) => {
    received.push({ url: req.url, authorization: req.headers.authorization, body: await readBody(req) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { data: { app_id: 1, name: 'forged' } } }));
  });
  redirector = await serve((req, res) => {
    res.writeHead(status, { location: `${elsewhere.url()}${req.url ?? '/'}` });
    res.end();
  });
});
afterAll(async () => {
  await redirector.close();
  await elsewhere.close();
});

describe.each([307, 302])('an endpoint that answers %i', (code) => {
  beforeAll(() => {
    status = code;
    received.length = 0;
  });

  test('CallGear with a key: the JSON-RPC body (access_token) is not re-posted, and the error says so', async () => {
    const client = new CallGearClient({ dataApiUrl: `${redirector.url()}/v2.0`, callApiUrl: `${redirector.url()}/v4.0`, auth: { kind: 'token', token: 'cg-secret-key' } });
    const error = await failure(client.account());
    expect(error).toMatchObject({ kind: 'invalid-response', code: 'redirect', service: 'callgear' });
    expect(error.retryable).toBe(false);
    expect(error.text.en).toMatch(/redirected/);
    expect(received).toEqual([]);
  });

  test('CallGear login.user: the password is not re-posted', async () => {
    const client = new CallGearClient({ dataApiUrl: `${redirector.url()}/v2.0`, callApiUrl: `${redirector.url()}/v4.0`, auth: { kind: 'login', login: 'admin', password: 'cg-password' } });
    await expect(failure(client.account())).resolves.toMatchObject({ code: 'redirect' });
    expect(received).toEqual([]);
  });

  test('AutoCRM with Authorization: no request reaches the other server', async () => {
    const client = new AutocrmClient({ url: redirector.url(), auth: { kind: 'bearer', token: 'autocrm-secret-key' } });
    await expect(failure(client.listAutosalons())).resolves.toMatchObject({ kind: 'invalid-response', code: 'redirect', service: 'autocrm' });
    expect(received).toEqual([]);
  });
});
