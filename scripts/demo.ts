// `npm run demo`: the built extension in Chromium with a simulated AutoCRM page and the options page.
// With a display it opens a window and runs until Ctrl+C; without one it runs headless, takes
// screenshots into screenshots/demo/ and says where they are.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { serve } from '../tests/sim/serve';
import { servePage } from '../tests/sim/autocrm/pages';

const headful = Boolean(process.env.DISPLAY) && process.env.DEMO_HEADLESS !== '1';
const site = await serve((req, res) => {
  if (!servePage(req, res)) {
    res.writeHead(404);
    res.end();
  }
}, { tls: true });
const browser = await launchExtension({ headless: !headful });
const autocrmUrl = `${site.url('demo.autocrm.ru')}/clients/1`;

const crmPage = await browser.context.newPage();
await crmPage.goto(autocrmUrl);
const options = await browser.openOptions();
console.log(`Simulated AutoCRM page: ${autocrmUrl}`);
console.log(`Options page: chrome-extension://${browser.extensionId}/options.html`);

if (headful) {
  console.log('Chromium is open. Press Ctrl+C to stop.');
  const stop = async () => {
    await browser.close();
    await site.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const dir = resolve('screenshots/demo');
  mkdirSync(dir, { recursive: true });
  await crmPage.locator('callgear-autocrm').waitFor({ state: 'attached' });
  await crmPage.screenshot({ path: `${dir}/autocrm-page.png` });
  await options.getByRole('tab').first().waitFor();
  await options.screenshot({ path: `${dir}/options.png`, fullPage: true });
  const popup = await browser.openPopup();
  await popup.setViewportSize({ width: 360, height: 240 });
  await popup.getByTestId('popup-status').waitFor();
  await popup.screenshot({ path: `${dir}/popup.png` });
  console.log(`No display: ran headless. Screenshots are in ${dir}/`);
  await browser.close();
  await site.close();
}
