import { describe, expect, test } from 'vitest';
import { AutocrmClient, PAGES_WITHOUT_META } from './client';
import { bare, fakeAutocrm, ok, type FakeAnswer, type FakeHandler } from './testing/fake-fetch';

function clientWith(routes: Record<string, FakeHandler | FakeAnswer>) {
  const fake = fakeAutocrm(routes);
  return { client: new AutocrmClient({ url: 'https://dealer.autocrm.ru', auth: { kind: 'bearer', token: 'k' }, fetch: fake.fetch }), seen: fake.seen };
}

const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i }));
const pageOf = (r: { query: Record<string, string> }) => Number(r.query.UserSearch_page ?? 1);

describe('paging when the metadata is missing or wrong (docs/decisions.md, U8)', () => {
  test('a server that ignores the page parameter and sends no metadata: stops at the repeated page', async () => {
    const { client, seen } = clientWith({ 'GET user': bare(users(1, 20)) });
    await expect(client.listUsers()).resolves.toHaveLength(20);
    expect(seen).toHaveLength(2);
  });

  test('without metadata, a page shorter than page 1 is the last', async () => {
    const { client, seen } = clientWith({ 'GET user': (r) => bare(pageOf(r) === 1 ? users(1, 20) : users(21, 7)) });
    await expect(client.listUsers()).resolves.toHaveLength(27);
    expect(seen).toHaveLength(2);
  });

  test('without metadata, page 2 of a short answer repeats page 1 and ends it: never more than two requests', async () => {
    const { client, seen } = clientWith({ 'GET user': bare(users(1, 3)) });
    await expect(client.listUsers()).resolves.toHaveLength(3);
    expect(seen).toHaveLength(2);
  });

  test('without metadata, a server that pages in tens is read to its end', async () => {
    const { client, seen } = clientWith({ 'GET user': (r) => bare(pageOf(r) < 3 ? users(pageOf(r) * 100, 10) : users(300, 4)) });
    await expect(client.listUsers()).resolves.toHaveLength(24);
    expect(seen).toHaveLength(3);
  });

  test('without metadata, full new pages forever: capped at PAGES_WITHOUT_META pages, never 500', async () => {
    const { client, seen } = clientWith({ 'GET user': (r) => bare(users(pageOf(r) * 100, 20)) });
    await expect(client.listUsers()).resolves.toHaveLength(20 * PAGES_WITHOUT_META);
    expect(seen).toHaveLength(PAGES_WITHOUT_META);
    expect(PAGES_WITHOUT_META).toBeLessThan(500);
  });

  test('without metadata, a server cycling through two pages stops at the first page seen again', async () => {
    const { client, seen } = clientWith({ 'GET user': (r) => bare(users(pageOf(r) % 2 === 1 ? 100 : 200, 20)) });
    await expect(client.listUsers()).resolves.toHaveLength(40);
    expect(seen).toHaveLength(3);
  });

  test('with metadata, every page is read', async () => {
    const { client, seen } = clientWith({
      'GET user': (r) => ok(users(pageOf(r) * 100, 20), { 'x-pagination-page-count': '8', 'x-pagination-current-page': String(pageOf(r)) }),
    });
    await expect(client.listUsers()).resolves.toHaveLength(160);
    expect(seen).toHaveLength(8);
  });
});

describe('what an unexpected answer says (docs/decisions.md, U11)', () => {
  test('an HTML login page instead of JSON is an authentication problem, with what was seen', async () => {
    const page = '<!DOCTYPE html><html><body><form action="/site/login" method="post"><input type="password" name="LoginForm[password]"></form></body></html>';
    const { client } = clientWith({ 'GET autosalon': { text: page } });
    const error = await client.listAutosalons().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication', retryable: false, status: 200 });
    expect((error as { text: { ru: string } }).text.ru).toContain('страницу входа');
    expect((error as { text: { ru: string } }).text.ru).toContain('<form action="/site/login"');
  });

  test('another HTML page is "not AutoCRM", with the status and the first 200 characters', async () => {
    const page = `<html><body>Welcome to nginx! ${'x'.repeat(400)}</body></html>`;
    const { client } = clientWith({ 'GET autosalon': { text: page } });
    const error = (await client.listAutosalons().catch((e: unknown) => e)) as { kind: string; text: { en: string } };
    expect(error.kind).toBe('invalid-response');
    expect(error.text.en).toContain('HTTP 200');
    expect(error.text.en).toContain(page.slice(0, 200));
    expect(error.text.en).not.toContain(page.slice(0, 201));
  });

  test('an answer of an unexpected shape says what is wrong in words', async () => {
    const { client } = clientWith({ 'GET autosalon': bare([{ id: 1, name: 7 }]) });
    const error = (await client.listAutosalons().catch((e: unknown) => e)) as { kind: string; text: { en: string } };
    expect(error.kind).toBe('invalid-response');
    expect(error.text.en).toMatch(/: Invalid input: expected string, received number$/);
  });

  test('an undocumented 4xx is not retried and says its status and body', async () => {
    const { client } = clientWith({ 'GET autosalon': { status: 409, text: 'conflict: locked' } });
    const error = await client.listAutosalons().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-response', status: 409, retryable: false });
    expect((error as { text: { ru: string } }).text.ru).toContain('HTTP 409');
    expect((error as { text: { ru: string } }).text.ru).toContain('conflict: locked');
  });
});

describe('case states in every shape the swagger allows (docs/decisions.md, U16)', () => {
  test.each([
    ['a list of {id, name}', [{ id: 1, name: 'В работе' }, { id: 2, name: 'Завершён' }]],
    ['an {id: name} map', { 1: 'В работе', 2: 'Завершён' }],
  ])('%s', async (_, result) => {
    const { client } = clientWith({ 'GET case/states': ok(result) });
    await expect(client.listCaseStates()).resolves.toEqual([
      { id: 1, name: 'В работе' },
      { id: 2, name: 'Завершён' },
    ]);
  });

  test('the single object definitions.Array declares', async () => {
    const { client } = clientWith({ 'GET case/states': ok({ id: '5', name: 'Взят в работу' }) });
    await expect(client.listCaseStates()).resolves.toEqual([{ id: 5, name: 'Взят в работу' }]);
  });
});
