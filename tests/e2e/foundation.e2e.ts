import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_DIR, launchExtension, sendFromPage, type ExtensionBrowser } from './harness';
import { serve, type RunningServer } from '../sim/serve';
import { servePage } from '../sim/autocrm/pages';
import type { Reply, StatusResponse } from '@/lib/messages';
import type { RenderResult } from '@/lib/templates/render-protocol';
import { overlay, testId } from './overlay';

let browser: ExtensionBrowser;
let site: RunningServer;

beforeAll(async () => {
  site = await serve((req, res) => {
    if (!servePage(req, res)) {
      res.writeHead(404);
      res.end();
    }
  }, { tls: true });
  browser = await launchExtension();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const render = async (template: string, context: Record<string, unknown>) => {
  const page = await browser.openOptions();
  try {
    return await sendFromPage<Reply<RenderResult>>(page, { type: 'render', template, context });
  } finally {
    await page.close();
  }
};

describe('options page', () => {
  test('renders the product tabs and the connection state from the background', async () => {
    const page = await browser.openOptions('#calls');
    await expect(page.getByRole('tab', { name: 'Звонки' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByTestId('panel-calls').textContent()).resolves.toContain('входящих и исходящих звонков');
    await page.getByRole('tab', { name: 'Чаты и заявки' }).click();
    await expect(page.getByTestId('panel-chats').textContent()).resolves.toContain('заявок с сайта');
    await page.getByTestId('connection-state').getByText('AutoCRM: аккаунт не добавлен').waitFor();
    expect(page.url()).toMatch(/#chats$/);
    await page.close();
  });
});

describe('content script', () => {
  test('mounts its Shadow-DOM root on an AutoCRM page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url('demo.autocrm.ru')}/clients/1`);
    const host = page.locator('callgear-autocrm');
    await host.waitFor({ state: 'attached', timeout: 10_000 });
    // Closed: the page sees no shadow root; the DevTools protocol (tests/e2e/overlay.ts) does.
    expect(await host.evaluate((el) => el.shadowRoot)).toBeNull();
    const cards = await overlay(page);
    expect(await cards.mode()).toBe('closed');
    await expect(cards.waitFor(testId('softphone-toggle'))).resolves.toContain('Показать софтфон');
    await cards.close();
    const inLightDom = await page.evaluate(() => document.querySelector('[data-testid="softphone-toggle"]'));
    expect(inLightDom).toBeNull();
    await page.close();
  });

  test('stays out of other sites', async () => {
    const control = await browser.context.newPage();
    await control.goto(`${site.url('demo.autocrm.ru')}/worksheets/501`);
    await control.locator('callgear-autocrm').waitFor({ state: 'attached', timeout: 10_000 });

    const other = await browser.context.newPage();
    await other.goto(`${site.url('crm.example.test')}/clients/1`);
    await other.waitForLoadState('load');
    await other.waitForTimeout(1_000);
    await expect(other.locator('callgear-autocrm').count()).resolves.toBe(0);
    await control.close();
    await other.close();
  });
});

describe('template rendering in the service worker', () => {
  test('renders a template with a default for a missing value', async () => {
    const template = '{{ campaign_name or "Дефолтный источник" }}';
    await expect(render(template, { campaign_name: null })).resolves.toEqual({ ok: true, value: { ok: true, text: 'Дефолтный источник' } });
    await expect(render(template, { campaign_name: 'Яндекс.Директ' })).resolves.toEqual({ ok: true, value: { ok: true, text: 'Яндекс.Директ' } });
  });

  test('a syntax error comes back as a clear error with its position, not a hang', async () => {
    const started = Date.now();
    const reply = await render('{{ utm_source }} / {{ utm_campaign ', {});
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply.ok).toBe(true);
    const result = reply.ok ? reply.value : null;
    expect(result).toMatchObject({ ok: false, error: { kind: 'syntax', key: expect.stringMatching(/^template\.error\./), line: 1 } });
  });

  test('a template that would run for minutes stops on its fuel, and the next render works', async () => {
    const heavy = '{% for a in range(9000) %}{% for b in range(9000) %}{% endfor %}{% endfor %}done';
    // Stopped by its step budget, not a clock: the same error every time, whatever the machine's load.
    const reply = await render(heavy, {});
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'timeout', key: 'template.error.tooMuchWork' } } });
    await expect(render(heavy, {})).resolves.toEqual(reply);
    await expect(render('{{ a ~ "-" ~ b }}', { a: 'x', b: 'y' })).resolves.toEqual({ ok: true, value: { ok: true, text: 'x-y' } });
  });
});

describe('service worker', () => {
  test('answers a typed status message', async () => {
    const page = await browser.openOptions();
    const reply = await sendFromPage<Reply<StatusResponse>>(page, { type: 'status' });
    expect(reply).toMatchObject({ ok: true, value: { version: '0.1.0', configured: { autocrm: false, callgear: false } } });
    await page.close();
  });

  test('rejects requests a sender may not make and payloads that do not fit the schema', async () => {
    const page = await browser.openOptions();
    await expect(sendFromPage(page, { type: 'launchMissiles' })).resolves.toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    await expect(sendFromPage(page, { type: 'render', template: 42, context: {} })).resolves.toMatchObject({ ok: false, error: { code: 'invalid' } });
    await page.close();
  });
});

describe('built manifest', () => {
  test('is MV3 with the minimal permissions, no unsafe-eval, no sandbox and no offscreen document', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions.sort()).toEqual(['alarms', 'storage', 'webRequest']);
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(['https://*.autocrm.ru/*', 'https://dataapi.callgear.com/*', 'https://callapi.callgear.com/*']));
    expect(manifest.content_security_policy.extension_pages).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(manifest.content_security_policy.sandbox).toBeUndefined();
    expect(manifest.sandbox).toBeUndefined();
    expect(manifest.default_locale).toBe('ru');
    expect(manifest.content_scripts).toEqual([expect.objectContaining({ matches: ['https://*.autocrm.ru/*'] })]);
  });
});
