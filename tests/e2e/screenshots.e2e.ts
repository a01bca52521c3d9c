import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useSimulators } from '../sim/use-simulators';
import { askBackground, launchExtension, operatorAccounts, simulatorAccounts, type ExtensionBrowser } from './harness';
import { overlay, testId } from './overlay';
import { foreignWords, horizontalOverflow, visibleText } from './screen-language';

/**
 * Issue 17, item 16: every admin screen and the operator's cards, in Russian and in English, written to
 * docs/screenshots/{ru,en}/. Each shot also asserts what a reader would notice: nothing scrolls sideways,
 * and no word of the other language shows except product names and the dealership's own data.
 */
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
type Lang = 'ru' | 'en';
const WORDS = {
  ru: { edit: 'Изменить', howItWent: 'Ход обработки', dryRun: 'Проверить правила', created: 'Создано', tellAdmin: 'Сообщите администратору' },
  en: { edit: 'Edit', howItWent: 'How it went', dryRun: 'Dry run', created: 'Done', tellAdmin: 'Tell your admin' },
} as const;
const READY_RULE = { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, templates: { source: '{{ campaign_name or "Телефония" }}' } };
type FakeSoftphone = { incomingCall(o: object): void; answer(): void; end(o?: object): void };

/**
 * Shots where another area's text still leaks the other language, seen in these screenshots (issue 17
 * item 8). For them the spec asserts the leak is still there, so the entry must go when it is fixed, as
 * tests/conventions/file-size.test.ts does with its list: it only shrinks.
 */
const KNOWN_LEAKS: Record<string, string> = {};

/** A viewport-sized PNG (1280×800 keeps the files small), after checking the screen reads in one language. */
async function shoot(page: Page, lang: Lang, name: string, notChecked?: string) {
  await page.waitForTimeout(150);
  // Written first, so a failing check leaves the picture of what failed.
  await page.screenshot({ path: `docs/screenshots/${lang}/${name}.png` });
  expect(await horizontalOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  const foreign = foreignWords(await visibleText(page, notChecked), lang);
  if (KNOWN_LEAKS[`${lang}/${name}`]) expect(foreign, `${lang}/${name} is clean now: remove it from KNOWN_LEAKS`).not.toEqual([]);
  else expect(foreign, `${name}: words of the other language`).toEqual([]);
}

async function section(browser: ExtensionBrowser, page: Page, id: string) {
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#${id}`);
  await page.getByTestId(`panel-${id}`).waitFor();
}

describe.each(['ru', 'en'] as const)('screenshots (%s)', (lang) => {
  const words = WORDS[lang];
  let browser: ExtensionBrowser;
  const ask = <T>(message: unknown) => askBackground<T>(browser, message);
  let createdKey = '';
  let brokenKey = '';

  beforeAll(async () => {
    mkdirSync(`docs/screenshots/${lang}`, { recursive: true });
    autocrm.sim.reset();
    callgear.sim.reset();
    browser = await launchExtension({ lang });
    for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
    // The admin's browser is also Anna's (employee 9001): her calls are this browser's to process at once.
    await ask({ type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } });
    await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна Викторовна' }] });
    await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: READY_RULE, clarifying: [] } });
    const created = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79163334455' });
    const broken = callgear.sim.addCall({ employeeId: 9001, direction: 'out', contact: '79035554433' }); // the default outgoing rule has no dealership
    createdKey = `call:${created.id}`;
    brokenKey = `call:${broken.id}`;
    await ask({ type: 'pipeline.run', poll: 'all' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the admin’s screens', async () => {
    const page = await browser.openOptions();
    await page.getByTestId('setup-checklist').waitFor();
    // All five steps in plain sight: the list is not a box that scrolls (it once shared the Журнал's class).
    const list = page.getByTestId('setup-checklist').locator('ol');
    expect(await list.evaluate((ol) => ol.scrollHeight - ol.clientHeight)).toBeLessThanOrEqual(0);
    await expect(list.locator('li').count()).resolves.toBe(5);
    await shoot(page, lang, '01-start');

    await section(browser, page, 'accounts');
    await page.getByTestId('account-autocrm').getByRole('button', { name: words.edit }).click();
    const dialog = page.getByTestId('account-dialog-autocrm');
    await dialog.waitFor();
    await shoot(page, lang, '03-accounts-dialog');
    await dialog.getByTestId('account-dialog-close').click();
    await dialog.waitFor({ state: 'detached' });
    await shoot(page, lang, '02-accounts');

    await section(browser, page, 'check');
    await page.getByTestId('run-check').click();
    await page.getByTestId('check-summary').waitFor({ timeout: 30_000 });
    // Each check's detail lines are raw facts for support (role: coordinator, budget per day…), written by
    // lib/integration-check in English only; the titles, meanings and actions around them are checked.
    await shoot(page, lang, '04-check', '.cg-check-details');

    await section(browser, page, 'users');
    await page.getByTestId('map-42').waitFor();
    await shoot(page, lang, '05-users');
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-preview-counts').waitFor({ timeout: 20_000 });
    await page.getByTestId('sync-preview').scrollIntoViewIfNeeded();
    await shoot(page, lang, '06-users-sync-preview');
    await page.getByTestId('sync-cancel').click();

    for (const [tab, kinds] of [['calls', ['incomingCalls', 'outgoingCalls']], ['chats', ['chats', 'leads']]] as const) {
      await section(browser, page, tab);
      for (const kind of kinds) {
        const rules = page.getByTestId(`rules-${kind}`);
        await rules.waitFor();
        await rules.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        // The rule sentences come from lib/rules/describe.ts, still Russian only (issue 17 item 8, another
        // area): not checked here until they are localized; the PNG shows them as they are.
        await shoot(page, lang, `07-rules-${kind}`, '.cg-sentence');
      }
    }

    for (const [id, name] of [['hours', '08-hours'], ['installation', '09-installation'], ['share', '10-share']] as const) {
      await section(browser, page, id);
      await shoot(page, lang, name);
    }

    await ask({ type: 'pipeline.run', poll: 'all' });
    await section(browser, page, 'activity');
    const row = page.getByTestId(`activity-${createdKey}`);
    await row.getByText(words.created).first().waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: `docs/screenshots/${lang}/debug-journal.png` });
      throw error;
    });
    await row.getByRole('button', { name: words.howItWent }).click();
    await page.getByTestId('steps').waitFor();
    await shoot(page, lang, '11-journal-timeline');
    await page.getByTestId(`activity-${brokenKey}`).getByRole('button', { name: words.dryRun }).click();
    await page.getByTestId('dry-run-outcome').waitFor({ timeout: 15_000 });
    await page.getByTestId('dry-run-outcome').scrollIntoViewIfNeeded();
    await shoot(page, lang, '12-journal-dry-run');
    await page.close();
  }, 150_000);

  test('a hint opens from the keyboard and closes on Escape and on leaving it', async () => {
    const page = await browser.openOptions('#hours');
    const hint = page.getByTestId('hint-onlyInWorkingHours');
    const button = hint.getByRole('button');
    const text = hint.getByRole('tooltip', { includeHidden: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(text.isVisible()).resolves.toBe(true);
    await expect(button.getAttribute('aria-describedby')).resolves.toBe(await text.getAttribute('id'));
    await shoot(page, lang, '08-hours-hint');
    await page.keyboard.press('Escape');
    await expect(text.isVisible()).resolves.toBe(false);
    await page.keyboard.press('Space');
    await expect(text.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(text.isVisible()).resolves.toBe(false);
    // A tap is a click on a touch screen.
    await button.tap().catch(() => button.click());
    await expect(text.isVisible()).resolves.toBe(true);
    await page.close();
  });

  test('the popup at 360 px: nothing sideways, every button at least 40 px tall', async () => {
    const popup = await browser.openPopup();
    await popup.setViewportSize({ width: 360, height: 640 });
    await popup.getByTestId('popup-status').waitFor();
    const buttons = popup.getByRole('button');
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    for (const box of await buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.height).toBeGreaterThanOrEqual(40);
      expect(box.right).toBeLessThanOrEqual(360);
    }
    await shoot(popup, lang, '13-popup-360');
    await popup.close();
  });

  test('the operator’s cards: incoming call, after the call, and an error for the admin', async () => {
    await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 }, clickToCallNumber: '74952290000' } });
    for (const message of operatorAccounts(autocrm.server, callgear.server)) await ask(message);
    const page = await browser.context.newPage();
    await page.goto(`${autocrm.server.url('sever.autocrm.ru')}/clients/1`);
    await page.locator('callgear-autocrm').waitFor({ state: 'attached' });
    await page.waitForFunction(() => 'fakeSoftphone' in window);
    const cards = await overlay(page);
    const softphone = (fn: 'answer' | 'end') => page.evaluate((f) => (window as unknown as { fakeSoftphone: FakeSoftphone }).fakeSoftphone[f](), fn);
    const ring = (id: number, contact: string) => page.evaluate(([i, c]) => (window as unknown as { fakeSoftphone: FakeSoftphone }).fakeSoftphone.incomingCall({ callSessionId: i, contact: c, via: 'test' }), [id, contact] as const);
    // The page behind the cards is AutoCRM's own, in Russian: only the cards are checked for language.
    const cardShot = async (selector: string, name: string) => {
      expect(foreignWords((await cards.text(selector)) ?? '', lang), `${name}: words of the other language`).toEqual([]);
      await shoot(page, lang, name, 'body');
    };

    // A client AutoCRM knows (tests/sim/autocrm/seed.ts), so the card links to them.
    const good = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79123456789' });
    await ring(good.id, '79123456789');
    await cards.waitFor(`${testId('incoming-card')} ${testId('client-link')}`);
    await cardShot(testId('incoming-card'), '14-card-incoming');
    await softphone('answer');
    await softphone('end');
    await cards.waitFor(`${testId('after-card')} ${testId('created-link')}`, undefined, 30_000);
    await cardShot(testId('after-card'), '15-card-after-call');
    await cards.click(`${testId('after-card')} .cg-close`).catch(() => undefined);

    // A rule only the admin can fix (no dealership): the card says so, without a retry.
    await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: { ...READY_RULE, salonId: undefined }, clarifying: [] } });
    const broken = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79123456702' });
    await ring(broken.id, '79123456702');
    await cards.waitFor(testId('incoming-card'));
    await softphone('answer');
    await softphone('end');
    await cards.waitFor(`${testId('after-card')} ${testId('after-advice')}`, words.tellAdmin, 30_000);
    // The advice is what the operator reads; the collapsed "details for the admin" carry the pipeline's
    // reason, which lib/ still words in Russian only (issue 17 item 8, another area).
    await cardShot(`${testId('after-card')} ${testId('after-advice')}`, '16-card-error');
    await cards.close();
    await page.close();
  }, 120_000);
});
