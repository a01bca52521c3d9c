import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionBrowser } from './harness';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import { CALLGEAR_KEYS, startCallGearSim, type CallGearSim } from '../sim/callgear/server';
import type { RunningServer } from '../sim/serve';

let browser: ExtensionBrowser;
let autocrm: { sim: AutocrmSim; server: RunningServer };
let callgear: { sim: CallGearSim; server: RunningServer };

beforeAll(async () => {
  mkdirSync('screenshots/options', { recursive: true });
  autocrm = await startAutocrmSim({ tls: true });
  callgear = await startCallGearSim({ tls: true });
  browser = await launchExtension();
  const page = await browser.openOptions();
  await sendFromPage(page, { type: 'accounts.save', account: { kind: 'autocrm', name: 'Север', url: autocrm.server.url('sever.autocrm.ru'), auth: 'bearer', secret: 'sim-key-integration' } });
  await sendFromPage(page, { type: 'accounts.save', account: { kind: 'callgear', name: 'CallGear', brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent, dataApiUrl: `${callgear.server.url('dataapi.callgear.com')}/v2.0`, callApiUrl: `${callgear.server.url('callapi.callgear.com')}/v4.0` } });
  await page.close();
});
afterAll(async () => {
  await browser?.close();
  await autocrm?.server.close();
  await callgear?.server.close();
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
