import { afterAll, beforeAll, expect, test } from 'vitest';
import { askBackground, launchExtension, simulatorAccounts, type ExtensionBrowser } from './harness';
import { accountNow } from '../sim/callgear/fixtures';
import { useSimulators } from '../sim/use-simulators';
import { duplicateMarkers, NO_DUPLICATES } from '../sim/duplicates';
import type { InboxItem } from '@/lib/db';
import { TEST_RULES } from '../integration/pipeline-harness';
import { isFoundByMarker } from '@/lib/pipeline/act';

/** Communications per scenario: reduced in npm test; FAULT_N=200 runs the full count (README). */
const N = Number(process.env.FAULT_N ?? 40);
/**
 * Under 30 % 5xx every item needs many attempts in real time, and each request that hangs costs the real
 * 20 s client timeout; npm test runs 12 communications there with timeouts at 1 % (FAULT_N: full count, 3 %).
 */
const N_FAULTY = Number(process.env.FAULT_N ?? 12);
const TIMEOUT_RATE = process.env.FAULT_N ? 0.03 : 0.01;
let total = 0;
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
let browser: ExtensionBrowser;
let fired = 0;

const ask = askBackground;

async function configure(b: ExtensionBrowser, standbyMinutes = 0) {
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(b, message);
  for (const [kind, ruleSet] of Object.entries(TEST_RULES)) await ask(b, { type: 'rules.save', kind, ruleSet });
  await ask(b, { type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова' }, { autocrmUserId: 43, callgearEmployeeId: 9002, name: 'Смирнов' }] });
  await ask(b, { type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: null, handoverMinutes: 0, pollIntervalSec: 60, standbyMinutes } } });
}

/** A realistic mix: answered calls, lost calls, service-IVR calls, chats and leads, each with its own number. */
function addMixed(count: number) {
  total += count;
  for (let i = 0; i < count; i++) {
    const phone = `7917${String(1_000_000 + fired++).padStart(7, '0')}`;
    const start = accountNow().minus({ minutes: 30 - (i % 25) });
    const r = i % 5;
    if (r === 0) callgear.sim.addCall({ start, contact: phone, employeeId: 9001, campaignId: 701 });
    else if (r === 1) callgear.sim.addCall({ start, contact: phone, lost: true, employeeId: null });
    else if (r === 2) callgear.sim.addCall({ start, contact: phone, scenarioId: 302, virtualNumber: '74953330000', employeeId: 9002 });
    else if (r === 3) callgear.sim.addChat({ start, visitorPhone: phone, employeeId: 9001 });
    else callgear.sim.addLead({ start, visitorPhone: phone });
  }
}

/** Polls and processes until every item is finished; failed items are retried as an admin would ("retry all"). */
async function settle(b: ExtensionBrowser, expected: number, timeoutMs = 120_000): Promise<InboxItem[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await ask(b, { type: 'pipeline.run', poll: 'all' }).catch(() => undefined);
    const items = await ask<InboxItem[]>(b, { type: 'inbox.list', limit: 5000 });
    const open = items.filter((i) => !['done', 'skipped', 'needs-fix'].includes(i.state));
    if ((items.length >= expected && open.length === 0) || Date.now() > until) return items;
    if (open.some((i) => i.state === 'failed')) await ask(b, { type: 'inbox.retry', keys: open.filter((i) => i.state === 'failed').map((i) => i.key) });
  }
}

function expectGuarantees(items: InboxItem[], expected: number) {
  expect(items).toHaveLength(expected);
  expect(items.filter((i) => !['done', 'skipped', 'needs-fix'].includes(i.state)).map((i) => `${i.key} ${i.state}`)).toEqual([]);
  for (const item of items.filter((i) => i.state !== 'done')) expect(item.reason, item.key).toBeTruthy();
  expect(duplicateMarkers(autocrm.sim)).toEqual(NO_DUPLICATES);
}

beforeAll(async () => {
  browser = await launchExtension();
  await configure(browser);
});
afterAll(async () => {
  await browser?.close();
});

test('the service worker stopped mid-processing several times: nothing lost, nothing duplicated', async () => {
  addMixed(N);
  const page = await browser.openOptions();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  for (let stop = 0; stop < 4; stop++) {
    void page.evaluate(() => chrome.runtime.sendMessage({ type: 'pipeline.run', poll: 'all' })).catch(() => undefined);
    await page.waitForTimeout(250 + stop * 150);
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(200);
  }
  await page.close();
  expectGuarantees(await settle(browser, total), total);
}, 180_000);

test('the browser closed and reopened on the same profile while items are in flight', async () => {
  addMixed(N);
  const page = await browser.openOptions();
  void page.evaluate(() => chrome.runtime.sendMessage({ type: 'pipeline.run', poll: 'all' })).catch(() => undefined);
  await page.waitForTimeout(400);
  const profile = browser.userDataDir;
  await browser.close({ keepProfile: true });
  browser = await launchExtension({ userDataDir: profile });
  expectGuarantees(await settle(browser, total), total);
}, 180_000);

test('AutoCRM answering 30% 5xx, 429s with Retry-After and timeouts; CallGear limit_exceeded for a while', async () => {
  addMixed(N_FAULTY);
  autocrm.sim.setFaults({ error5xxRate: 0.3, rate429: 0.05, retryAfterSec: 1, timeoutRate: TIMEOUT_RATE, timeoutMode: 'after', hangMs: 21_000, seed: 5 });
  callgear.sim.setFaults({ limitExceededRequests: 3 });
  try {
    expectGuarantees(await settle(browser, total, 400_000), total);
  } finally {
    autocrm.sim.setFaults({ error5xxRate: 0, rate429: 0, timeoutRate: 0 });
  }
}, 430_000);

test('two browser profiles as coordinators on the same accounts: the standby finds what the primary made', async () => {
  const standby = await launchExtension();
  try {
    await configure(standby, 1);
    addMixed(N);
    const primaryItems = await settle(browser, total);
    expectGuarantees(primaryItems, total);
    await ask(standby, { type: 'pipeline.run', poll: 'all' });
    await new Promise((r) => setTimeout(r, 61_000)); // the standby lags one minute behind the primary
    const standbyItems = await settle(standby, total);
    expectGuarantees(standbyItems, total);
    expect(standbyItems.filter((i) => isFoundByMarker(i.reason)).length).toBeGreaterThan(0);
  } finally {
    await standby.close();
  }
}, 240_000);
