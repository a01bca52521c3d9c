import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHROMIUM, EXTENSION_DIR, HOST_RULES, operatorAccounts, simulatorAccounts } from './harness';
import { CdpBrowser, type CdpPage } from './cdp-pipe';
import { useSimulators } from '../sim/use-simulators';

/**
 * An open options page lets the service worker sleep (docs/decisions.md, "Pages listen"). Chromium stops an
 * idle extension worker after about 30 s, unless a debugger is attached to it: this file drives Chromium
 * over its DevTools pipe and attaches to the tabs it opens only (tests/e2e/cdp-pipe.ts), never to the
 * worker. The worker's state is read where Chromium shows it, chrome://serviceworker-internals.
 */
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const profile = mkdtempSync(join(tmpdir(), 'cg-e2e-sleep-'));
let browser: CdpBrowser;
let extensionId: string;
let internals: CdpPage;

const IDLE_STOP_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function findExtensionId(): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const { targetInfos } = (await browser.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (worker) return new URL(worker.url).host;
    await sleep(250);
  }
  throw new Error('the extension service worker never started');
}

/** The worker's running status as chrome://serviceworker-internals shows it (RUNNING, STOPPED…). */
async function workerStatus(): Promise<string> {
  const text = await internals.evaluate<string>('document.body.innerText');
  const scope = text.indexOf(`Scope: chrome-extension://${extensionId}/`);
  return /Running Status:\s*(\w+)/.exec(text.slice(scope))?.[1] ?? 'UNKNOWN';
}

async function waitForStatus(wanted: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while ((await workerStatus()) !== wanted) {
    if (Date.now() - started > timeoutMs) throw new Error(`the worker is ${await workerStatus()} after ${timeoutMs} ms, not ${wanted}`);
    await sleep(1_000);
  }
  return Date.now() - started;
}

const sendFrom = (page: CdpPage, message: unknown) => page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => { if (!r.ok) throw new Error(r.error.message); return r.value; })`);

beforeAll(async () => {
  browser = CdpBrowser.launch(
    CHROMIUM,
    [`--user-data-dir=${profile}`, '--headless=new', `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, `--host-resolver-rules=${HOST_RULES}`, '--lang=ru', '--ignore-certificate-errors', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', 'about:blank'],
    { ...process.env, LANGUAGE: 'ru', LANG: 'ru_RU.UTF-8' },
  );
  extensionId = await findExtensionId();
  // Anna's operator installation (as in in-page.e2e.ts): it polls only when her softphone reports a finished call.
  const setup = await browser.open(`chrome-extension://${extensionId}/options.html`);
  await setup.waitFor('chrome.runtime?.id');
  const messages = [
    ...simulatorAccounts(autocrm.server, callgear.server),
    { type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, templates: { source: 'Телефония' } }, clarifying: [] } },
    { type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна Викторовна' }] },
    { type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } },
    ...operatorAccounts(autocrm.server, callgear.server),
  ];
  for (const message of messages) await sendFrom(setup, message);
  // The integration check a change of accounts schedules a minute later is not what this file is about.
  await setup.evaluate("chrome.alarms.clear('integration-check-soon')");
  await setup.close();
  internals = await browser.open('chrome://serviceworker-internals/');
  await internals.waitFor(`document.body.innerText.includes('${extensionId}')`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

test('the worker stops while the Журнал is open and idle, and the open Журнал still shows what happens after it wakes', async () => {
  const journal = await browser.open(`chrome-extension://${extensionId}/options.html#activity`);
  await journal.waitFor("document.querySelector('[data-testid=activity]') && document.querySelector('[data-testid=connection-state]')?.textContent");

  // Idle: nothing in the page asks the background, so the worker stops about 30 s after its last event.
  const stoppedAfter = await waitForStatus('STOPPED', IDLE_STOP_MS + 45_000);
  expect(stoppedAfter).toBeGreaterThan(0);
  await sleep(3_000);
  await expect(workerStatus()).resolves.toBe('STOPPED');

  // A call ends on an AutoCRM page: the softphone's event wakes the worker, which reads the call's report
  // row and writes the inquiry; the open Журнал shows the row without being asked to reload.
  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79123456789' });
  // The AutoCRM page opens in a window of its own, as the operator's would be beside the admin's: a Журнал
  // hidden behind another tab fetches nothing until it is shown again (components/models/model.ts).
  const crm = await browser.open(`${autocrm.server.url('sever.autocrm.ru')}/clients/1`, { newWindow: true });
  await crm.waitFor("'fakeSoftphone' in window && document.querySelector('callgear-autocrm')");
  await crm.evaluate(`(() => { const p = window.fakeSoftphone; p.incomingCall({ callSessionId: ${call.id}, contact: '79123456789', via: 'test' }); p.answer(); p.end(); })()`);
  await journal.waitFor(`document.querySelector('[data-testid="activity-call:${call.id}"]')?.textContent.includes('Создано')`, 30_000);
  await crm.close();

  // The observation can tell: a page that asks every 3 s (as the Журнал did) keeps the worker running.
  await journal.evaluate("window.poll = setInterval(() => chrome.runtime.sendMessage({ type: 'inbox.list', limit: 500 }), 3000)");
  await sleep(IDLE_STOP_MS + 15_000);
  await expect(workerStatus()).resolves.toBe('RUNNING');
  await journal.evaluate('clearInterval(window.poll)');
  await journal.close();
}, 200_000);
