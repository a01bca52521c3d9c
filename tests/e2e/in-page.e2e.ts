import { mkdirSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { askBackground, operatorAccounts, simulatorAccounts } from './harness';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';
import { overlay, testId } from './overlay';
import type { InboxItem } from '@/lib/db';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
let origin: string;
const SHOTS = 'screenshots/in-page';

type FakeSoftphone = {
  incomingCall(o: object): void;
  answer(): void;
  end(o?: object): void;
  chatFinished(o: object): void;
  widget: HTMLElement;
};

const ask = <T>(message: unknown) => askBackground<T>(browser, message);

async function crmPage(path = '/clients/1'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${origin}${path}`);
  await page.locator('callgear-autocrm').waitFor({ state: 'attached' });
  await page.waitForFunction(() => 'fakeSoftphone' in window);
  return page;
}


beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  origin = autocrm.server.url('sever.autocrm.ru');
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
  await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, templates: { source: '{{ campaign_name or "Телефония" }}' } }, clarifying: [] } });
  await ask({ type: 'rules.save', kind: 'chats', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 1, templates: { source: '{{ chat_channel_name }}' } }, clarifying: [] } });
  await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна Викторовна' }] });
  await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 }, clickToCallNumber: '74952290000' } });
  // An operator holds no integration key: Anna signs in as herself (AutoCRM user 42, CallGear employee 9001).
  for (const message of operatorAccounts(autocrm.server, callgear.server)) await ask(message);
});

test('the toggle shows and hides the softphone and remembers it', async () => {
  const page = await crmPage();
  const widget = page.locator('#callgear-softphone-widget');
  await expect(widget.isVisible()).resolves.toBe(false);
  let cards = await overlay(page);
  await cards.waitFor(`${testId('softphone-toggle')} [role="switch"]`);
  await cards.click(`${testId('softphone-toggle')} .cg-toggle__label`);
  await widget.waitFor({ state: 'visible' });
  await cards.close();
  await page.reload();
  await page.locator('callgear-autocrm').waitFor({ state: 'attached' });
  await widget.waitFor({ state: 'visible' });
  cards = await overlay(page);
  await cards.waitFor(`${testId('softphone-toggle')} [role="switch"]`);
  await expect(cards.checked(`${testId('softphone-toggle')} [role="switch"]`)).resolves.toBe(true);
  await page.screenshot({ path: `${SHOTS}/softphone-shown.png` });
  await cards.click(`${testId('softphone-toggle')} .cg-toggle__label`);
  await widget.waitFor({ state: 'hidden' });
  await cards.close();
  await page.close();
});

test('an incoming call shows the client and the open inquiry; after the call, the inquiry the pipeline created, with a working link', async () => {
  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79123456789' });
  const page = await crmPage();
  await page.evaluate(
    ([id, fn]) => (window as unknown as { fakeSoftphone: FakeSoftphone }).fakeSoftphone.incomingCall({ callSessionId: id, contact: '79123456789', via: fn }),
    [call.id, 'test'] as const,
  );
  const cards = await overlay(page);
  const card = testId('incoming-card');
  await cards.waitFor(`${card} ${testId('client-link')}`, 'Иванов Сергей Петрович');
  await expect(cards.text(`${card} ${testId('open-inquiries')}`)).resolves.toBe('Обращение #123 · В работе · Петрова Анна Викторовна');
  await expect(cards.text(`${card} ${testId('open-worksheets')}`)).resolves.toContain('Рабочий лист #501 · В работе');
  await page.screenshot({ path: `${SHOTS}/incoming-card.png` });
  await page.evaluate(() => {
    const p = (window as unknown as { fakeSoftphone: FakeSoftphone }).fakeSoftphone;
    p.answer();
    p.end();
  });
  const after = testId('after-card');
  await cards.waitFor(after, 'Создано');
  const created = autocrm.sim.createdOf('leads/request').find((c) => (c.body as { external_id: string }).external_id === `callgear:call:${call.id}`)!;
  const link = `${after} ${testId('created-link')}`;
  await expect(cards.attribute(link, 'href')).resolves.toBe(`${origin}/requests/${created.id}`);
  await page.screenshot({ path: `${SHOTS}/after-card.png` });
  const [entityPage] = await Promise.all([browser.context.waitForEvent('page'), cards.click(link)]);
  await cards.close();
  await entityPage.getByText(`Обращение №${created.id}`).waitFor();
  await entityPage.close();
  await page.close();
});

test('click-to-call on a number in the page reaches start.employee_call with this operator and number; errors are plain', async () => {
  const page = await crmPage('/worksheets/501');
  const button = page.locator('[data-callgear-call="+7 (912) 345-67-89"]');
  const cards = await overlay(page);
  await button.click();
  await cards.waitFor(testId('toast'), 'CallGear звонит на ваш телефон');
  expect(callgear.sim.employeeCalls.at(-1)?.params).toMatchObject({ first_call: 'employee', employee: { id: 9001 }, contact: '79123456789', virtual_phone_number: '74952290000' });
  // One button per number in the text (client phone, contact person, the number typed in a stage note).
  await expect(page.locator('[data-callgear-call]').count()).resolves.toBe(3);
  await page.screenshot({ path: `${SHOTS}/click-to-call.png` });

  await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9004, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } });
  try {
    await button.click();
    await cards.waitFor(testId('toast'), 'нет активного номера телефона');
  } finally {
    await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } });
  }
  await page.close();
});

test('a visitor name with HTML renders as text; two tabs relaying the same chat make one inbox item', async () => {
  const evil = '<img src=x onerror=alert(1)>';
  const chat = callgear.sim.addChat({ employeeId: 9001, visitorName: evil, visitorPhone: '79031112233' });
  const first = await crmPage();
  const second = await crmPage('/worksheets/501');
  let dialogs = 0;
  first.on('dialog', () => dialogs++);
  second.on('dialog', () => dialogs++);
  for (const page of [first, second]) {
    await page.evaluate(
      ([id, name]) => (window as unknown as { fakeSoftphone: FakeSoftphone }).fakeSoftphone.chatFinished({ chatId: id, visitorName: name, visitorPhone: '79031112233' }),
      [chat.id, evil] as const,
    );
  }
  const cards = await overlay(first);
  await cards.waitFor(testId('after-card'), `Чат: ${evil}`);
  await cards.waitFor(testId('after-card'), 'Создано');
  expect(await cards.count('img')).toBe(0);
  await cards.close();
  expect(dialogs).toBe(0);
  await first.screenshot({ path: `${SHOTS}/chat-card.png` });
  const items = await ask<InboxItem[]>({ type: 'inbox.list' });
  expect(items.filter((i) => i.key === `chat:${chat.id}`)).toHaveLength(1);
  expect(autocrm.sim.createdOf('leads/request').filter((c) => (c.body as { external_id: string }).external_id === `callgear:chat:${chat.id}`)).toHaveLength(1);
  await first.close();
  await second.close();
});

test('the popup shows connections, role, backlog and the toggle', async () => {
  const popup = await browser.openPopup();
  await popup.setViewportSize({ width: 360, height: 320 });
  await popup.getByTestId('popup-status').getByText('Роль: Оператор').waitFor();
  await expect(popup.getByTestId('popup-backlog').textContent()).resolves.toMatch(/^В очереди: \d+$/);
  await expect(popup.getByRole('switch').isVisible()).resolves.toBe(true);
  await popup.screenshot({ path: `${SHOTS}/popup.png` });
  await popup.close();
});
