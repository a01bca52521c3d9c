import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { askBackground, launchExtension, sendFromPage, simulatorAccounts } from './harness';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
const SHOTS = 'screenshots/first-day';
const SIZES = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }] as const;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await askBackground(browser, message);
});

async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png`, fullPage: true });
  }
  await page.setViewportSize(SIZES[0]);
}

let callKey = '';
let leadKey = '';

test('the Журнал reads as a dealership speaks: names, plain kinds, a timeline, and the dry run says the row’s reason', async () => {
  const page = await browser.openOptions('#activity');
  // This browser is the operator's who takes the call (CallGear employee 9001, Анна Петрова).
  await sendFromPage(page, { type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } });
  await sendFromPage(page, { type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 1, responsibleId: 43, templates: { source: 'Входящий звонок' } }, clarifying: [] } });
  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79163334455' });
  const lead = callgear.sim.addCall({ employeeId: 9001, direction: 'out', contact: '79035554433' }); // the default outgoing rule has no dealership
  callKey = `call:${call.id}`;
  leadKey = `call:${lead.id}`;
  await sendFromPage(page, { type: 'pipeline.run', poll: 'all' });
  const callRow = page.getByTestId(`activity-${callKey}`);
  const leadRow = page.getByTestId(`activity-${leadKey}`);
  await callRow.getByText('Создано').waitFor({ timeout: 20_000 }).catch(async (e) => {
    await page.screenshot({ path: `${SHOTS}/debug-journal.png`, fullPage: true });
    throw e;
  });
  await leadRow.getByTestId('row-reason').waitFor({ timeout: 20_000 });
  await expect(callRow.locator('td').nth(1).textContent()).resolves.toBe('Входящий звонок');
  await expect(callRow.getByTestId('entity-link').getAttribute('class')).resolves.toContain('cg-link-button');

  // The timeline: what happened and its result, no JSON; people by name.
  await callRow.getByRole('button', { name: 'Ход обработки' }).click();
  const steps = page.getByTestId('steps');
  await steps.getByText('Применено правило: базовое правило').waitFor();
  await page.getByText('Ответственный из правила: Смирнов Игорь Олегович.').waitFor();
  await steps.getByText('Создано в AutoCRM').first().waitFor();
  expect(await steps.textContent()).not.toMatch(/[{}"]/);

  // The dry run ends with the very reason the row shows.
  await leadRow.getByRole('button', { name: 'Проверить правила' }).click();
  const outcome = page.getByTestId('dry-run-outcome');
  await outcome.waitFor({ timeout: 15_000 });
  await expect(outcome.textContent()).resolves.toBe(await leadRow.getByTestId('row-reason').textContent());

  const journal = (await page.getByTestId('activity').textContent()) ?? '';
  expect(journal).not.toMatch(/incomingCalls|установк|\(Europe\/Moscow\)|#9001|#43\b/);

  // The filters ask the worker for matching rows: by number (as typed), kind, state and day.
  const filters = page.locator('.cg-journal-filters');
  const both = async (call: 'attached' | 'detached', lead: 'attached' | 'detached') => {
    await callRow.waitFor({ state: call });
    await leadRow.waitFor({ state: lead });
  };
  await filters.getByLabel('Номер телефона').fill('+7 903 555-44-33');
  await both('detached', 'attached');
  await filters.getByLabel('Номер телефона').fill('');
  await both('attached', 'attached');
  await filters.getByLabel('Вид').selectOption('chat');
  await page.getByText('Пока ничего').waitFor();
  await filters.getByLabel('Вид').selectOption('');
  await filters.getByLabel('Состояние').selectOption('done');
  await both('attached', 'detached');
  await filters.getByLabel('Состояние').selectOption('');
  await filters.getByLabel('Дата').fill('2020-01-01');
  await both('detached', 'detached');
  await filters.getByLabel('Дата').fill(String(call.start_time).slice(0, 10));
  await both('attached', 'attached');
  await filters.getByLabel('Дата').fill('');

  // Filters on one line at 1280 px.
  const boxes = await page.locator('.cg-journal-filters > *').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, right: r.right })));
  expect(Math.max(...boxes.map((b) => b.top))).toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
  expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(1280);
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(1280);
  await shoot(page, 'ru-journal');
  await page.close();
}, 90_000);

test('user sync shows what will change, per user with the reason, and writes nothing before «Применить»', async () => {
  const before = callgear.sim.employees.length;
  const page = await browser.openOptions('#users');
  await page.getByTestId('map-45').waitFor();
  await expect(page.getByTestId('users').getByText('Включить в синхронизацию уволенных и заблокированных').count()).resolves.toBe(1);
  await page.getByTestId('include-fired').check();
  await page.getByTestId('sync-now').click();
  const preview = page.getByTestId('sync-preview');
  await page.getByTestId('preview-row-45').waitFor();
  await expect(page.getByTestId('preview-row-45').textContent()).resolves.toContain('новый: Орлов Дмитрий Павлович');
  await expect(page.getByTestId('preview-row-1').textContent()).resolves.toContain('техническая учётная запись');
  await expect(page.getByTestId('preview-row-46').textContent()).resolves.toContain('уволен в AutoCRM');
  expect(callgear.sim.employees).toHaveLength(before);
  await shoot(page, 'ru-users-preview');
  await preview.getByRole('button', { name: 'Отмена' }).click();
  await preview.waitFor({ state: 'detached' });
  expect(callgear.sim.employees).toHaveLength(before);
  await page.close();
}, 60_000);

test('the same screens in English', async () => {
  const dir = browser.userDataDir;
  await browser.close({ keepProfile: true });
  Object.assign(browser, await launchExtension({ userDataDir: dir, lang: 'en' }));
  const page = await browser.openOptions('#activity');
  const callRow = page.getByTestId(`activity-${callKey}`);
  await callRow.waitFor({ timeout: 15_000 });
  await expect(callRow.locator('td').nth(1).textContent()).resolves.toBe('Incoming call');
  await callRow.getByRole('button', { name: 'How it went' }).click();
  await page.getByTestId('steps').getByText('Rule applied', { exact: false }).waitFor();
  await page.getByTestId(`activity-${leadKey}`).getByRole('button', { name: 'Dry run' }).click();
  await page.getByTestId('dry-run-outcome').waitFor({ timeout: 15_000 });
  await shoot(page, 'en-journal');
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#users`);
  await page.getByTestId('sync-now').click();
  await page.getByTestId('preview-row-45').waitFor({ timeout: 15_000 });
  await expect(page.getByTestId('preview-row-1').textContent()).resolves.toContain('technical account');
  await shoot(page, 'en-users-preview');
  await page.close();
}, 90_000);

test('the Журнал shows its newest hundred first, and «Show more» brings the next hundred from the worker', async () => {
  const page = await browser.openOptions('#activity');
  // Outgoing calls under the default rule (no dealership): read in and stopped at once, no AutoCRM request.
  for (let i = 0; i < 120; i++) callgear.sim.addCall({ employeeId: 9001, direction: 'out', contact: `7903600${String(1000 + i)}` });
  await sendFromPage(page, { type: 'pipeline.run', poll: 'all' });
  const rows = page.locator('tbody tr[data-testid^="activity-"]');
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(100);
  await page.getByRole('button', { name: 'Show more' }).click(); // this browser speaks English since the test before
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(120); // every row there is: 120 plus the earlier tests'
  await expect(page.getByTestId('journal-more').count()).resolves.toBe(0); // nothing more to show
  await page.close();
}, 60_000);
