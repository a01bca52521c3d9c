import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { launchExtension, sendFromPage, type ExtensionBrowser } from './harness';

/**
 * An operator's computer set up as an operator's, and one save model (issue 17, items 5 and 6): a fresh
 * browser is an operator, the coordinator role is chosen deliberately, technical settings wait under a
 * collapsed "Advanced" with labels not cut off, and no section's unsaved changes are lost silently.
 */
const SHOTS = 'screenshots/first-day';

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Answers the next confirm() and returns its text. */
function answerNextDialog(page: Page, accept: boolean): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog: Dialog) => {
      resolve(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

const storedInstallation = async (page: Page) =>
  (await sendFromPage<{ value: { installation: { role: string; handoverMinutes: number } } }>(page, { type: 'settings.get' })).value.installation;

describe.each(['ru', 'en'] as const)('this browser’s role and the save model (%s)', (lang) => {
  let browser: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchExtension({ lang });
    page = await browser.openOptions('#installation');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
  afterAll(async () => {
    await browser.close();
  });

  test('a fresh browser is an operator, with the technical settings collapsed under Advanced', async () => {
    await page.getByTestId('role-choice').waitFor();
    await expect(page.getByTestId('role-operator').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('role-coordinator').isChecked()).resolves.toBe(false);
    expect((await storedInstallation(page)).role).toBe('operator');
    await expect(page.getByTestId('installation-advanced').evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(page.getByTestId('parallel-requests').isVisible()).resolves.toBe(false);
    await shoot(page, `installation-operator-${lang}`);
  });

  test('choosing coordinator asks; declined, the browser stays an operator', async () => {
    const asked = answerNextDialog(page, false);
    await page.getByTestId('role-coordinator').click();
    expect(await asked).toMatch(lang === 'ru' ? /координатором\?/ : /coordinator\?/);
    await expect(page.getByTestId('role-operator').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('role-coordinator').isChecked()).resolves.toBe(false);
  });

  test('accepted, the only browser becomes a coordinator that does not wait for operators', async () => {
    const asked = answerNextDialog(page, true);
    await page.getByTestId('role-coordinator').click();
    await asked;
    await expect(page.getByTestId('role-coordinator').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('operators-too').isChecked()).resolves.toBe(false);

    await page.getByTestId('installation-advanced').locator('summary').click();
    await page.getByTestId('parallel-requests').waitFor();
    // Every label under Advanced is shown whole at 1280 px.
    const cut = await page.getByTestId('installation-advanced').locator('.cg-field__label').evaluateAll((labels) =>
      labels.filter((l) => l.scrollWidth > l.clientWidth + 1 || l.getBoundingClientRect().height === 0).map((l) => l.textContent),
    );
    expect(cut).toEqual([]);
    await page.getByTestId('operators-too').check();
    await expect(page.getByTestId('handover-minutes').inputValue()).resolves.toBe('15');
    await page.getByTestId('operators-too').uncheck();
    await shoot(page, `installation-coordinator-advanced-${lang}`);

    await page.getByTestId('save-installation').click();
    await page.getByTestId('installation').getByRole('status').getByText(lang === 'ru' ? 'Сохранено' : 'Saved', { exact: true }).waitFor();
    expect(await storedInstallation(page)).toMatchObject({ role: 'coordinator', handoverMinutes: 0 });
  });

  test('choosing operator on a coordinator asks, because the integration keys go', async () => {
    // The page learns the saved role with the header's status (its version shows once it is read).
    await page.reload();
    await page.getByTestId('role-choice').waitFor();
    await page.getByTestId('version').waitFor();
    const asked = answerNextDialog(page, false);
    await page.getByTestId('role-operator').click();
    expect(await asked).toMatch(lang === 'ru' ? /ключи интеграции будут удалены/ : /integration's keys are deleted/);
    await expect(page.getByTestId('role-coordinator').isChecked()).resolves.toBe(true);
  });

  test('leaving Hours with unsaved changes asks; saved, it leaves quietly', async () => {
    await page.locator('#tab-hours').click();
    await page.getByTestId('hours').waitFor();
    await page.getByTestId('hours-controls').getByRole('checkbox').first().check();

    const asked = answerNextDialog(page, false);
    await page.locator('#tab-installation').click();
    expect(await asked).toMatch(lang === 'ru' ? /несохранённые изменения/ : /unsaved changes/);
    await expect(page.getByTestId('panel-hours').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('hours-controls').getByRole('checkbox').first().isChecked()).resolves.toBe(true);
    await shoot(page, `hours-unsaved-${lang}`);

    await expect(page.getByTestId('unsaved-note').isVisible()).resolves.toBe(true);
    await page.getByTestId('save-hours').click();
    await page.getByTestId('hours').getByRole('status').getByText(lang === 'ru' ? 'Сохранено' : 'Saved', { exact: true }).waitFor();
    let dialogs = 0;
    const count = () => dialogs++;
    page.on('dialog', count);
    await page.locator('#tab-installation').click();
    await page.getByTestId('installation').waitFor();
    page.off('dialog', count);
    expect(dialogs).toBe(0);
  });
});
