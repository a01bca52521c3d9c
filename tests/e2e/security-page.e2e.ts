import { mkdirSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { askBackground, simulatorAccounts } from './harness';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';
import { overlay, SHADOW_HOST, testId } from './overlay';
import { nationalKey } from '@/lib/phone';
import { PAGE_LIMITS } from '@/lib/softphone/page-guard';

// What a script on the AutoCRM page (an XSS, a third-party script) can make the extension do.
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
let origin: string;
const SHOTS = 'screenshots/security-page';

const ask = <T>(message: unknown) => askBackground<T>(browser, message);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function crmPage(path: string, at = origin): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${at}${path}`);
  await page.locator(SHADOW_HOST).waitFor({ state: 'attached' });
  return page;
}

/** What a hostile page script posts: the softphone contract's exact shape (docs/softphone-events.md). */
function postSpoofed(page: Page, type: string, payloads: object[]): Promise<void> {
  return page.evaluate(
    ([t, list]) => {
      for (const payload of list) window.postMessage({ source: 'callgear-softphone', version: 1, type: t, payload }, location.origin);
    },
    [type, payloads] as const,
  );
}

const reportPolls = () => callgear.sim.log.filter((entry) => entry.method === 'get.calls_report').length;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  origin = autocrm.server.url('sever.autocrm.ru');
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
  await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, templates: { source: '{{ campaign_name or "Телефония" }}' } }, clarifying: [] } });
  await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна Викторовна' }] });
  // A coordinator that is also Anna's browser (an operator's installation would give up the integration keys).
  await ask({ type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 }, clickToCallNumber: '74952290000' } });
});

test('R2: the caller card is in a closed shadow root: on screen, yet a page script cannot read it', async () => {
  const page = await crmPage('/tasks/1');
  await postSpoofed(page, 'call.incoming', [{ call_session_id: 1, contact_phone_number: '79123456789', direction: 'in' }]);
  const cards = await overlay(page);
  await cards.waitFor(testId('incoming-card'), 'Иванов Сергей Петрович');
  expect(await cards.mode()).toBe('closed');
  await page.screenshot({ path: `${SHOTS}/closed-card.png` });

  const seenByPage = await page.evaluate((host) => {
    const element = document.querySelector(host);
    const openRoots = [...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter((r) => r !== null);
    const texts = [document.documentElement.textContent ?? '', ...openRoots.map((r) => r.textContent ?? '')].join('\n');
    return {
      host: element !== null,
      shadowRoot: element?.shadowRoot ?? null,
      cardFound: document.querySelector('[data-testid="incoming-card"]') !== null || openRoots.some((r) => r.querySelector('[data-testid]') !== null),
      clientName: texts.includes('Иванов'),
      inquiry: texts.includes('Обращение #123'),
    };
  }, SHADOW_HOST);
  expect(seenByPage).toEqual({ host: true, shadowRoot: null, cardFound: false, clientName: false, inquiry: false });
  await cards.close();
  await page.close();
});

test('R2/R4: 25 spoofed callers are looked up only a few at a time, and 300 spoofed call.ended cost at most two report polls', async () => {
  const page = await crmPage('/tasks/2');
  const cards = await overlay(page);
  const autocrmBefore = autocrm.sim.log.length;
  const numbers = Array.from({ length: 25 }, (_, i) => `7912000${String(i).padStart(4, '0')}`);
  await postSpoofed(page, 'call.incoming', numbers.map((contact, i) => ({ call_session_id: 100 + i, contact_phone_number: contact, direction: 'in' })));
  await sleep(3_000);
  const requests = autocrm.sim.log.slice(autocrmBefore);
  const searched = new Set(requests.flatMap((r) => [r.query.phone, r.query.clientPhone]).filter((v): v is string => v !== undefined).map((v) => nationalKey(v)));
  console.log(`25 spoofed callers: ${requests.length} AutoCRM requests for ${searched.size} numbers`);
  expect(searched.size).toBeLessThanOrEqual(PAGE_LIMITS.newNumbersPerMinute);
  expect(requests.length).toBeLessThanOrEqual(PAGE_LIMITS.newNumbersPerMinute * 12);
  // The card of the last spoofed caller says why it is empty.
  await cards.waitFor(testId('incoming-card'), 'слишком много разных номеров');

  const pollsBefore = reportPolls();
  await postSpoofed(page, 'call.ended', Array.from({ length: 300 }, (_, i) => ({ call_session_id: 1_000 + i, contact_phone_number: '79123456789', direction: 'in' })));
  await sleep(3_000);
  const burst = reportPolls() - pollsBefore;
  // The second poll, if any, comes at the end of the interval; the regular poll may add one more.
  await sleep(PAGE_LIMITS.pollIntervalMs + 1_000);
  const total = reportPolls() - pollsBefore;
  console.log(`300 spoofed call.ended: ${burst} report poll(s) at once, ${total} within ${(PAGE_LIMITS.pollIntervalMs + 4_000) / 1000} s`);
  expect(burst).toBeLessThanOrEqual(2);
  expect(total).toBeGreaterThanOrEqual(1);
  expect(total).toBeLessThanOrEqual(3);
  await cards.close();
  await page.close();
});

test('R3: a page script cannot click-to-call; a person can, but not a premium number', async () => {
  const page = await crmPage('/tasks/3');
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<p>Горячая линия 8 (903) 111-22-33</p><p>Платная линия 8 809 505-12-34</p>');
  });
  const ordinary = page.locator('[data-callgear-call="8 (903) 111-22-33"]');
  const premium = page.locator('[data-callgear-call="8 809 505-12-34"]');
  await ordinary.waitFor();
  await premium.waitFor();
  const cards = await overlay(page);
  const callsBefore = callgear.sim.employeeCalls.length;

  await page.evaluate(() => {
    const button = document.querySelector<HTMLElement>('[data-callgear-call="8 (903) 111-22-33"]')!;
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  });
  await sleep(1_500);
  expect(callgear.sim.employeeCalls.length).toBe(callsBefore);
  expect(await cards.count(testId('toast'))).toBe(0);

  await ordinary.click();
  await cards.waitFor(testId('toast'), 'CallGear звонит на ваш телефон');
  expect(callgear.sim.employeeCalls.length).toBe(callsBefore + 1);
  expect(callgear.sim.employeeCalls.at(-1)?.params).toMatchObject({ contact: '79031112233', employee: { id: 9001 } });

  await premium.click();
  await cards.waitFor(testId('toast'), 'платный номер');
  await page.screenshot({ path: `${SHOTS}/premium-refused.png` });
  expect(callgear.sim.employeeCalls.length).toBe(callsBefore + 1);
  await cards.close();
  await page.close();
});

test('R3: before AutoCRM is configured, no AutoCRM page starts a call', async () => {
  const accounts = await ask<{ id: string; kind: string }[]>({ type: 'accounts.list' });
  await ask({ type: 'accounts.delete', id: accounts.find((a) => a.kind === 'autocrm')!.id });
  const page = await crmPage('/worksheets/501', autocrm.server.url('evil.autocrm.ru'));
  const cards = await overlay(page);
  const callsBefore = callgear.sim.employeeCalls.length;
  await page.locator('[data-callgear-call]').first().click();
  // Before AutoCRM is configured the background answers no AutoCRM page at all (lib/sender.ts fails closed),
  // so the refusal comes before call.start's own check ("only after AutoCRM is connected").
  await cards.waitFor(testId('toast'), 'Unknown sender');
  expect(callgear.sim.employeeCalls.length).toBe(callsBefore);
  await cards.close();
  await page.close();
});
