import { mkdirSync } from 'node:fs';
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
  await page.getByTestId('sync-progress').getByRole('progressbar').waitFor();
  await page.getByTestId('sync-progress').getByText('Готово.').waitFor({ timeout: 20_000 });
  await expect(page.getByTestId('sync-progress').textContent()).resolves.toContain('5 из 5 · создано 2 · обновлено 1 · пропущено 2 · ошибок 0');
  await expect(page.getByTestId('sync-row-45').textContent()).resolves.toContain('создан');
  await expect(page.getByTestId('sync-row-44').textContent()).resolves.toContain('изменено: отчество');
  const orlov = callgear.sim.employees.find((e) => e.last_name === 'Орлов')!;
  await page.reload(); // the mapping and the last run survive closing the page
  await page.getByTestId('sync-progress').getByText('Готово.').waitFor();
  await page.getByTestId('map-45').getByRole('combobox').waitFor();
  await expect(page.getByTestId('map-45').getByRole('combobox').inputValue()).resolves.toBe(String(orlov.id));
  await expect(page.getByTestId('map-42').getByRole('combobox').inputValue()).resolves.toBe('9001');
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
