import { describe, expect, test } from 'vitest';
import { CallGearClient, type RejectedRow, type ReportPage } from '../callgear/client';
import { callRowSchema } from '../callgear/types';
import { openDb, type AppDb } from '../db';
import type { CommKind } from '../domain/communication';
import { Inbox } from './inbox';
import { DROPPED_FIELDS_KEY, DROPPED_FIELDS_TTL_MS, Intake, forgetCallGearAccountFacts, REPORT_PAGE_SIZE, SHAPE_ERROR_MIN_ROWS, droppedFields, reportSourceOf, type PageParams, type ReportSource } from './intake';
import type { Said } from '../phrase';
import { ru } from '../../tests/tools/locale-words';

const NOW = Date.parse('2026-11-24T12:00:00Z');
type Row = Record<string, unknown> & { id: number };

const callRow = (id: number, extra: Record<string, unknown> = {}) => ({ id, start_time: '2026-11-24 14:00:00', direction: 'in', is_lost: false, contact_phone_number: '79123456789', ...extra });

/** A report source over in-memory call rows, parsed with the client's schema; records each page request. */
function fakeSource(rows: () => Record<string, unknown>[], options: { total?: 'none'; ignoreOffset?: boolean } = {}) {
  const requests: PageParams[] = [];
  const source: ReportSource = {
    timezone: async () => 'Europe/Moscow',
    async page(_kind: CommKind, params: PageParams): Promise<ReportPage<Row>> {
      requests.push(params);
      const filter = params.filter as { field: string; value: unknown } | undefined;
      const all = rows().filter((r) => !filter || r[filter.field] === filter.value);
      const slice = options.ignoreOffset ? all.slice(0, params.limit) : all.slice(params.offset, params.offset + params.limit);
      const good: Row[] = [];
      const rejected: RejectedRow[] = [];
      for (const row of slice) {
        const parsed = callRowSchema.safeParse(row);
        if (parsed.success) good.push(parsed.data as Row);
        else rejected.push({ id: row.id, raw: row, reason: `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}` });
      }
      return { rows: good, rejected, total: options.total === 'none' ? Number.POSITIVE_INFINITY : all.length };
    },
    communications: async () => ({ rows: [], rejected: [], total: 0 }),
    pointsUsed: () => 0,
  };
  return { source, requests };
}

function setUp(source: ReportSource) {
  const db = openDb(`intake-${Math.random()}`);
  const inbox = new Inbox(db, () => NOW);
  const intake = new Intake(db, inbox, source, { horizonDays: 1, overlapMinutes: 10 }, () => NOW);
  return { db, inbox, intake };
}

describe('quarantined rows are never processed as if read; a retry reads them from CallGear again', () => {
  test('an unreadable row becomes a marked placeholder that no worker can claim', async () => {
    const { source } = fakeSource(() => [callRow(1), callRow(2, { direction: 'sideways' })]);
    const { db, inbox, intake } = setUp(source);
    expect(await intake.poll('call')).toMatchObject({ added: 1, quarantined: 1 });
    const placeholder = await db.inbox.get('call:2');
    expect(placeholder).toMatchObject({ state: 'needs-fix', comm: { unread: { reason: expect.stringContaining('direction') } } });
    expect(placeholder!.comm.unread!.window.till).toBe('2026-11-24T15:00:00.000+03:00');
    expect((await inbox.claim('w', 10)).map((i) => i.key)).toEqual(['call:1']);
  });

  test('retry marks the placeholder for a re-read (it stays needs-fix); the next poll reads the row by id and puts it in line', async () => {
    let fixed = false;
    const { source, requests } = fakeSource(() => [callRow(2, { direction: fixed ? 'in' : 'sideways' })]);
    const { db, inbox, intake } = setUp(source);
    await intake.poll('call');
    expect(await inbox.retry(['call:2'])).toBe(1);
    expect(await db.inbox.get('call:2')).toMatchObject({ state: 'needs-fix', comm: { unread: { rereadRequested: true } }, reason: { key: 'pipeline.reason.rereadRequested' } });
    expect(await inbox.claim('w', 10)).toEqual([]);
    expect(await intake.changedKinds()).toContain('call');

    fixed = true;
    requests.length = 0;
    expect(await intake.poll('call')).toMatchObject({ reread: 1 });
    expect(requests[0]!.filter).toEqual({ field: 'id', operator: '=', value: 2 });
    const item = await db.inbox.get('call:2');
    expect(item).toMatchObject({ state: 'new', reason: null, comm: { contactPhone: '+79123456789', direction: 'in' } });
    expect(item!.comm.unread).toBeUndefined();
    expect((await inbox.claim('w', 10)).map((i) => i.key)).toEqual(['call:2']);
  });

  test('a row still unreadable on the re-read stays quarantined with the reason; a row gone says so', async () => {
    let rows = [callRow(2, { direction: 'sideways' })];
    const { source } = fakeSource(() => rows);
    const { db, inbox, intake } = setUp(source);
    await intake.poll('call');
    await inbox.retry();
    expect(await intake.reread()).toBe(0);
    expect(await db.inbox.get('call:2')).toMatchObject({ state: 'needs-fix', reason: { key: 'pipeline.reason.unreadRow' }, comm: { unread: { reason: expect.stringContaining('direction'), rereadRequested: false } } });
    expect((await inbox.steps('call:2')).map((s) => s.step)).toContain('reread');

    rows = [];
    await inbox.retry(['call:2']);
    await intake.reread('call');
    expect(await db.inbox.get('call:2')).toMatchObject({ state: 'needs-fix', reason: { key: 'pipeline.reason.unreadRow' }, comm: { unread: { reason: expect.stringContaining('no longer in the CallGear report') } } });
  });

  test('a placeholder heals by itself when a later poll reads its row (no retry needed)', async () => {
    let fixed = false;
    const { source } = fakeSource(() => [callRow(2, { direction: fixed ? 'in' : 'sideways' })]);
    const { db, inbox, intake } = setUp(source);
    await intake.poll('call');
    expect(await db.inbox.get('call:2')).toMatchObject({ state: 'needs-fix' });
    fixed = true;
    await intake.poll('call');
    const item = await db.inbox.get('call:2');
    expect(item).toMatchObject({ state: 'new', comm: { direction: 'in', contactPhone: '+79123456789' } });
    expect(item!.comm.unread).toBeUndefined();
    expect((await inbox.claim('w', 10)).map((i) => i.key)).toEqual(['call:2']);
  });

  test('a re-read that fails (CallGear down) stays requested and does not stop the poll', async () => {
    let down = false;
    const { source } = fakeSource(() => [callRow(1), callRow(2, { direction: 'sideways' })]);
    const failing: ReportSource = { ...source, page: (kind, params) => (down && params.filter ? Promise.reject(new Error('CallGear 502')) : source.page(kind, params)) };
    const { db, inbox, intake } = setUp(failing);
    await intake.poll('call');
    await inbox.retry(['call:2']);
    down = true;
    expect(await intake.poll('call')).toMatchObject({ reread: 0 });
    expect(await db.inbox.get('call:2')).toMatchObject({ state: 'needs-fix', comm: { unread: { rereadRequested: true } } });
    expect((await inbox.steps('call:2')).find((step) => step.step === 'reread')).toMatchObject({ detail: { ok: false, reason: 'CallGear 502' } });
  });

  test('a placeholder quarantined before the mark existed (no variables) is not requeued by a retry either', async () => {
    const { source } = fakeSource(() => []);
    const { db, inbox } = setUp(source);
    const at = new Date(NOW).toISOString();
    await db.inbox.add({
      key: 'lead:9', kind: 'lead', id: 9, communicationId: null, ruleKind: 'leads', at,
      comm: { kind: 'lead', id: 9, communicationId: null, at, direction: null, lost: false, contactPhone: null, employeeId: null, finished: true, variables: {} },
      state: 'needs-fix', dueAt: Number.MAX_SAFE_INTEGER, leaseOwner: null, attempts: 0, reason: 'строка отчёта CallGear не прочитана: date_time: Required', error: null,
      plan: null, created: [], createdAt: NOW, updatedAt: NOW,
    });
    await inbox.retry();
    expect(await db.inbox.get('lead:9')).toMatchObject({ state: 'needs-fix', comm: { unread: { rereadRequested: true } } });
    expect((await inbox.pendingRereads('lead')).map((i) => i.key)).toEqual(['lead:9']);
  });
});

describe('a page with no readable row is one configuration error, and nothing is lost', () => {
  test(`${SHAPE_ERROR_MIN_ROWS}+ rows, none readable: one invalid-response error naming the field; no items; the cursor stays`, async () => {
    const { source } = fakeSource(() => Array.from({ length: SHAPE_ERROR_MIN_ROWS + 1 }, (_, i) => callRow(i + 1, { start_time: undefined })));
    const { db, intake } = setUp(source);
    const error = await intake.poll('call').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-response', service: 'callgear' });
    expect((error as { text: { ru: string; en: string } }).text.en).toContain('start_time');
    expect((error as { text: { ru: string } }).text.ru).toContain('Ничего не потеряно');
    expect(await db.inbox.count()).toBe(0);
    expect(await db.cursors.get('call')).toBeUndefined();
  });

  test('fewer unreadable rows than that are quarantined one by one', async () => {
    const { source } = fakeSource(() => [callRow(1, { start_time: undefined }), callRow(2, { start_time: undefined })]);
    const { db, intake } = setUp(source);
    expect(await intake.poll('call')).toMatchObject({ quarantined: 2 });
    expect(await db.cursors.get('call')).toBeDefined();
  });
});

describe('paging', () => {
  test('without total_items: full pages are followed until a short one', async () => {
    const { source, requests } = fakeSource(() => Array.from({ length: REPORT_PAGE_SIZE + 3 }, (_, i) => callRow(i + 1)), { total: 'none' });
    const { intake } = setUp(source);
    expect(await intake.poll('call')).toMatchObject({ read: REPORT_PAGE_SIZE + 3, added: REPORT_PAGE_SIZE + 3 });
    expect(requests.map((r) => r.offset)).toEqual([0, REPORT_PAGE_SIZE]);
  });

  test('an API that ignores offset: paging stops at the repeated page', async () => {
    const { source, requests } = fakeSource(() => Array.from({ length: REPORT_PAGE_SIZE + 3 }, (_, i) => callRow(i + 1)), { total: 'none', ignoreOffset: true });
    const { intake } = setUp(source);
    await intake.poll('call');
    expect(requests).toHaveLength(2);
  });
});

test('changedKinds always reads calls: the communications report is not documented to list outgoing or PBX calls', async () => {
  const { source } = fakeSource(() => []);
  const { intake } = setUp(source);
  for (const kind of ['call', 'chat', 'lead'] as const) await intake.poll(kind);
  expect(await intake.changedKinds()).toEqual(['call']);
});

describe('a field name the account refuses', () => {
  /** A Data API answering unexpected_parameters for `refused` while it is requested. */
  function apiRefusing(refused: string) {
    const requested: string[][] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const body = (await request.json()) as { id: number; method: string; params: { fields?: string[] } };
      const fields = body.params.fields ?? [];
      if (body.method === 'get.calls_report') requested.push(fields);
      const answer = fields.includes(refused)
        ? { error: { code: -32602, message: 'Unexpected method parameter(s)', data: { mnemonic: 'unexpected_parameters', field: 'fields', value: refused } } }
        : { result: { data: body.method === 'get.account' ? [{ app_id: 1, name: 'a', timezone: 'Europe/Moscow' }] : [callRow(1)], metadata: { total_items: 1 } } };
      return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, ...answer }), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const client = new CallGearClient({ dataApiUrl: 'https://data.test/v2.0', auth: { kind: 'token', token: 't' }, fetch });
    return { client, requested };
  }

  test('is dropped, the request made once more, remembered for the account in settings, and logged', async () => {
    const { client, requested } = apiRefusing('scenario_name');
    const db = openDb(`intake-${Math.random()}`);
    const inbox = new Inbox(db, () => NOW);
    const intake = () => new Intake(db, inbox, reportSourceOf(client, db, 'acc-1'), { horizonDays: 1, overlapMinutes: 10 }, () => NOW);
    expect(await intake().poll('call')).toMatchObject({ added: 1 });
    expect(requested).toHaveLength(2);
    expect(requested[1]).not.toContain('scenario_name');
    expect(await droppedFields(db, 'acc-1')).toEqual({ call: ['scenario_name'] });
    expect((await db.settings.get(`${DROPPED_FIELDS_KEY}:acc-1`))?.value).toMatchObject({ fields: { call: ['scenario_name'] } });
    const [note] = await inbox.steps('call:fields');
    expect(note).toMatchObject({ step: 'fields-dropped', detail: { names: ['scenario_name'], said: { key: 'pipeline.step.fieldsDropped' } } });
    expect(ru((note!.detail as { said: Said }).said)).toContain('scenario_name');

    await intake().poll('call'); // a later poll (a new source, as each cycle builds one) does not ask for it again
    expect(requested).toHaveLength(3);
    expect(requested[2]).not.toContain('scenario_name');
  });

  test('is asked for again after a week, and forgotten at once when the account changes', async () => {
    const { client, requested } = apiRefusing('scenario_name');
    const db = openDb(`intake-${Math.random()}`);
    await new Intake(db, new Inbox(db, () => NOW), reportSourceOf(client, db, 'acc-2'), { horizonDays: 1, overlapMinutes: 10 }, () => NOW).poll('call');
    expect(await droppedFields(db, 'acc-2')).toEqual({ call: ['scenario_name'] });
    expect(await droppedFields(db, 'acc-2', Date.now() + DROPPED_FIELDS_TTL_MS + 1)).toEqual({});
    await db.settings.put({ key: 'callgearAccountTimezone', value: { zone: 'Asia/Almaty', at: Date.now() } });
    await forgetCallGearAccountFacts(db);
    expect(await droppedFields(db, 'acc-2')).toEqual({});
    expect(await db.settings.get('callgearAccountTimezone')).toBeUndefined();
    const before = requested.length;
    await new Intake(db, new Inbox(db, () => NOW), reportSourceOf(client, db, 'acc-2'), { horizonDays: 1, overlapMinutes: 10 }, () => NOW).poll('call');
    expect(requested[before]).toContain('scenario_name');
  });

  test('without a database the names are remembered in memory', async () => {
    const { client, requested } = apiRefusing('utm_term');
    const db: AppDb = openDb(`intake-${Math.random()}`);
    const inbox = new Inbox(db, () => NOW);
    await new Intake(db, inbox, reportSourceOf(client, undefined, 'no-db'), { horizonDays: 1, overlapMinutes: 10 }, () => NOW).poll('call');
    await new Intake(db, inbox, reportSourceOf(client, undefined, 'no-db'), { horizonDays: 1, overlapMinutes: 10 }, () => NOW).poll('call');
    expect(requested.map((fields) => fields.includes('utm_term'))).toEqual([true, false, false]);
    expect(await droppedFields(undefined, 'no-db')).toEqual({ call: ['utm_term'] });
  });
});
