import { expect, test } from 'vitest';
import { ru } from '../tools/locale-words';
import { askBackground, operatorAccounts, simulatorAccounts } from './harness';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';
import type { InboxItem, StepRecord } from '@/lib/db';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();


const ask = <T>(message: unknown) => askBackground<T>(browser, message);

async function waitFor<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a call added to CallGear becomes an inquiry in AutoCRM, rendered in the service worker, triggered by the softphone', async () => {
  const autocrmOrigin = autocrm.server.url('sever.autocrm.ru');
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
  await ask({
    type: 'rules.save',
    kind: 'incomingCalls',
    ruleSet: {
      base: {
        entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: null,
        templates: { source: '{{ campaign_name or "Телефония CallGear" }}', subSource: '{{ utm_campaign | upper }}', comment: 'Звонок с {{ client_phone }}, разговор {{ talk_duration_mmss }}' },
      },
      clarifying: [],
    },
  });
  await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна' }] });
  // This browser is Anna's: an operator installation processes the calls her employee took.
  await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } });
  // An operator holds no integration key (becoming one removed them): Anna signs in as herself.
  for (const message of operatorAccounts(autocrm.server, callgear.server)) await ask(message);
  const accounts = await ask<{ hasSecret: boolean; identity: string; settings: Record<string, string> }[]>({ type: 'accounts.list' });
  expect(accounts.every((a) => a.hasSecret && a.identity === 'personal' && !JSON.stringify(a).includes('sim-key-integration'))).toBe(true);

  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79161234567' });
  // The operator's softphone says the call ended: the content script relays it and the pipeline polls at once.
  const crm = await browser.context.newPage();
  await crm.goto(`${autocrmOrigin}/clients/1`);
  await crm.locator('callgear-autocrm').waitFor({ state: 'attached' });
  await crm.waitForFunction(() => 'fakeSoftphone' in window);
  await crm.evaluate((id) => {
    const phone = (window as unknown as { fakeSoftphone: { incomingCall(o: object): void; answer(): void; end(): void } }).fakeSoftphone;
    phone.incomingCall({ callSessionId: id, contact: '79161234567' });
    phone.answer();
    phone.end();
  }, call.id);

  const created = await waitFor(() => autocrm.sim.createdOf('leads/request'), (c) => c.length > 0);
  expect(created).toHaveLength(1);
  const body = created[0]!.body as Record<string, unknown>;
  expect(body).toMatchObject({ salon_id: 1, type: 5, assignee_id: 42, phone: '+79161234567', external_id: `callgear:call:${call.id}`, comment: 'Звонок с +7 (916) 123-45-67, разговор 03:07' });
  expect(autocrm.sim.data.sources.find((s) => s.id === body.source_id)?.name).toBe('Яндекс.Директ — Haval Jolion');
  expect(autocrm.sim.data.sources2.find((s) => s.id === body.source2_id)?.name).toBe('HAVAL_JOLION_2026');
  expect(autocrm.sim.createdOf('call')[0]?.body).toMatchObject({ record: call.full_record_file_link });

  const items = await waitFor(() => ask<InboxItem[]>({ type: 'inbox.list' }), (i) => i[0]?.state === 'done');
  expect(items[0]).toMatchObject({ key: `call:${call.id}`, state: 'done', created: [{ entity: 'inquiry', url: `${autocrmOrigin}/requests/${created[0]!.id}` }] });
  // The explanation travels as phrases: worded here from _locales, with the responsible as a reference to user 42.
  const explanation = items[0]!.plan!.explanation;
  expect(explanation.map((line) => ru(line))).toEqual(expect.arrayContaining([expect.stringMatching(/^Ответственный — сотрудник, принявший обращение: /)]));
  expect(JSON.stringify(explanation)).toContain('{"user":42}');
  const steps = await ask<StepRecord[]>({ type: 'inbox.steps', key: `call:${call.id}` });
  expect(steps.map((s) => s.step)).toEqual(expect.arrayContaining(['decide', 'render', 'request', 'done']));

  const status = await ask<{ counts: Record<string, number>; lastPoll: { ok: boolean }; pointsToday: number }>({ type: 'status' });
  expect(status).toMatchObject({ role: 'operator', counts: { done: 1 } });
  expect(status.lastPoll.ok).toBe(true);
  expect(status.pointsToday).toBeGreaterThan(0);
  await crm.close();
});

test('a softphone event from a page that is not the configured AutoCRM is refused', async () => {
  const other = await browser.context.newPage();
  await other.goto(`${autocrm.server.url('other-dealer.autocrm.ru')}/clients/1`);
  await other.locator('callgear-autocrm').waitFor({ state: 'attached' });
  const before = callgear.sim.log.length;
  await other.evaluate(() => {
    const phone = (window as unknown as { fakeSoftphone: { incomingCall(o: object): void; end(): void } }).fakeSoftphone;
    phone.incomingCall({ callSessionId: 1, contact: '79161234567' });
    phone.end();
  });
  await new Promise((r) => setTimeout(r, 1_500));
  // The background refused the sender (not the configured origin), so no poll reached CallGear.
  expect(callgear.sim.log.length).toBe(before);
  await other.close();
});
