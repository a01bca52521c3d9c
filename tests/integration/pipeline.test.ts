import { beforeEach, describe, expect, test } from 'vitest';
import { useSimulators } from '../sim/use-simulators';
import { seededRandom } from '../sim/http-util';
import { duplicateMarkers, NO_DUPLICATES } from '../sim/duplicates';
import { accountNow } from '../sim/callgear/fixtures';
import { createPipeline, drainOrAbandon, killable, nodeRenderer, settle as settleWith, TestClock, type TestPipeline } from './pipeline-harness';
import { dryRun } from '@/lib/pipeline/dry-run';
import type { InboxItem } from '@/lib/db';
import { isFoundByMarker } from '@/lib/pipeline/act';

const { autocrm, callgear } = useSimulators();
let clock: TestClock;

beforeEach(() => {
  clock = new TestClock();
});

const pipeline = (options: Partial<Parameters<typeof createPipeline>[0]> = {}) =>
  createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, ...options });

const settle = (p: TestPipeline, owner = 'worker', rounds = 30) => settleWith(p, clock, owner, rounds);

/** Adds a realistic mix of communications to the CallGear simulator. */
function addMixed(count: number, seed = 5): number[] {
  const random = seededRandom(seed);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const start = accountNow().minus({ minutes: 90 - (i % 80) });
    const phone = `7916${String(1_000_000 + Math.floor(random() * 8_999_999)).padStart(7, '0')}`;
    if (r < 0.35) ids.push(callgear.sim.addCall({ start, contact: phone, employeeId: random() < 0.5 ? 9001 : 9002, campaignId: random() < 0.5 ? 701 : null }).id);
    else if (r < 0.45) ids.push(callgear.sim.addCall({ start, contact: phone, lost: true, employeeId: null }).id);
    else if (r < 0.55) ids.push(callgear.sim.addCall({ start, contact: phone, scenarioId: 302, virtualNumber: '74953330000', employeeId: 9003 }).id);
    else if (r < 0.6) ids.push(callgear.sim.addCall({ start, contact: phone, direction: 'out', employeeId: 9002 }).id);
    else if (r < 0.63) ids.push(callgear.sim.addCall({ start, contact: phone, tags: [603], employeeId: 9001 }).id);
    else if (r < 0.8) ids.push(callgear.sim.addChat({ start, visitorPhone: phone, employeeId: 9001 }).id);
    else ids.push(callgear.sim.addLead({ start, visitorPhone: phone }).id);
  }
  return ids;
}

/** The guarantees: nothing lost, nothing duplicated, every outcome explained. */
async function expectGuarantees(pipelines: TestPipeline[], expected: number) {
  for (const p of pipelines) {
    const items = await p.db.inbox.toArray();
    expect(items).toHaveLength(expected);
    const unfinished = items.filter((i) => !['done', 'skipped', 'needs-fix'].includes(i.state));
    expect(unfinished.map((i) => `${i.key}:${i.state}:${i.reason}`)).toEqual([]);
    for (const item of items.filter((i) => i.state !== 'done')) expect(item.reason, item.key).toBeTruthy();
  }
  expect(duplicateMarkers(autocrm.sim)).toEqual(NO_DUPLICATES);
}

describe('one call, end to end in Node', () => {
  test('an answered call becomes an inquiry with the rendered source, sub-source, comment and the right responsible', async () => {
    const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, tags: [601], contact: '79991234567' });
    const p = pipeline();
    await settle(p);
    const item = (await p.db.inbox.get(`call:${call.id}`))!;
    expect(item).toMatchObject({ state: 'done', created: [expect.objectContaining({ entity: 'inquiry', url: expect.stringMatching(/\/requests\/\d+$/) })] });
    const [inquiry] = autocrm.sim.createdOf('leads/request');
    expect(inquiry!.body).toMatchObject({
      salon_id: 1, type: 5, request_type_id: 1, assignee_id: 42, phone: '+79991234567', external_id: `callgear:call:${call.id}`,
      utm_source: 'yandex', utm_campaign: 'haval_jolion_2026',
      comment: expect.stringContaining('Входящий звонок с +7 (999) 123-45-67 на +7 (495) 229-00-00, сценарий «Входящие: отдел продаж», разговор 03:07, теги: Целевой'),
    });
    expect(inquiry!.body).not.toHaveProperty('call2_id'); // not in the Request input model (swagger.json definitions.Request)
    const sources = autocrm.sim.data.sources;
    expect(sources.find((s) => s.id === (inquiry!.body as { source_id: number }).source_id)?.name).toBe('Яндекс.Директ — Haval Jolion');
    expect(autocrm.sim.data.sources2.find((s) => s.id === (inquiry!.body as { source2_id: number }).source2_id)?.name).toBe('haval_jolion_2026');
    const [logged] = autocrm.sim.createdOf('call');
    expect(logged!.body).toMatchObject({ from: '79991234567', to: '74952290000', status: 'answered', direction: 'incoming', record: call.full_record_file_link, call_id: `callgear:call:${call.id}` });
    const steps = await p.inbox.steps(item.key);
    expect(steps.find((s) => s.step === 'decide')?.detail).toMatchObject({ rule: { key: 'pipeline.rule.base' }, explanation: expect.arrayContaining([{ key: 'pipeline.explain.responsibleTaker', params: { user: { user: 42 } } }]) });
    expect(steps.filter((s) => s.step === 'request').map((s) => (s.detail as { label: unknown }).label)).toEqual(
      expect.arrayContaining([{ key: 'pipeline.step.checkMarker', params: { marker: `callgear:call:${call.id}` } }, { key: 'pipeline.step.createInquiry' }, { key: 'pipeline.step.logCall' }]),
    );
  });

  test('a chat and a lead read as the reports document them: the chat\'s source is its channel, the lead is created with its form and visitor', async () => {
    const chat = callgear.sim.addChat({ channelId: 901, employeeId: 9001, visitorPhone: '79035550101' });
    const lead = callgear.sim.addLead({ formName: 'Запись на тест-драйв', visitorName: 'Мария', visitorPhone: '79035550202', visitorEmail: 'maria@example.ru', campaignId: 701 });
    const p = pipeline();
    await settle(p);
    expect((await p.db.inbox.get(`chat:${chat.id}`))!.state).toBe('done');
    expect((await p.db.inbox.get(`lead:${lead.id}`))!.state).toBe('done');
    const [worksheet] = autocrm.sim.createdOf('retailCase');
    const channelSource = autocrm.sim.data.sources.find((s) => s.id === (worksheet!.body as { informationSourceId: number }).informationSourceId);
    expect(channelSource?.name).toBe('WhatsApp продажи');
    const inquiry = autocrm.sim.createdOf('leads/request').find((r) => (r.body as { external_id: string }).external_id === `callgear:lead:${lead.id}`);
    expect(inquiry!.body).toMatchObject({ phone: '+79035550202', first_name: 'Мария', email: 'maria@example.ru', assignee_id: 43 });
    expect(autocrm.sim.data.sources2.find((s) => s.id === (inquiry!.body as { source2_id: number }).source2_id)?.name).toBe('Запись на тест-драйв');
  });

  test('AutoCRM requests per created inquiry stay few once sources are cached', async () => {
    for (let i = 0; i < 20; i++) callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: `7999000${String(i).padStart(4, '0')}` });
    const p = pipeline();
    await settle(p);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(20);
    const perEntity = p.autocrm.requestCount / 20;
    expect(perEntity).toBeLessThanOrEqual(5);
  });

  test('a broken template stops the item as needs-fix with the field and position; after the fix a retry finishes it', async () => {
    const call = callgear.sim.addCall({ employeeId: 9001 });
    const p = pipeline();
    p.config.rules.incomingCalls.base.templates = { ...p.config.rules.incomingCalls.base.templates, source: '{{ campaign_name or "x" ' };
    await settle(p);
    const item = (await p.db.inbox.get(`call:${call.id}`))!;
    expect(item.state).toBe('needs-fix');
    expect(item.error).toMatchObject({ kind: 'template', template: { field: 'source', line: 1 } });
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(0);
    p.config.rules.incomingCalls.base.templates.source = '{{ campaign_name or "Телефония CallGear" }}';
    await p.inbox.retry([item.key]);
    await settle(p);
    expect((await p.db.inbox.get(item.key))!.state).toBe('done');
  });

  test('wrong AutoCRM credentials: needs-fix with the plain reason; nothing lost', async () => {
    callgear.sim.addCall({ employeeId: 9001 });
    const p = pipeline();
    autocrm.sim.setFaults({ unauthorizedAfter: 0 });
    await settle(p);
    const [item] = await p.db.inbox.toArray();
    expect(item).toMatchObject({ state: 'needs-fix', error: { kind: 'authentication', service: 'autocrm' } });
    autocrm.sim.setFaults({ unauthorizedAfter: null });
    await p.inbox.retry();
    await settle(p);
    expect((await p.db.inbox.toArray())[0]!.state).toBe('done');
  });

  test('a deferred lead (outside working hours) survives and is created at opening time', async () => {
    const lead = callgear.sim.addLead({ visitorPhone: '79995550011' });
    const p = pipeline();
    p.config.hours = { ...p.config.hours, onlyInWorkingHours: true, schedule: { zone: 'Europe/Moscow', days: [], from: '09:00', to: '18:00' } };
    p.config.hours.schedule.days = [((accountNow().weekday + 1) % 7) + 1]; // the day after tomorrow only
    await p.pollAll();
    await p.processor.drain({ owner: 'w1' });
    const deferred = (await p.db.inbox.get(`lead:${lead.id}`))!;
    expect(deferred).toMatchObject({ state: 'deferred', reason: { key: 'pipeline.reason.closedHours' } });
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(0);
    clock.offset = deferred.dueAt - Date.now() + 1_000;
    await p.processor.drain({ owner: 'w2' });
    expect((await p.db.inbox.get(`lead:${lead.id}`))!.state).toBe('done');
  });

  test('a row that appears late is caught by the overlap re-read; re-polls add nothing twice', async () => {
    callgear.sim.addCall({ employeeId: 9001 });
    const late = callgear.sim.addCall({ employeeId: 9002, late: true });
    const p = pipeline();
    await p.pollAll();
    expect(await p.db.inbox.count()).toBe(1);
    callgear.sim.reveal();
    clock.advance(1);
    await p.pollAll();
    await p.pollAll();
    expect(await p.db.inbox.count()).toBe(2);
    await settle(p);
    expect(await p.db.inbox.count()).toBe(2);
    expect((await p.db.inbox.get(`call:${late.id}`))!.state).toBe('done');
  });

  test('a dry run decides and renders with today’s rules and creates nothing', async () => {
    const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, scenarioId: 302, virtualNumber: '74953330000' });
    const p = pipeline();
    await p.pollAll();
    const item = (await p.db.inbox.get(`call:${call.id}`))!;
    const result = await dryRun({ db: p.db, inbox: p.inbox, autocrm: p.autocrm, renderer: nodeRenderer(), now: clock.now }, item, p.config, async () => 42);
    expect(result.plan.outcome).toMatchObject({ type: 'create', entity: 'serviceInquiry', responsibleId: 45 });
    expect(result.texts?.source).toBe('Сервис: +7 (495) 333-00-00');
    expect(autocrm.sim.created).toEqual([]);
    expect(await p.inbox.steps(item.key)).toEqual([]);
  });

  test('a long call or chat that started before the cursor is still read when it ends', async () => {
    const p = pipeline();
    await p.pollAll(); // cursors are now
    const chat = callgear.sim.addChat({ start: accountNow().minus({ minutes: 95 }), employeeId: 9001 }); // a 95-minute chat just ended
    const call = callgear.sim.addCall({ start: accountNow().minus({ minutes: 50 }), talkSeconds: 2900, employeeId: 9001 });
    clock.advance(1);
    await p.pollAll();
    expect(await p.db.inbox.get(`chat:${chat.id}`)).toBeDefined();
    expect(await p.db.inbox.get(`call:${call.id}`)).toBeDefined();
  });

  test('the cheap poll reads chat and lead reports only when something new arrived; calls every time', async () => {
    const p = pipeline();
    await p.pollAll();
    expect(await p.intake.changedKinds()).toEqual(['call']);
    callgear.sim.addLead({});
    expect(await p.intake.changedKinds()).toEqual(['call', 'lead']);
  });
});

describe('guarantees under faults, 300+ mixed communications', () => {
  test('5xx, 429 with Retry-After, timeouts after the work was done, limit_exceeded, re-polls: 0 lost, 0 duplicates', async () => {
    const ids = addMixed(320);
    autocrm.sim.setFaults({ error5xxRate: 0.3, rate429: 0.05, retryAfterSec: 1, timeoutRate: 0.02, timeoutMode: 'after', hangMs: 500, seed: 3 });
    callgear.sim.setFaults({ limitExceededRequests: 2 });
    const p = pipeline({ timeoutMs: 300 });
    await settle(p, 'faulty', 150);
    const events = autocrm.sim.createdOf('event').map((e) => (e.body as { caseId: number }).caseId);
    expect(events.filter((id, i) => events.indexOf(id) !== i)).toEqual([]);
    expect(new Set(events).size).toBe(autocrm.sim.createdOf('retailCase').length);
    await expectGuarantees([p], ids.length);
    const items = await p.db.inbox.toArray();
    expect(items.filter((i) => i.state === 'needs-fix')).toEqual([]);
    expect(items.some((i) => i.attempts > 1)).toBe(true);
  }, 180_000);

  test('a worker killed mid-step, several times: the next one resumes without repeating a completed create', async () => {
    const ids = addMixed(300, 9);
    const db = `kill-${Math.random()}`;
    for (let kill = 0; kill < 6; kill++) {
      const { wrap } = killable(15 + kill * 7, { reachServer: kill % 2 === 0 });
      const doomed = pipeline({ dbName: db, wrapAutocrm: wrap });
      await doomed.pollAll();
      expect(await drainOrAbandon(doomed, `doomed-${kill}`, 3_000)).toBe('abandoned');
      doomed.db.close();
      clock.advance(2); // past the lease
    }
    const survivor = pipeline({ dbName: db });
    await settle(survivor, 'survivor', 40);
    await expectGuarantees([survivor], ids.length);
  }, 180_000);

  test('two coordinators on one AutoCRM (a primary and a standby that takes over when the primary dies)', async () => {
    const ids = addMixed(300, 13);
    const { wrap } = killable(250);
    const primary = pipeline({ wrapAutocrm: wrap });
    const standby = pipeline({ installation: { standbyMinutes: 5 } });
    await primary.pollAll();
    await standby.pollAll();
    // Both run side by side. The primary takes the unowned items at once and the others after the
    // hand-over; it dies after 250 AutoCRM requests, and the standby, lagging 5 minutes, finishes the rest.
    await Promise.all([drainOrAbandon(primary, 'primary', 20_000), standby.processor.drain({ owner: 'standby-0' })]);
    clock.advance(16);
    await Promise.all([drainOrAbandon(primary, 'primary-2', 8_000), standby.processor.drain({ owner: 'standby-1' })]);
    clock.advance(5);
    await settle(standby, 'standby');
    const standbyItems = await standby.db.inbox.toArray();
    expect(standbyItems.filter((i: InboxItem) => isFoundByMarker(i.reason)).length).toBeGreaterThan(10);
    await expectGuarantees([standby], ids.length);
  }, 180_000);
});
