import { mkdirSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import { askBackground, sendFromPage, simulatorAccounts } from './harness';
import { useSimulators } from '../sim/use-simulators';
import { useExtension } from './use-extension';
import type { Reply } from '@/lib/messages';
import type { RenderResult } from '@/lib/templates/render-protocol';

const SHOTS = 'screenshots/e2e';
const { autocrm, callgear } = useSimulators({ tls: true, resetEachTest: false });
const browser = useExtension();
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

async function waitFor<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the options page previews with the interpreter itself, and shows errors in its language with line and column', async () => {
  const page = await browser.openOptions('#calls');
  const field = page.getByTestId('template-incomingCalls-source');
  const input = field.locator('textarea');
  const preview = page.getByTestId('preview-incomingCalls-source');
  const lintError = page.getByTestId('lint-error-incomingCalls-source');
  await expect(input.inputValue()).resolves.toBe('{{ campaign_name or "Телефония CallGear" }}');

  await input.fill('{{ campaign_name or "Сайт" }} / ');
  await field.getByRole('button', { name: 'Вставить переменную' }).click();
  await field.getByRole('searchbox', { name: 'Найти переменную' }).fill('utm_camp');
  await field.getByRole('option').filter({ hasText: 'UTM Campaign' }).getByRole('button').first().click();
  await expect(input.inputValue()).resolves.toBe('{{ campaign_name or "Сайт" }} / {{ utm_campaign }}');

  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(preview.textContent()).resolves.toBe('Яндекс.Директ — Haval Jolion / haval_jolion_2026');
  await page.screenshot({ path: `${SHOTS}/options-template-preview.png`, fullPage: true });

  // Jinja2's semantics in the preview: chained comparison, a tuple membership, a negative slice, True.
  await input.fill('{{ 0 < talk_duration < 30 }} {{ utm_source in ("yandex", "google") }} {{ utm_campaign[-4:] }} {{ utm_source is string }}');
  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(preview.textContent()).resolves.toBe('False True 2026 True');

  // A syntax error, worded in the page's language (ru) with its line and column.
  // The lint runs a moment after typing stops, so each check waits for its text.
  await input.fill('Источник:\n{{ campaign_name or }}');
  await lintError.filter({ hasText: /^Строка 2, позиция 21: Неожиданное «}}»$/ }).waitFor();
  // A filter the interpreter does not have, at its position.
  await input.fill('{{ utm_source | uper }}');
  await lintError.filter({ hasText: /^Строка 1, позиция 17: Фильтра «uper» нет$/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}/options-template-error.png`, fullPage: true });
  await input.fill('{{ campaing_name }}');
  await field.getByText('Переменной «campaing_name» нет у этого вида коммуникаций: будет пусто.').waitFor();

  // A runaway template stops on its fuel, in the page, with a clear message; the next preview works.
  await input.fill('{% for a in range(9000) %}{% for b in range(9000) %}{% endfor %}{% endfor %}x');
  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(preview.textContent()).resolves.toMatch(/^Шаблон не сработал: .*слишком много шагов/);
  await input.fill('{{ utm_source | upper }}');
  await field.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(preview.textContent()).resolves.toBe('YANDEX');

  await page.getByTestId('save-incomingCalls').click();
  await page.getByTestId('rules-incomingCalls').getByRole('status').getByText('Сохранено').waitFor();
  const rules = await sendFromPage<Reply<{ incomingCalls: { base: { templates: { source: string } } } }>>(page, { type: 'rules.get' });
  expect(rules.ok && rules.value.incomingCalls.base.templates.source).toBe('{{ utm_source | upper }}');

  await input.fill('что-то другое');
  await field.getByRole('button', { name: 'Вернуть сохранённое' }).click();
  await expect(input.inputValue()).resolves.toBe('{{ utm_source | upper }}');
  await field.getByRole('button', { name: 'По умолчанию' }).click();
  await expect(input.inputValue()).resolves.toBe('{{ campaign_name or "Телефония CallGear" }}');
  await page.close();
});

test('a template reaches no code: the old escapes print nothing or fail, in the worker', async () => {
  const page = await browser.openOptions();
  for (const template of ['{{ range.constructor("return typeof chrome")() }}', '{{ constructor }}', '{{ "".constructor.constructor("return 1")() }}', '{{ cycler.__init__ }}']) {
    const reply = await sendFromPage<Reply<RenderResult>>(page, { type: 'render', template, context: {} });
    expect(reply.ok, template).toBe(true);
    const result = reply.ok ? reply.value : null;
    expect(result?.ok ? result.text : '', template).toBe('');
  }
  await page.close();
});

/** Jinja2 semantics nunjucks got wrong (empty list, tuple `in`, chained comparison, `/`, True/False, slices, for … if … else). */
const COMMENT =
  '{{ "Пропущенный" if is_lost else "Принятый" }} звонок{% if tags %}, теги: {{ tags | map(attribute="tag_name") | join(", ") }}{% endif %}; ' +
  '{{ (talk_duration / 60) | round(1) }} мин{% if 0 < talk_duration < 60 %} (короткий){% endif %}; {{ direction in ("in", "inbound") }}; ' +
  '{{ contact_phone_number[-4:] }}; {{ is_lost }}{% for e in employees if e.is_answered %}; {{ loop.index }}. {{ e.employee_id }}{% else %}; никто{% endfor %}';

test('the service worker renders a real communication from the simulator: the comment in AutoCRM is Jinja2’s text', async () => {
  const ask = <T>(message: unknown) => askBackground<T>(browser, message);
  const autocrmOrigin = autocrm.server.url('sever.autocrm.ru');
  for (const message of simulatorAccounts(autocrm.server, callgear.server)) await ask(message);
  await ask({
    type: 'rules.save',
    kind: 'incomingCalls',
    ruleSet: {
      base: { entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: null, templates: { source: '{{ campaign_name or "Телефония CallGear" }}', subSource: '', comment: COMMENT } },
      clarifying: [],
    },
  });
  await ask({ type: 'userMap.save', records: [{ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна' }] });
  await ask({ type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } });

  const call = callgear.sim.addCall({ employeeId: 9001, campaignId: 701, contact: '79161234567', tags: [601, 602] });
  const crm = await browser.context.newPage();
  await crm.goto(`${autocrmOrigin}/clients/1`);
  await crm.locator('callgear-autocrm').waitFor({ state: 'attached' });
  await crm.waitForFunction(() => 'fakeSoftphone' in window);
  await crm.evaluate((id) => {
    const phone = (window as unknown as { fakeSoftphone: { incomingCall(o: object): void; answer(): void; end(): void } }).fakeSoftphone;
    phone.incomingCall({ callSessionId: id, contact: '79161234567' });
    phone.answer();
    phone.end();
  }, call.id);

  const created = await waitFor(() => autocrm.sim.createdOf('leads/request'), (c) => c.length > 0);
  expect(created).toHaveLength(1);
  // Expected text rendered by python3-jinja2 3.1 (SandboxedEnvironment) from the same report row.
  expect((created[0]!.body as { comment?: string }).comment).toBe('Принятый звонок, теги: Целевой, Сервис; 3.1 мин; True; 4567; False; 1. 9001');
  await crm.close();
});
