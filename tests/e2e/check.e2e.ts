import { mkdirSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { CheckGroup, CheckReport, CheckStatus } from '@/lib/integration-check/types';
import { checkMeaning } from '@/lib/integration-check/text';
import { catalogLookup } from '@/lib/locale-catalog';
import { sayIn, type Said } from '@/lib/phrase';
import { useSimulators } from '../sim/use-simulators';
import { askBackground, launchExtension, sendFromPage, simulatorAccounts } from './harness';
import { useExtension } from './use-extension';

const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
const SHOTS = 'screenshots/check';
const GROUPS: CheckGroup[] = ['callgear', 'autocrm', 'installation'];
const STATUS_WORDS: Record<'ru' | 'en', Record<CheckStatus, string>> = {
  ru: { green: 'В порядке', yellow: 'Внимание', red: 'Проблема', skipped: 'Не проверено' },
  en: { green: 'OK', yellow: 'Warning', red: 'Problem', skipped: 'Not checked' },
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await askBackground(browser, message);
});

/**
 * Waits until a report of a run started after `since` (the end of the report shown before) is stored and
 * shown, and the page's run is over. A run the alarm started just before the click is joined, so it counts.
 */
/** A report's text in the locale's words (public/_locales), as the page should show it. */
const say = (said: Said, lang: 'ru' | 'en') => sayIn(said, lang, catalogLookup(lang));

async function waitForRun(page: Page, since: number): Promise<CheckReport> {
  await expect.poll(() => lastReport(page).then((r) => r?.startedAt ?? 0), { timeout: 40_000, interval: 250 }).toBeGreaterThan(since);
  const report = (await lastReport(page))!;
  const shownAt = await page.evaluate((at) => new Date(at).toLocaleString(), report.finishedAt);
  await page.getByTestId('check-last-run').getByText(shownAt, { exact: false }).waitFor();
  await page.getByTestId('check-progress').waitFor({ state: 'detached' });
  await expect(page.getByTestId('run-check').isEnabled()).resolves.toBe(true);
  return report;
}

const lastReport = (page: Page) => page.evaluate(() => chrome.runtime.sendMessage({ type: 'check.last' })).then((r) => (r as { value: CheckReport | null }).value);

/** Every item of the stored report is on the page, in its group, with a status badge (icon and word), its title and meaning, and what to do unless green. */
async function expectChecklist(page: Page, report: CheckReport, lang: 'ru' | 'en') {
  for (const group of GROUPS) expect(report.items.filter((i) => i.group === group).length, `items of ${group}`).toBeGreaterThan(0);
  for (const item of report.items) {
    const line = page.getByTestId(`check-group-${item.group}`).getByTestId(`check-item-${item.id}`);
    const badge = line.getByTestId('check-status');
    await expect(badge.textContent()).resolves.toBe(STATUS_WORDS[lang][item.status]);
    await expect(badge.locator('svg').count()).resolves.toBe(1);
    const text = await line.textContent();
    expect(text).toContain(say(item.title, lang));
    expect(text).toContain(checkMeaning(item, (s) => say(s, lang)));
    if (item.action) await expect(line.getByTestId('check-action').textContent()).resolves.toContain(say(item.action, lang));
    else await expect(line.getByTestId('check-action').count()).resolves.toBe(0);
  }
  await expect(page.getByTestId('integration-check').getByTestId('check-status').count()).resolves.toBe(report.items.length);
  // Every text came from _locales: no key shows as itself (names of people and accounts are data, in any script).
  const section = (await page.getByTestId('integration-check').textContent()) ?? '';
  const keys = report.items.flatMap((i) => [i.title, i.meaning, i.cause, i.action]).flatMap((s) => (s && typeof s === 'object' && 'key' in s ? [s.key] : []));
  expect(keys.filter((key) => section.includes(key))).toEqual([]);
  const count = (status: CheckStatus) => report.items.filter((i) => i.status === status).length;
  const summary = lang === 'ru'
    ? `В порядке: ${count('green')} · Внимание: ${count('yellow')} · Проблемы: ${count('red')} · Не проверено: ${count('skipped')}`
    : `OK: ${count('green')} · Warnings: ${count('yellow')} · Problems: ${count('red')} · Not checked: ${count('skipped')}`;
  await expect(page.getByTestId('check-summary').textContent()).resolves.toBe(summary);
}

test('a change of accounts or rules sets the check a minute ahead; a coordinator also checks daily, an operator does not', async () => {
  const worker = await browser.serviceWorker();
  const alarm = (name: string) => worker.evaluate((n) => chrome.alarms.get(n).then((a) => (a ? { scheduledTime: a.scheduledTime, periodInMinutes: a.periodInMinutes ?? null } : null)), name);
  const soon = await alarm('integration-check-soon');
  expect(soon).not.toBeNull(); // set by the accounts saved before this test

  const page = await browser.openOptions();
  const reply = <T,>(message: unknown) => sendFromPage<{ ok: true; value: T }>(page, message).then((r) => r.value);
  const rules = await reply<Record<string, unknown>>({ type: 'rules.get' });
  const before = Date.now();
  await reply({ type: 'rules.save', kind: 'leads', ruleSet: rules.leads });
  await expect.poll(() => alarm('integration-check-soon').then((a) => a?.scheduledTime ?? 0)).toBeGreaterThanOrEqual(before + 59_000);

  await expect.poll(() => alarm('integration-check-daily')).toMatchObject({ periodInMinutes: 24 * 60 });
  const settings = await reply<{ installation: Record<string, unknown> }>({ type: 'settings.get' });
  await reply({ type: 'settings.save', settings: { installation: { ...settings.installation, role: 'operator' } } });
  await expect(alarm('integration-check-daily')).resolves.toBeNull();
  await reply({ type: 'settings.save', settings: { installation: settings.installation } });
  await expect(alarm('integration-check-daily')).resolves.toMatchObject({ periodInMinutes: 24 * 60 });
  // Becoming an operator gave up the integration's keys: the coordinator's admin enters them again.
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await reply(message);
  await page.close();
});

test('an admin runs the integration check from the options page, reads the checklist and copies it for support', async () => {
  const page = await browser.openOptions('#accounts');
  await page.getByRole('tab', { name: 'Проверка интеграции' }).click();
  await page.getByTestId('panel-check').waitFor();

  // A slower CallGear keeps the run going long enough to see its progress.
  callgear.sim.setFaults({ latencyMs: 200 });
  const before = await lastReport(page);
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('run-check').isDisabled()).resolves.toBe(true);
  await page.getByTestId('check-progress').getByText(/^\d+ из \d+: .+/).waitFor();
  await page.screenshot({ path: `${SHOTS}/ru-check-progress.png` });
  const report = await waitForRun(page, before?.finishedAt ?? 0);
  callgear.sim.setFaults({ latencyMs: 0 });
  expect(report.finishedAt - report.startedAt).toBeLessThan(30_000); // the bound for a normal account
  await expectChecklist(page, report, 'ru');
  await expect(page.getByTestId('check-last-run').textContent()).resolves.toMatch(new RegExp(`^Последняя проверка: .+ · заняла [\\d,]+ с · баллов CallGear: ${report.pointsUsed}$`));

  // "Copy for support" puts the report's text on the clipboard: captured here, headless Chromium has no clipboard to read.
  await page.evaluate(() => {
    const w = window as unknown as { copied: string[] };
    w.copied = [];
    navigator.clipboard.writeText = async (text: string) => void w.copied.push(text);
  });
  await page.getByTestId('copy-check').click();
  await page.getByTestId('check-note').getByText('Скопировано', { exact: false }).waitFor();
  const [copied] = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
  for (const item of report.items) expect(copied).toContain(say(item.title, 'ru'));
  expect(copied).not.toContain('sim-key-integration');

  await page.screenshot({ path: `${SHOTS}/ru-check.png`, fullPage: true });

  // The report outlives the page: opened again, it shows without a new run.
  await page.reload();
  await page.getByTestId('check-summary').waitFor();
  await expectChecklist(page, report, 'ru');
  await expect(lastReport(page)).resolves.toEqual(report);
  await page.close();
}, 90_000);

test('the checklist reads in English too, and runs again from there', async () => {
  const dir = browser.userDataDir;
  await browser.close({ keepProfile: true });
  Object.assign(browser, await launchExtension({ userDataDir: dir, lang: 'en' }));
  const page = await browser.openOptions('#check');
  await expect(page.getByRole('tab', { name: 'Integration check' }).getAttribute('aria-selected')).resolves.toBe('true');
  await page.getByTestId('check-summary').waitFor();
  const previous = (await lastReport(page))!;
  await expectChecklist(page, previous, 'en');

  await page.getByRole('button', { name: 'Run check' }).click();
  const report = await waitForRun(page, previous.finishedAt);
  await expectChecklist(page, report, 'en');
  await expect(page.getByTestId('check-last-run').textContent()).resolves.toMatch(new RegExp(`^Last check: .+ · took [\\d.]+ s · CallGear points: ${report.pointsUsed}$`));
  await page.screenshot({ path: `${SHOTS}/en-check.png`, fullPage: true });
  await page.close();
}, 90_000);
