import { browser } from 'wxt/browser';
import type { Service } from '@/lib/api-error';
import { BRAND_HOSTS, type Brand } from '@/lib/callgear/hosts';
import type { ConfigStore } from '@/lib/config-store';
import { checkAutocrm, checkCallGear, type CheckResult } from '@/lib/connection-check';
import { describeNetFailure, type NetErrorLog } from '@/lib/connection/net-failure';
import { findBrokenTemplates } from '@/lib/rules/broken-templates';
import type { RuleSet } from '@/lib/rules/schema';
import { templateErrorText } from '@/lib/templates/error-text';
import type { TemplateRenderer } from '@/lib/templates/render-protocol';

// What the router's account and rules handlers ask before they answer: a manual connection check (with
// Chromium's name for a network failure) and a rule set's broken templates.

const notConfigured: CheckResult = { ok: false, kind: 'not-configured', text: { ru: 'Аккаунт ещё не добавлен.', en: 'The account is not added yet.' } };
export const cancelled: CheckResult = { ok: false, kind: 'cancelled', text: { ru: 'Проверка отменена.', en: 'The check was cancelled.' } };

export async function checkAccount(config: ConfigStore, kind: Service): Promise<CheckResult> {
  if (kind === 'autocrm') {
    const client = await config.autocrmClient();
    if (!client) return notConfigured;
    return checkAutocrm(client, (await config.accounts()).find((a) => a.kind === 'autocrm')?.settings.login);
  }
  const client = await config.callgearClient();
  return client ? checkCallGear(client) : notConfigured;
}

const FIELD_LABEL_KEYS = { comment: 'fieldComment', source: 'fieldSource', subSource: 'fieldSubSource', title: 'taskTitle', taskTitle: 'taskTitle' } as const;

/** The first broken template of a rule set, as the admin reads it (rule, field, line and column), or null. */
export async function brokenTemplateMessage(ruleSet: RuleSet, renderer: TemplateRenderer): Promise<string | null> {
  const [first] = await findBrokenTemplates(ruleSet, async (template) => {
    const result = await renderer.render({ template, context: {} });
    return !result.ok && result.error.kind === 'syntax' ? result.error : null;
  });
  if (!first) return null;
  const rule = first.rule ?? browser.i18n.getMessage('baseRule');
  // The error in the UI's language, with its line and column (lib/templates/error-text.ts).
  const text = templateErrorText(first.error, (name, subs) => browser.i18n.getMessage(name as Parameters<typeof browser.i18n.getMessage>[0], subs));
  return browser.i18n.getMessage('rulesBrokenTemplate', [browser.i18n.getMessage(FIELD_LABEL_KEYS[first.field]), rule, text]);
}

/** The host a manual check talks to (the Data API for CallGear), to find Chromium's network error for it. */
export async function accountHost(config: ConfigStore, kind: Service): Promise<string | null> {
  const settings = (await config.accounts()).find((a) => a.kind === kind)?.settings;
  const url = kind === 'autocrm' ? settings?.url : (settings?.dataApiUrl ?? BRAND_HOSTS[(settings?.brand ?? 'callgear') as Brand]?.dataApi);
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/**
 * fetch() says only "Failed to fetch"; Chromium reports the network error to webRequest, sometimes just
 * after the promise rejects. A failed check waits briefly for it and names the problem.
 */
export async function explainNetFailure(result: CheckResult, kind: Service, host: string | null, log: NetErrorLog, since: number): Promise<CheckResult> {
  if (result.ok || result.kind !== 'unavailable' || !host || (result.code !== 'network' && result.code !== 'timeout')) return result;
  for (let waited = 0; waited <= 500; waited += 50) {
    const failure = log.lastFor(host, since);
    if (failure) return { ok: false, kind: `network:${failure}`, text: describeNetFailure(kind, failure, host) };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // No word from Chromium: still a manual check's answer, so no "we will try later".
  const failure = result.code === 'timeout' ? 'timeout' : 'network';
  return { ok: false, kind: `network:${failure}`, text: describeNetFailure(kind, failure, host) };
}
