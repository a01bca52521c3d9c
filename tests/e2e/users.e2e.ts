import { mkdirSync } from 'node:fs';
import { DateTime } from 'luxon';
import { beforeAll, expect, test } from 'vitest';
import { askBackground, sendFromPage, simulatorAccounts } from './harness';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();

beforeAll(async () => {
  mkdirSync('screenshots/options', { recursive: true });
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await askBackground(browser, message);
});

test('"sync now" from the options page shows the progress, the results and the mapping', async () => {
  // A slower CallGear makes the progress visible while it runs.
  callgear.sim.setFaults({ latencyMs: 150 });
  const page = await browser.openOptions('#users');
  await page.getByTestId('map-45').waitFor();
  await page.getByTestId('sync-now').click();
  // Nothing is written before the admin confirms the preview; the integration's own account is left out.
  await page.getByTestId('preview-row-45').getByText('создать').waitFor();
  await expect(page.getByTestId('preview-row-1').textContent()).resolves.toContain('не синхронизируется');
  await page.getByTestId('sync-apply').click();
  await page.getByTestId('sync-progress').getByRole('progressbar').waitFor();
  await page.getByTestId('sync-progress').getByText('Готово.').waitFor({ timeout: 20_000 });
  await expect(page.getByTestId('sync-progress').textContent()).resolves.toContain('5 из 5 · создано 1 · обновлено 1 · пропущено 3 · ошибок 0');
  await expect(page.getByTestId('sync-row-45').textContent()).resolves.toContain('Орлов Дмитрий Павлович');
  await expect(page.getByTestId('sync-row-45').textContent()).resolves.toContain('создан');
  await expect(page.getByTestId('sync-row-44').textContent()).resolves.toContain('изменено: отчество');
  const orlov = callgear.sim.employees.find((e) => e.last_name === 'Орлов')!;
  await page.reload(); // the mapping and the last run survive closing the page
  await page.getByTestId('sync-progress').getByText('Готово.').waitFor();
  await page.getByTestId('map-45').getByRole('combobox').waitFor();
  // The employees' list arrives with the dictionaries (brands and models too), which may be after the saved pairs.
  await expect.poll(() => page.getByTestId('map-45').getByRole('combobox').inputValue(), { timeout: 15_000 }).toBe(String(orlov.id));
  await expect.poll(() => page.getByTestId('map-42').getByRole('combobox').inputValue()).toBe('9001');
  await page.screenshot({ path: 'screenshots/options/ru-users-synced.png', fullPage: true });
  callgear.sim.setFaults({ latencyMs: 0 });
  await page.close();
});

test('personal managers: switched on in the options page, a processed lead gives its contact the responsible', async () => {
  const page = await browser.openOptions('#users');
  await page.getByTestId('pm-enabled').check();
  await page.getByTestId('personal-managers').getByText('Сохранено').waitFor();
  // Leads go to AutoCRM user 43, whom the sync above mapped to CallGear employee 9002.
  await sendFromPage(page, { type: 'rules.save', kind: 'leads', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 1, responsibleId: 43, templates: { source: '{{ site_domain_name }}' } }, clarifying: [] } });
  callgear.sim.addLead({ visitorPhone: '79035554433', visitorName: 'Мария Иванова' }); // contact 7002, no manager yet
  callgear.sim.addLead({ visitorPhone: '79261112233', visitorName: 'Сергей Морозов' }); // no contact yet
  await sendFromPage(page, { type: 'pipeline.run', poll: 'all' });
  await page.getByTestId('pm-row-79035554433').getByText('готово').waitFor({ timeout: 15_000 });
  await page.getByTestId('pm-row-79261112233').getByText('готово').waitFor();
  await expect(page.getByTestId('pm-counts').textContent()).resolves.toBe('Ждут: 0 · готово: 2 · пропущено: 0 · ошибок: 0');
  expect(callgear.sim.contacts.find((c) => c.id === 7002)).toMatchObject({ personal_manager_id: 9002, phone_numbers: ['74951112233', '79035554433'] });
  expect(callgear.sim.contacts.find((c) => (c.phone_numbers as string[]).includes('79261112233'))).toMatchObject({ last_name: 'Сергей Морозов', personal_manager_id: 9002 });
  await page.getByTestId('personal-managers').screenshot({ path: 'screenshots/options/ru-personal-managers.png' });
  await page.reload();
  await expect(page.getByTestId('pm-enabled').isChecked()).resolves.toBe(true);
  await page.close();
});

test('one sync at a time; a sync cut off with its worker is finished by the next one; the nightly alarm', async () => {
  callgear.sim.reset(); // Орлов and the second new employee are gone again: the run has creates to do
  callgear.sim.setFaults({ latencyMs: 400 });
  const page = await browser.openOptions('#users');
  const started = await sendFromPage<{ ok: boolean; value: { status: string } }>(page, { type: 'userSync.start' });
  expect(started).toMatchObject({ ok: true, value: { status: 'running' } });
  const second = await sendFromPage<{ ok: boolean; error: { message: string } }>(page, { type: 'userSync.start' });
  expect(second).toMatchObject({ ok: false, error: { message: expect.stringContaining('уже идёт') } });

  // Stop the worker in the middle of the run; the next message wakes a new one, which finishes it.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  callgear.sim.setFaults({ latencyMs: 0 });
  await page.reload();
  await page.getByTestId('sync-progress').getByText('Готово.').waitFor({ timeout: 20_000 });
  expect(callgear.sim.employees.filter((e) => e.last_name === 'Орлов')).toHaveLength(1);
  expect(callgear.sim.employees).toHaveLength(5); // the integration's own AutoCRM account (user 1) is left out

  // Nightly at 03:30 in the dealership's zone (Moscow by default), on this primary coordinator.
  const nightly = page.getByTestId('users');
  await nightly.getByRole('checkbox', { name: 'Синхронизировать каждую ночь в' }).check();
  const time = nightly.getByLabel('Время', { exact: true });
  await time.fill('03:30');
  await time.locator('..').getByRole('button', { name: 'Сохранить' }).click();
  const worker = await browser.serviceWorker();
  const scheduled = await poll(() => worker.evaluate(() => chrome.alarms.get('callgear-user-sync-nightly').then((a) => a?.scheduledTime ?? null)));
  const now = DateTime.now().setZone('Europe/Moscow');
  let next = now.set({ hour: 3, minute: 30, second: 0, millisecond: 0 });
  if (next <= now) next = next.plus({ days: 1 });
  expect(scheduled).toBe(next.toMillis());
  await page.close();
});

async function poll<T>(read: () => Promise<T | null>): Promise<T | null> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}
