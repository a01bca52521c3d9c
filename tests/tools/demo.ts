// `npm run demo`: both simulators with seeded data, the built extension in Chromium already connected
// to them (options page and a simulated AutoCRM page open), and a control page to fire calls, lost
// calls, chats and leads. With a display it opens a window and runs until Ctrl+C; without one it runs
// headless, plays a short scenario, writes screenshots to screenshots/demo/ and says where they are.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, sendFromPage } from '../e2e/harness';
import { serve } from '../sim/serve';
import { startAutocrmSim } from '../sim/autocrm/server';
import { CALLGEAR_KEYS, startCallGearSim } from '../sim/callgear/server';
import { demoControl } from './demo-control';
import { overlay, testId } from '../e2e/overlay';

const headful = Boolean(process.env.DISPLAY) && process.env.DEMO_HEADLESS !== '1';
const autocrm = await startAutocrmSim({ tls: true });
const callgear = await startCallGearSim({ tls: true });
const browser = await launchExtension({ headless: !headful });
const origin = autocrm.server.url('sever.autocrm.ru');

const options = await browser.openOptions('#activity');
const ask = (message: unknown) => sendFromPage(options, message);
// The demo browser is the coordinator, the only role that may hold the integration's keys: chosen first.
await ask({ type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: 9001, handoverMinutes: 0, pollIntervalSec: 30, standbyMinutes: 0 }, clickToCallNumber: '74952290000' } });
await ask({ type: 'accounts.save', account: { kind: 'autocrm', name: 'Автосалон «Север» (симулятор)', url: origin, auth: 'basic', login: 'integration', secret: 'integration-pass' } });
await ask({ type: 'accounts.save', account: { kind: 'callgear', name: 'CallGear (симулятор)', brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent, dataApiUrl: `${callgear.server.url('dataapi.callgear.com')}/v2.0`, callApiUrl: `${callgear.server.url('callapi.callgear.com')}/v4.0` } });
const templates = { comment: undefined, source: '{{ campaign_name or "Телефония CallGear" }}', subSource: '{{ utm_campaign }}' };
await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: {
  base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: null, templates: { ...templates, comment: 'Звонок с {{ client_phone }}{% if talk_duration_mmss %}, разговор {{ talk_duration_mmss }}{% endif %}{% if tag_names %}, теги: {{ tag_names }}{% endif %}' }, missedTask: { enabled: true, authorId: 1, executorId: 43, hours: 2 } },
  clarifying: [{ id: 'service', name: 'Сервисный IVR', enabled: true, when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 302 }] }, fields: { entity: 'serviceInquiry', salonId: 3, responsibleId: 45, templates: { source: 'Сервис' } } }],
} });
await ask({ type: 'rules.save', kind: 'chats', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 1, responsibleId: 42, templates: { source: '{{ chat_channel_name }}' } }, clarifying: [] } });
await ask({ type: 'rules.save', kind: 'leads', ruleSet: { base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 1, responsibleId: 43, templates: { source: '{{ campaign_name or site_domain_name }}', subSource: '{{ form_name }}', comment: '{{ text }}' } }, clarifying: [] } });
await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна Викторовна' }, { autocrmUserId: 44, callgearEmployeeId: 9003, name: 'Козлова Елена Сергеевна' }] });

// The coordinator polls every 30 s on its own; the control page nudges it at once, as a softphone event would.
const poll = () => void ask({ type: 'pipeline.run', poll: 'all' });
const control = await serve(demoControl(autocrm.sim, callgear.sim, poll));
const crm = await browser.context.newPage();
await crm.goto(`${origin}/clients/1`);
const controlPage = await browser.context.newPage();
await controlPage.goto(control.url());

console.log(`Control page (fire calls, chats, leads): ${control.url()}`);
console.log(`Simulated AutoCRM: ${origin}/clients/1   Options: chrome-extension://${browser.extensionId}/options.html`);

const stop = async () => {
  await browser.close();
  await Promise.all([autocrm.server.close(), callgear.server.close(), control.close()]);
};

if (headful) {
  console.log('Chromium is open. Press Ctrl+C to stop.');
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
} else {
  const dir = resolve('screenshots/demo');
  mkdirSync(dir, { recursive: true });
  for (const label of ['Входящий звонок (Яндекс.Директ)', 'Потерянный звонок', 'Звонок в сервис (IVR 2)', 'Чат WhatsApp', 'Заявка с сайта']) {
    await controlPage.getByRole('button', { name: label }).click();
  }
  const deadline = Date.now() + 30_000;
  while (autocrm.sim.created.filter((c) => ['leads/request', 'preparedServiceCase'].includes(c.resource)).length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  await controlPage.waitForTimeout(1_500);
  await controlPage.screenshot({ path: `${dir}/control.png`, fullPage: true });
  await options.reload();
  await options.getByTestId('activity').waitFor();
  await options.waitForTimeout(1_000);
  await options.screenshot({ path: `${dir}/activity.png`, fullPage: true });
  await crm.bringToFront();
  await crm.evaluate(() => (window as unknown as { fakeSoftphone: { incomingCall(o: object): void } }).fakeSoftphone.incomingCall({ callSessionId: 1, contact: '79123456789' }));
  const cards = await overlay(crm);
  await cards.waitFor(`${testId('incoming-card')} ${testId('client-link')}`);
  await cards.close();
  await crm.screenshot({ path: `${dir}/autocrm-incoming-call.png` });
  const made = autocrm.sim.created.map((c) => c.resource);
  console.log(`Scenario: 5 communications fired; AutoCRM now has ${made.length} new records (${[...new Set(made)].map((r) => `${r} ×${made.filter((m) => m === r).length}`).join(', ')}).`);
  console.log(`No display: ran headless. Screenshots are in ${dir}/`);
  await stop();
}
