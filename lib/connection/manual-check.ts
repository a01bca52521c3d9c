import { phrase } from '../phrase';
import type { Service } from '../api-error';
import { BRAND_HOSTS, type Brand } from '../callgear/hosts';
import type { ConfigStore } from '../config-store';
import { checkAutocrm, checkCallGear, type CheckResult } from '../connection-check';
import { describeNetFailure, type NetErrorLog } from './net-failure';

// The "Check" button of an account: a manual connection check, with Chromium's name for a network failure.

const notConfigured: CheckResult = { ok: false, kind: 'not-configured', text: phrase('connNotAdded') };
export const cancelled: CheckResult = { ok: false, kind: 'cancelled', text: phrase('connCheckCancelled') };

export async function checkAccount(config: ConfigStore, kind: Service): Promise<CheckResult> {
  if (kind === 'autocrm') {
    const client = await config.autocrmClient();
    if (!client) return notConfigured;
    return checkAutocrm(client, (await config.accounts()).find((a) => a.kind === 'autocrm')?.settings.login);
  }
  const client = await config.callgearClient();
  return client ? checkCallGear(client) : notConfigured;
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
