import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionBrowser } from './harness';
import type { Reply } from '@/lib/messages';
import type { RenderResult } from '@/lib/templates/render-protocol';

let browser: ExtensionBrowser;
const SHOTS = 'screenshots/e2e';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchExtension();
});
afterAll(() => browser?.close());

test('the options page edits a template with the picker, previews it in its own sandbox, lints it, saves it', async () => {
  const page = await browser.openOptions();
  const field = page.getByTestId('template-incomingCalls-source');
  const input = field.locator('textarea');
  await expect(input.inputValue()).resolves.toBe('{{ campaign_name or "Телефония CallGear" }}');

  await input.fill('{{ campaign_name or "Сайт" }} / ');
  await field.getByRole('button', { name: 'Вставить переменную' }).click();
  await field.getByRole('searchbox', { name: 'Найти переменную' }).fill('utm_camp');
  await field.getByRole('option').filter({ hasText: 'UTM Campaign' }).getByRole('button').first().click();
  await expect(input.inputValue()).resolves.toBe('{{ campaign_name or "Сайт" }} / {{ utm_campaign }}');

  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('preview-incomingCalls-source').textContent()).resolves.toBe('Яндекс.Директ — Haval Jolion / haval_jolion_2026');
  await page.screenshot({ path: `${SHOTS}/options-template-preview.png`, fullPage: true });

  await input.fill('{{ campaign_name or }}');
  await expect(page.getByTestId('lint-error-incomingCalls-source').textContent()).resolves.toMatch(/^Строка 1, позиция \d+: unexpected token/);
  await input.fill('{{ campaing_name }}');
  await field.getByText('Переменной «campaing_name» нет у этого вида коммуникаций: будет пусто.').waitFor();

  // A template that would run for seconds is stopped within its budget, and the next preview works.
  await input.fill('{% for a in range(9000) %}{% for b in range(9000) %}{% endfor %}{% endfor %}x');
  const started = Date.now();
  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('preview-incomingCalls-source').textContent()).resolves.toMatch(/took longer than 250 ms/);
  expect(Date.now() - started).toBeLessThan(3_000);
  await input.fill('{{ utm_source | upper }}');
  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('preview-incomingCalls-source').textContent()).resolves.toBe('YANDEX');

  await page.getByTestId('save-incomingCalls').click();
  await page.getByTestId('rules-incomingCalls').getByRole('status').getByText('Сохранено').waitFor();
  const rules = await sendFromPage<Reply<{ incomingCalls: { base: { templates: { source: string } } } }>>(page, { type: 'rules.get' });
  expect(rules.ok && rules.value.incomingCalls.base.templates.source).toBe('{{ utm_source | upper }}');

  await input.fill('что-то другое');
  await field.getByRole('button', { name: 'Вернуть сохранённое' }).click();
  await expect(input.inputValue()).resolves.toBe('{{ utm_source | upper }}');
  await field.getByRole('button', { name: 'По умолчанию' }).click();
  await expect(input.inputValue()).resolves.toBe('{{ campaign_name or "Телефония CallGear" }}');
  await page.close();
});

test('a template cannot reach anything useful: escapes are refused, and the sandbox has no extension APIs or storage', async () => {
  const page = await browser.openOptions();
  const escape = await sendFromPage<Reply<RenderResult>>(page, { type: 'render', template: '{{ range.constructor("return typeof chrome")() }}', context: {} });
  expect(escape).toMatchObject({ ok: true, value: { ok: false, error: { message: expect.stringContaining('"constructor" is not available') } } });
  await page.close();

  // The sandbox page itself, opened directly: an opaque (null) security origin without chrome.runtime, storage or cookies.
  const sandbox = await browser.context.newPage();
  await sandbox.goto(`chrome-extension://${browser.extensionId}/templates.html`);
  const environment = await sandbox.evaluate(async () => {
    const g = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown; id?: unknown }; storage?: unknown } };
    let idb = 'open';
    try {
      await new Promise((resolve, reject) => {
        const request = indexedDB.open('callgear-autocrm');
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });
    } catch (error) {
      idb = `blocked: ${(error as Error).name}`;
    }
    let cookies = 'readable';
    try {
      void document.cookie;
    } catch (error) {
      cookies = `blocked: ${(error as Error).name}`;
    }
    return { origin: self.origin, runtime: typeof g.chrome?.runtime?.sendMessage, storage: typeof g.chrome?.storage, idb, cookies };
  });
  expect(environment).toEqual({ origin: 'null', runtime: 'undefined', storage: 'undefined', idb: expect.stringMatching(/^blocked/), cookies: expect.stringMatching(/^blocked/) });
  await sandbox.close();
});
