import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { CALLGEAR_KEYS } from '../sim/callgear/server';
import { useSimulators } from '../sim/use-simulators';
import { launchExtension, sendFromPage } from './harness';
import { useExtension } from './use-extension';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
const SHOTS = 'screenshots/options';
const SECTIONS = ['accounts', 'calls', 'chats', 'hours', 'users', 'installation', 'activity', 'share'] as const;

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const section = (page: Page, id: string) => page.getByRole('tab', { name: new RegExp(`^${id}$`) });

async function addAccount(page: Page, button: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByTestId(button).getByRole('button', { name: /Добавить аккаунт|Изменить/ }).click();
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name: /^(Добавить|Сохранить)$/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('an admin sets everything up, and sees a processed call in Activity', async () => {
  const page = await browser.openOptions('#installation');
  const autocrmOrigin = autocrm.server.url('sever.autocrm.ru');

  // The admin's browser holds the integration's keys: it becomes the coordinator first, on purpose.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('role-coordinator').click();
  await expect.poll(() => page.getByTestId('role-coordinator').isChecked()).toBe(true);
  await page.getByTestId('save-installation').click();
  await page.getByTestId('installation').getByRole('status').getByText('Сохранено').waitFor();
  await section(page, 'Аккаунты').click();

  // AutoCRM, first with a wrong password: the check says precisely what is wrong.
  await addAccount(page, 'account-autocrm', async (dialog) => {
    await dialog.getByLabel('Название').fill('Север');
    await dialog.getByLabel('Логин*').fill('integration');
    await dialog.getByLabel('Пароль*').fill('wrong-password');
    await dialog.getByRole('button', { name: 'Показать' }).click();
    await expect(dialog.getByLabel('Пароль*').getAttribute('type')).resolves.toBe('text');
    await dialog.getByLabel('AutoCRM URL*').fill(autocrmOrigin);
  });
  await page.getByTestId('check-autocrm').getByText('AutoCRM не принял логин и пароль').waitFor();
  await addAccount(page, 'account-autocrm', async (dialog) => {
    await expect(dialog.getByLabel('Пароль', { exact: true }).getAttribute('placeholder')).resolves.toContain('сохранён');
    await dialog.getByLabel('Пароль', { exact: true }).fill('integration-pass');
  });
  await page.getByTestId('check-autocrm').getByText('Подключено как API Интеграция. Видно автосалонов: 3.').waitFor();

  // CallGear: an IP that is not whitelisted is explained, then the connection works.
  callgear.sim.setFaults({ ipWhitelisted: false });
  await addAccount(page, 'account-callgear', async (dialog) => {
    await dialog.getByText('API-ключ', { exact: true }).first().waitFor();
    await dialog.getByLabel('API-ключ*').fill(CALLGEAR_KEYS.permanent);
    await dialog.getByText('Дополнительно').click();
    await dialog.getByLabel('Data API URL').fill(`${callgear.server.url('dataapi.callgear.com')}/v2.0`);
    await dialog.getByLabel('Call API URL').fill(`${callgear.server.url('callapi.callgear.com')}/v4.0`);
  });
  await page.getByTestId('check-callgear').getByText('Правила и настройки безопасности', { exact: false }).waitFor();
  callgear.sim.setFaults({ ipWhitelisted: true });
  await page.getByRole('button', { name: 'Проверить соединение с CallGear' }).click();
  await page.getByTestId('check-callgear').getByText('Подключено к аккаунту «Автохолдинг «Север»» (Europe/Moscow). Сотрудников: 4.').waitFor();
  await page.screenshot({ path: `${SHOTS}/ru-accounts.png`, fullPage: true });
  const stored = JSON.stringify(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts.list' })));
  expect(stored).not.toContain('integration-pass');
  expect(stored).not.toContain(CALLGEAR_KEYS.permanent);

  // This installation: a coordinator that is also Anna's browser; Anna is mapped to her employee.
  await page.reload();
  await section(page, 'Этот браузер').click();
  await page.getByTestId('installation-employee').selectOption({ label: 'Петрова Анна Викторовна' });
  // Technical settings sit under "Advanced", collapsed.
  await page.getByTestId('installation-advanced').locator('summary').click();
  await page.getByTestId('parallel-requests').fill('3');
  await page.getByTestId('save-installation').click();
  await page.getByTestId('installation').getByRole('status').getByText('Сохранено').waitFor();
  const saved = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'settings.get' }))) as { value: { installation: { parallelRequests: number; employeeId: number } } };
  expect(saved.value.installation).toMatchObject({ parallelRequests: 3, employeeId: 9001 });
  await section(page, 'Пользователи').click();
  await page.getByTestId('map-42').getByRole('combobox').selectOption({ label: 'Петрова Анна Викторовна' });
  await page.getByTestId('save-users').click();
  await page.getByTestId('users').getByRole('status').getByText('Сохранено').waitFor();

  // Rules: a base rule and two clarifying rules with conditions.
  await section(page, 'Звонки').click();
  const incoming = page.getByTestId('rules-incomingCalls');
  await incoming.getByTestId('incomingCalls-salon').selectOption({ label: 'Автосалон «Север»' });
  await incoming.getByTestId('incomingCalls-purpose').selectOption({ label: 'Покупка нового автомобиля' });
  await incoming.getByTestId('add-rule-incomingCalls').click();
  const first = incoming.getByTestId('clarifying-incomingCalls-0');
  await first.getByLabel('Название правила').fill('Сервисный IVR');
  await first.getByRole('button', { name: '+ условие' }).click();
  await first.getByTestId('condition').getByLabel('Поле').selectOption({ label: 'Сценарий (IVR)' });
  await first.getByTestId('condition').getByLabel('Значение').selectOption({ label: 'Входящие: сервис (IVR 2)' });
  await first.getByTestId('incomingCalls-c0-entity').selectOption({ label: 'Сервисное обращение' });
  await first.getByTestId('incomingCalls-c0-salon').selectOption({ label: 'Сервисный центр «Восток»' });
  await first.getByTestId('incomingCalls-c0-responsible').selectOption({ label: 'Орлов Дмитрий Павлович' });
  await incoming.getByTestId('add-rule-incomingCalls').click();
  const second = incoming.getByTestId('clarifying-incomingCalls-1');
  await second.getByLabel('Название правила').fill('Виджет или VK');
  await second.getByLabel('Выполняются').first().selectOption('or');
  await second.getByRole('button', { name: '+ условие' }).click();
  await second.getByRole('button', { name: '+ условие' }).click();
  const conditions = second.getByTestId('condition');
  await conditions.nth(0).getByLabel('Поле').selectOption({ label: 'Источник звонка / виджет' });
  await conditions.nth(0).getByLabel('Значение').selectOption({ label: 'Виджет «Сайтфон» (обратный звонок)' });
  await conditions.nth(1).getByLabel('Поле').selectOption({ label: 'UTM Source' });
  await conditions.nth(1).getByLabel('Значение').fill('vk');
  await expect(second.getByTestId('rule-sentence').textContent()).resolves.toBe('Если Источник звонка / виджет = Виджет «Сайтфон» (обратный звонок) или UTM Source = «vk» → ответственный — кто принял.');
  await expect(first.getByTestId('rule-sentence').textContent()).resolves.toBe('Если Сценарий (IVR) = «Входящие: сервис (IVR 2)» → сервисное обращение, автосалон «Сервисный центр «Восток»», ответственный «Орлов Дмитрий Павлович».');
  await second.getByRole('button', { name: 'Выше' }).click();
  await expect(incoming.getByTestId('clarifying-incomingCalls-0').getByTestId('rule-sentence').textContent()).resolves.toContain('Виджет');

  // A template with the picker and the preview.
  const source = incoming.getByTestId('template-incomingCalls-source');
  await source.locator('textarea').fill('{{ campaign_name or "Телефония" }} · ');
  await source.getByRole('button', { name: 'Вставить переменную' }).click();
  await source.getByRole('searchbox').fill('scenario_name');
  await source.getByRole('option').first().getByRole('button').click();
  await source.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(incoming.getByTestId('preview-incomingCalls-source').textContent()).resolves.toBe('Яндекс.Директ — Haval Jolion · Входящие: отдел продаж');
  await page.getByTestId('save-incomingCalls').click();
  await incoming.getByRole('status').getByText('Сохранено').waitFor();
  await page.screenshot({ path: `${SHOTS}/ru-calls.png`, fullPage: true });

  // Working hours, persisted.
  await section(page, 'Отложенное создание').click();
  await page.getByLabel('Создавать заявку только в рабочее время').check();
  await page.getByTestId('schedule-integration').getByLabel('До').fill('21:00');
  await page.getByTestId('save-hours').click();
  await page.getByTestId('hours').getByRole('status').getByText('Сохранено').waitFor();
  await page.reload();
  await expect(page.getByLabel('Создавать заявку только в рабочее время').isChecked()).resolves.toBe(true);
  await expect(page.getByTestId('schedule-integration').getByLabel('До').inputValue()).resolves.toBe('21:00');

  // Export and import the configuration; a broken file names its first wrong field.
  await section(page, 'Обмен настройками').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported).toContain('Сервисный IVR');
  expect(exported).not.toMatch(/integration-pass|cg-sim-permanent-key|password/);
  await page.getByTestId('import').setInputFiles(await download.path());
  await page.getByTestId('import-result').getByText('Настройки загружены').waitFor();
  const broken = JSON.parse(exported);
  broken.rules.incomingCalls.clarifying[0].fields.entity = 'deal';
  const brokenPath = join(tmpdir(), `broken-${Date.now()}.json`);
  writeFileSync(brokenPath, JSON.stringify(broken));
  await page.getByTestId('import').setInputFiles(brokenPath);
  await page.getByTestId('import-result').getByText('поле «Правила: Входящие звонки» — такое значение здесь недопустимо', { exact: false }).waitFor();

  // A call arrives in CallGear; after a poll it is in Activity with its inquiry linked.
  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79163334455' });
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'pipeline.run', poll: 'all' }));
  await section(page, 'Журнал').click();
  const row = page.getByTestId(`activity-call:${call.id}`);
  await row.getByText('Создано').waitFor({ timeout: 15_000 });
  const [inquiry] = autocrm.sim.createdOf('leads/request');
  await expect(row.getByTestId('entity-link').getAttribute('href')).resolves.toBe(`${autocrmOrigin}/requests/${inquiry!.id}`);
  expect(autocrm.sim.data.sources.find((s) => s.id === (inquiry!.body as { source_id: number }).source_id)?.name).toBe('Яндекс.Директ — Haval Jolion · Входящие: отдел продаж');
  await row.getByRole('button', { name: 'Ход обработки' }).click();
  await page.getByTestId('steps').getByText('Создание обращения', { exact: false }).waitFor();
  await row.getByRole('button', { name: 'Проверить правила' }).click();
  await page.getByTestId('dry-run').getByText('Создаём в AutoCRM: Обращение.').waitFor();
  await page.screenshot({ path: `${SHOTS}/ru-activity.png`, fullPage: true });

  for (const id of SECTIONS) {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#${id}`);
    await page.getByTestId(`panel-${id}`).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/ru-${id}.png`, fullPage: true });
  }
  await page.close();
}, 120_000);

test('a worksheet\'s brand and model by name; conditions the report cannot deliver are marked', async () => {
  const page = await browser.openOptions('#calls');
  const incoming = page.getByTestId('rules-incomingCalls');
  await incoming.getByTestId('incomingCalls-entity').selectOption({ label: 'Рабочий лист' });
  // Typing narrows the brands; the model list is the chosen brand's, without deleted models.
  await incoming.getByTestId('incomingCalls-brand-filter').fill('ki');
  await expect(incoming.getByTestId('incomingCalls-brand-select').locator('option').allTextContents()).resolves.toEqual(['— не выбрано —', 'Kia']);
  await incoming.getByTestId('incomingCalls-brand-select').selectOption({ label: 'Kia' });
  const models = await incoming.getByTestId('incomingCalls-model-select').locator('option').allTextContents();
  expect(models).toContain('Rio');
  expect(models).not.toContain('Spectra');
  expect(models).not.toContain('Camry');
  await incoming.getByTestId('incomingCalls-model-filter').fill('rio');
  await incoming.getByTestId('incomingCalls-model-select').selectOption({ label: 'Rio' });
  await page.getByTestId('save-incomingCalls').click();
  await incoming.getByText('Сохранено', { exact: true }).waitFor();
  await page.screenshot({ path: `${SHOTS}/ru-rules-brand-model.png`, fullPage: true });

  // Stored ids: known ones come back by name; an id the dictionary lacks is shown, not dropped.
  const rules = await sendFromPage<{ ok: true; value: Record<string, { base: object; clarifying: object[] }> }>(page, { type: 'rules.get' });
  expect(rules.value.incomingCalls!.base).toMatchObject({ entity: 'worksheet', brandId: 152, modelId: 19585 });
  const outgoing = { ...rules.value.outgoingCalls!, base: { ...rules.value.outgoingCalls!.base, entity: 'worksheet', brandId: 999, modelId: 888 } };
  await sendFromPage(page, { type: 'rules.save', kind: 'outgoingCalls', ruleSet: outgoing });
  // A chats rule testing the IVR scenario, which the chats report does not have.
  const scenario = { id: 'ivr', name: 'По сценарию', enabled: true, when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 5 }] }, fields: {} };
  await sendFromPage(page, { type: 'rules.save', kind: 'chats', ruleSet: { ...rules.value.chats!, clarifying: [scenario] } });
  await page.reload();
  await expect(incoming.getByTestId('incomingCalls-brand-select').inputValue()).resolves.toBe('152');
  await expect(incoming.getByTestId('incomingCalls-model-select').inputValue()).resolves.toBe('19585');
  const outgoingRules = page.getByTestId('rules-outgoingCalls');
  await expect(outgoingRules.getByTestId('outgoingCalls-brand-select').locator('option:checked').textContent()).resolves.toBe('#999 (нет в справочнике)');
  await expect(outgoingRules.getByTestId('outgoingCalls-model-select').locator('option:checked').textContent()).resolves.toBe('#888 (нет в справочнике)');

  await section(page, 'Чаты и заявки').click();
  const chats = page.getByTestId('rules-chats');
  await expect(chats.getByTestId('rules-undeliverable-chats').textContent()).resolves.toContain('По сценарию: Сценарий (IVR)');
  await chats.getByTestId('clarifying-chats-0').locator('summary').click();
  await chats.getByTestId('condition-undeliverable').waitFor();
  const offered = await chats.getByTestId('condition').getByLabel('Поле').locator('option').allTextContents();
  expect(offered).toContain('Канал чата');
  expect(offered.filter((o) => !o.startsWith('⚠'))).not.toContain('Сценарий (IVR)');
  await page.screenshot({ path: `${SHOTS}/ru-rules-undeliverable.png`, fullPage: true });
  await sendFromPage(page, { type: 'rules.save', kind: 'chats', ruleSet: rules.value.chats });
  await sendFromPage(page, { type: 'rules.save', kind: 'outgoingCalls', ruleSet: rules.value.outgoingCalls });
  await page.close();
}, 60_000);

test('every section reads in English too (same profile, English UI)', async () => {
  const dir = browser.userDataDir;
  await browser.close({ keepProfile: true });
  Object.assign(browser, await launchExtension({ userDataDir: dir, lang: 'en' }));
  const page = await browser.openOptions('#accounts');
  await page.getByRole('tab', { name: 'Calls' }).waitFor();
  await page.getByText('Connected', { exact: false }).first().waitFor().catch(() => undefined);
  for (const id of SECTIONS) {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#${id}`);
    await page.getByTestId(`panel-${id}`).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/en-${id}.png`, fullPage: true });
  }
  await expect(page.getByRole('tab', { name: 'Delayed creation' }).isVisible()).resolves.toBe(true);
  await page.close();
}, 60_000);
