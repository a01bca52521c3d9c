import type http from 'node:http';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Reply } from '@/lib/messages';
import type { Said } from '@/lib/phrase';
import { en } from '../tools/locale-words';
import { askBackground, sendFromPage, simulatorAccounts } from './harness';
import { useExtension } from './use-extension';
import { useSimulators } from '../sim/use-simulators';
import { serve } from '../sim/serve';
import { CALLGEAR_KEYS } from '../sim/callgear/server';

/**
 * docs/security.md, R7, R8, R9, R11, R12, R13, in the sim build: tokens only to documented hosts, no
 * redirects followed, policy locks for settings, deep messages answered, content scripts get no
 * renderer. The sim build differs from production only by install-time host permissions and by
 * accepting loopback servers and non-standard ports (lib/build-mode.ts).
 */
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
const ask = <T>(message: unknown) => askBackground<T>(browser, message);

async function fromPage<T>(message: unknown): Promise<Reply<T>> {
  const page = await browser.openOptions();
  try {
    return await sendFromPage<Reply<T>>(page, message);
  } finally {
    await page.close();
  }
}

/** Requests a server received (any method: a CORS preflight counts too). */
async function recordingServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const received: string[] = [];
  const server = await serve(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    received.push(`${req.method} ${req.url} ${body}`);
    answer(req, res);
  }, { tls: true });
  return { server, received };
}

beforeAll(async () => {
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
});

describe('R9: the CallGear token goes only to the brand’s documented hosts', () => {
  test('S9: an endpoint on another host is refused at save, naming the field; the host receives nothing', async () => {
    const attacker = await recordingServer((_, res) => res.end('{}'));
    try {
      const reply = await fromPage({
        type: 'accounts.save',
        account: { kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent, dataApiUrl: `${attacker.server.url('dataapi.evil.example.test')}/v2.0` },
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/account\.dataApiUrl: dataapi\.evil\.example\.test is not the documented Data API host/) } });
      const http = await fromPage({ type: 'accounts.save', account: { kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'token', dataApiUrl: 'http://dataapi.callgear.com/v2.0' } });
      expect(http).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must use https/) } });
      expect(attacker.received).toEqual([]);
    } finally {
      await attacker.server.close();
    }
  });

  test('S10: a 307 from the documented host is not followed: the body with access_token never reaches the other host', async () => {
    const elsewhere = await recordingServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { data: { app_id: 1, name: 'forged' } } }));
    });
    const redirector = await serve((req, res) => {
      res.writeHead(307, { location: `${elsewhere.server.url('collector.example.test')}${req.url ?? '/'}`, 'access-control-allow-origin': '*' });
      res.end();
    }, { tls: true });
    try {
      await ask({
        type: 'accounts.save',
        account: { kind: 'callgear', name: 'CG', brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent, dataApiUrl: `${redirector.url('dataapi.callgear.com')}/v2.0`, callApiUrl: `${redirector.url('callapi.callgear.com')}/v4.0` },
      });
      const check = await ask<{ ok: boolean; code?: string; text: Said }>({ type: 'accounts.check', kind: 'callgear' });
      expect(check).toMatchObject({ ok: false, code: 'redirect' });
      expect(en(check.text)).toMatch(/redirect/i);
      expect(elsewhere.received).toEqual([]);
    } finally {
      await redirector.close();
      await elsewhere.server.close();
      for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
    }
  });
});

describe('R12: AutoCRM addresses', () => {
  test('a host that is not a dealer’s *.autocrm.ru is refused at save', async () => {
    const reply = await fromPage({ type: 'accounts.save', account: { kind: 'autocrm', name: 'A', url: 'https://crm.evil.example.test', auth: 'bearer', secret: 'k' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/account\.url: crm\.evil\.example\.test is not an AutoCRM address/) } });
  });
});

describe('R11: bad input, clear answers', () => {
  test('F6: a 1,000-deep rules.save from an extension page gets an error answer', async () => {
    const page = await browser.openOptions();
    try {
      // Built in the page: Playwright's own serialisation would overflow on it.
      const reply = await page.evaluate((depth) => {
        let when: unknown = { field: 'scenario_id', op: 'eq', value: 1 };
        for (let i = 0; i < depth; i++) when = { op: 'and', items: [when] };
        const ruleSet = { base: { entity: 'inquiry', salonId: 1 }, clarifying: [{ id: 'r', name: 'r', enabled: true, when, fields: {} }] };
        return chrome.runtime.sendMessage({ type: 'rules.save', kind: 'leads', ruleSet });
      }, 1_000);
      expect(reply).toEqual({ ok: false, error: { code: 'invalid', message: 'message: nested deeper than 64 levels' } });
    } finally {
      await page.close();
    }
  });

  test('C7: an unknown zone and an impossible time are refused at save, naming the field', async () => {
    const hours = { onlyInWorkingHours: true, considerResponsibleHours: false, applyToCalls: true, employeeSchedules: {}, schedule: { zone: 'Bogus/Zone', days: [1], from: '99:99', to: '18:00' } };
    const reply = await fromPage({ type: 'settings.save', settings: { hours } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/settings\.hours\.schedule\.zone: unknown time zone.*settings\.hours\.schedule\.from: expected a time/) } });
  });
});

describe('R8: policy locks hold for settings', () => {
  /** The state applyManagedConfig keeps (a real Chromium policy needs machine-wide files). */
  async function lock(lockedSettings: string[]): Promise<void> {
    const worker = await browser.serviceWorker();
    await worker.evaluate(async (locked) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('callgear-autocrm');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('settings', 'readwrite');
        tx.objectStore('settings').put({ key: 'managed', value: { present: true, lockedRules: [], lockedSettings: locked, error: null } });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, lockedSettings);
  }

  test('C8: settings.save refuses hours and the dealership zone once locked; unlocked settings still save', async () => {
    await lock(['hours', 'dealershipZone']);
    const refused = await fromPage({ type: 'settings.save', settings: { dealershipZone: 'Asia/Tokyo' } });
    expect(refused).toMatchObject({ ok: false, error: { said: { key: 'managed.lockedSettings', params: { names: { said: { params: { path: 'settings.dealershipZone' } } } } } } });
    const settings = await ask<{ dealershipZone: string }>({ type: 'settings.get' });
    expect(settings.dealershipZone).toBe('Europe/Moscow');
    await expect(fromPage({ type: 'settings.save', settings: { personalManagers: false } })).resolves.toEqual({ ok: true, value: { saved: true } });
  });

  test('the Hours section shows the locked controls disabled, with the administrator’s note', async () => {
    await lock(['hours']);
    const page: Page = await browser.openOptions('#hours');
    try {
      await page.getByTestId('hours-locked').getByText('Задано политикой вашего администратора').waitFor();
      await expect(page.getByLabel('Создавать заявку только в рабочее время').isDisabled()).resolves.toBe(true);
      await expect(page.getByTestId('schedule-integration').getByLabel('До').isDisabled()).resolves.toBe(true);
      await expect(page.getByTestId('autocrm-zone').isDisabled()).resolves.toBe(false);
    } finally {
      await page.close();
      await lock([]);
    }
  });
});

describe('R7 / R13: content scripts', () => {
  /** Runs code in the content script's isolated world on a page (as a compromised renderer would). */
  async function inContentWorld(page: Page, expression: string): Promise<unknown> {
    const cdp = await page.context().newCDPSession(page);
    const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${browser.extensionId}`);
    if (!world) throw new Error('no content-script world on the page');
    const { result } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    await cdp.detach();
    return result.value;
  }
  const send = (message: unknown) => `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => JSON.stringify(r ?? null), (e) => 'error: ' + e.message)`;

  async function crmPage(host: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${autocrm.server.url(host)}/clients/1`);
    await page.locator('callgear-autocrm').waitFor({ state: 'attached' });
    return page;
  }

  test('F3: the content script gets no render, from the background or from an offscreen document', async () => {
    // A render from a page first, so an offscreen renderer (if the build still has one) is running.
    await fromPage({ type: 'render', template: '{{ 1 }}', context: {} });
    const page = await crmPage('sever.autocrm.ru');
    try {
      const viaRouter = await inContentWorld(page, send({ type: 'render', template: '{{ 6 * 7 }}', context: {} }));
      expect(viaRouter).toMatch(/"forbidden"/);
      const offscreen = await inContentWorld(page, send({ target: 'offscreen', type: 'render', request: { template: '{{ 6 * 7 }}', context: {}, budgetMs: 250 } }));
      expect(String(offscreen)).not.toMatch(/42/);
    } finally {
      await page.close();
    }
  });

  test('A14/P2: another instance’s page gets "Unknown sender"; before AutoCRM is configured, every instance’s page does', async () => {
    const evil = await crmPage('evil.autocrm.ru');
    try {
      await expect(inContentWorld(evil, send({ type: 'status' }))).resolves.toMatch(/Unknown sender/);
    } finally {
      await evil.close();
    }
    const accounts = await ask<Array<{ id: string; kind: string }>>({ type: 'accounts.list' });
    await ask({ type: 'accounts.delete', id: accounts.find((a) => a.kind === 'autocrm')!.id });
    const page = await crmPage('sever.autocrm.ru');
    try {
      await expect(inContentWorld(page, send({ type: 'status' }))).resolves.toMatch(/Unknown sender/);
      await expect(inContentWorld(page, send({ type: 'call.start', phone: '+78095051234' }))).resolves.toMatch(/Unknown sender/);
    } finally {
      await page.close();
      await ask(simulatorAccounts(autocrm.server, callgear.server)[0]);
    }
  });
});
