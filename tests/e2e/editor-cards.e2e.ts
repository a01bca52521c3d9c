import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useSimulators } from '../sim/use-simulators';
import { askBackground, launchExtension, operatorAccounts, simulatorAccounts, type ExtensionBrowser } from './harness';
import { overlay, testId, type Overlay } from './overlay';

/** Issue 17, items 10 and 12: the operator's cards and the template editor, in Russian and in English. */
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const SHOTS = 'screenshots/first-day';
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

type FakeSoftphone = { incomingCall(o: object): void; answer(): void; end(o?: object): void };

const WORDS = {
  ru: {
    insert: 'Вставить переменную', search: 'Найти переменную', preview: 'Предпросмотр', toDefault: 'Вернуть шаблон по умолчанию',
    toSaved: 'Вернуть сохранённое', sample: 'Данные: Пример данных', addAutocrm: 'Добавить аккаунт', close: 'Закрыть',
    urlPlaceholder: 'https://ВАШДОМЕН.autocrm.ru', incoming: 'Звонит', tellAdmin: 'Сообщите администратору', retryAuto: 'расширение повторит само',
    retry: 'Повторить', created: 'Создано',
  },
  en: {
    insert: 'Insert a variable', search: 'Find a variable', preview: 'Preview', toDefault: 'Back to the default template',
    toSaved: 'Back to the saved value', sample: 'Data: Sample data', addAutocrm: 'Add account', close: 'Dismiss',
    urlPlaceholder: 'https://YOURDOMAIN.autocrm.ru', incoming: 'Incoming call', tellAdmin: 'Tell your admin', retryAuto: 'tried again automatically',
    retry: 'Retry', created: 'Done',
  },
} as const;

async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const RULE = { entity: 'inquiry', contactType: 5, requestTypeId: 1, templates: { source: '{{ campaign_name or "Телефония" }}' } };

describe.each(['ru', 'en'] as const)('editor and cards (%s)', (lang) => {
  const words = WORDS[lang];
  let browser: ExtensionBrowser;
  const ask = <T>(message: unknown) => askBackground<T>(browser, message);
  beforeAll(async () => {
    browser = await launchExtension({ lang });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the template editor: popover with descriptions first, the round arrow to the default, a growing field, a named preview', async () => {
    const page = await browser.openOptions('#calls');
    const field = page.getByTestId('template-incomingCalls-source');
    const input = field.locator('textarea');
    const fallback = await input.inputValue();

    // The "+" opens a searchable popover whose items lead with the description.
    await field.getByRole('button', { name: words.insert }).click();
    const popover = field.getByRole('dialog');
    await popover.getByRole('searchbox', { name: words.search }).fill('utm_campaign');
    const item = popover.getByRole('option').first().getByRole('button');
    await expect(item.locator(':scope > *').first().evaluate((el) => el.tagName)).resolves.toBe('SPAN');
    await expect(item.locator('code').textContent()).resolves.toBe('utm_campaign');
    expect(await popover.evaluate((el) => getComputedStyle(el).position)).toBe('absolute');
    await shoot(page, `${lang}-editor-variables`);
    await item.click();
    await expect(input.inputValue()).resolves.toBe(`${fallback}{{ utm_campaign }}`);
    await popover.waitFor({ state: 'detached' });

    // The field grows with a long template instead of scrolling inside two rows.
    const short = (await input.boundingBox())!.height;
    await input.fill(Array.from({ length: 12 }, (_, i) => `Строка ${i + 1}: {{ utm_source }}`).join('\n'));
    const tall = (await input.boundingBox())!.height;
    expect(tall).toBeGreaterThan(short * 3);
    expect(await input.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

    // The eye is an icon with a name, and the preview says which data it used.
    const eye = field.getByRole('button', { name: words.preview });
    await expect(eye.locator('svg').count()).resolves.toBe(1);
    await eye.click();
    await expect(page.getByTestId('preview-incomingCalls-source').textContent()).resolves.toContain('Строка 12: yandex');
    await expect(page.getByTestId('preview-source-incomingCalls-source').textContent()).resolves.toBe(words.sample);
    await shoot(page, `${lang}-editor-preview`);

    // The round arrow is "back to default"; "back to saved" is a separate text button.
    const round = field.getByRole('button', { name: words.toDefault, exact: true });
    await expect(round.locator('svg').count()).resolves.toBe(1);
    await round.click();
    await expect(input.inputValue()).resolves.toBe(fallback);
    await expect(round.isDisabled()).resolves.toBe(true);
    {
      await input.fill('что-то другое');
      const toSaved = field.getByRole('button', { name: words.toSaved, exact: true });
      await expect(toSaved.locator('svg').count()).resolves.toBe(0);
      await toSaved.click();
      await expect(input.inputValue()).resolves.toBe(fallback);
    }
    await page.close();
  });

  test('the account dialog closes with ✕ and shows the address as a placeholder', async () => {
    const page = await browser.openOptions('#accounts');
    await page.getByTestId('account-autocrm').getByRole('button', { name: words.addAutocrm }).click();
    const dialog = page.getByTestId('account-dialog-autocrm');
    const url = dialog.getByLabel('AutoCRM URL*');
    await expect(url.inputValue()).resolves.toBe('');
    await expect(url.getAttribute('placeholder')).resolves.toBe(words.urlPlaceholder);
    await shoot(page, `${lang}-account-dialog`);
    await dialog.getByRole('button', { name: words.close, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  describe('the operator’s cards', () => {
    let origin: string;
    beforeAll(async () => {
      origin = autocrm.server.url('sever.autocrm.ru');
      for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
      await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна Викторовна' }] });
      await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 }, clickToCallNumber: '74952290000' } });
      for (const message of operatorAccounts(autocrm.server, callgear.server)) await ask(message);
    });

    async function crmPage(): Promise<{ page: Page; cards: Overlay }> {
      const page = await browser.context.newPage();
      await page.goto(`${origin}/clients/1`);
      await page.locator('callgear-autocrm').waitFor({ state: 'attached' });
      await page.waitForFunction(() => 'fakeSoftphone' in window);
      return { page, cards: await overlay(page) };
    }
    const softphone = (page: Page, fn: 'answer' | 'end') => page.evaluate((f) => (window as unknown as { fakeSoftphone: FakeSoftphone })[`fakeSoftphone`][f](), fn);
    const ring = (page: Page, callSessionId: number, contact: string) =>
      page.evaluate(([id, c]) => (window as unknown as { fakeSoftphone: FakeSoftphone }).fakeSoftphone.incomingCall({ callSessionId: id, contact: c, via: 'test' }), [callSessionId, contact] as const);

    test('the incoming card’s header is one line with the whole number; a rule only the admin can fix says "tell the admin", without retry', async () => {
      // A rule with no dealership: only the admin can fix that.
      await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: RULE, clarifying: [] } });
      const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79123456789' });
      const { page, cards } = await crmPage();
      await ring(page, call.id, '79123456789');
      const header = testId('incoming-header');
      await cards.waitFor(`${testId('incoming-card')} ${testId('client-link')}`);
      await expect(cards.text(`${header} strong`)).resolves.toBe(words.incoming);
      const title = (await cards.box(`${header} strong`))!;
      const phone = (await cards.box(`${header} ${testId('caller-phone')}`))!;
      const close = (await cards.box(`${header} .cg-close`))!;
      // One line: the title, the number and ✕ share a row, and the number is a single line box.
      expect(Math.abs(phone.y + phone.height / 2 - (title.y + title.height / 2))).toBeLessThan(4);
      expect(Math.abs(close.y + close.height / 2 - (title.y + title.height / 2))).toBeLessThan(6);
      expect(phone.height).toBeLessThan(26);
      await expect(cards.text(testId('caller-phone'))).resolves.toBe('+7 (912) 345-67-89');
      await shoot(page, `${lang}-card-incoming`);

      await softphone(page, 'answer');
      await softphone(page, 'end');
      const after = testId('after-card');
      await cards.waitFor(`${after} ${testId('after-advice')}`, words.tellAdmin);
      await expect(cards.attribute(testId('after-error'), 'data-advice')).resolves.toBe('tell-admin');
      await expect(cards.count(testId('after-retry'))).resolves.toBe(0);
      await shoot(page, `${lang}-card-tell-admin`);
      await cards.close();
      await page.close();
    });

    test('a service that did not answer offers retry, and the retry creates the inquiry', async () => {
      await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: { base: { ...RULE, salonId: 1 }, clarifying: [] } });
      const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79123456780' });
      const { page, cards } = await crmPage();
      await ring(page, call.id, '79123456780');
      await cards.waitFor(testId('incoming-card'));
      autocrm.sim.setFaults({ error5xxRate: 1 });
      try {
        await softphone(page, 'answer');
        await softphone(page, 'end');
        const after = testId('after-card');
        await cards.waitFor(`${after} ${testId('after-advice')}`, words.retryAuto, 30_000);
        await expect(cards.attribute(testId('after-error'), 'data-advice')).resolves.toBe('retry');
        await expect(cards.text(testId('after-retry'))).resolves.toBe(words.retry);
        await shoot(page, `${lang}-card-retry`);
      } finally {
        autocrm.sim.setFaults({ error5xxRate: 0 });
      }
      await cards.click(testId('after-retry'));
      await cards.waitFor(`${testId('after-card')} ${testId('created-link')}`, undefined, 30_000);
      await cards.waitForGone(testId('after-error'));
      await expect(cards.text(testId('after-state'))).resolves.toContain(words.created);
      await cards.close();
      await page.close();
    });
  });
});
