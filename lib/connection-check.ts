import type { AutocrmClient } from './autocrm/client';
import type { CallGearClient } from './callgear/client';
import { isApiError } from './api-error';
import { phrase, type Said } from './phrase';

/** What "Check connection" tells the admin: who we are connected as and what we see, or what is wrong. */
export type CheckResult =
  | { ok: true; text: Said; details: string[] }
  | { ok: false; kind: string; code?: string; text: Said };

const failed = (error: unknown): CheckResult =>
  isApiError(error)
    ? { ok: false, kind: error.kind, ...(error.code ? { code: error.code } : {}), text: error.phrase ?? error.text }
    : { ok: false, kind: 'internal', text: phrase('connCouldNotCheck', { error: String(error) }) };

export async function checkAutocrm(client: AutocrmClient, login?: string): Promise<CheckResult> {
  try {
    const salons = await client.listAutosalons();
    const user = login ? (await client.listUsers({ includeFired: true })).find((u) => u.login === login) : undefined;
    const who = user?.person ?? login;
    const names = salons.map((s) => s.name);
    return {
      ok: true,
      text: who ? phrase('connCrmConnectedAs', { who, salons: salons.length }) : phrase('connCrmKeyAccepted', { salons: salons.length }),
      details: names,
    };
  } catch (error) {
    return failed(error);
  }
}

export async function checkCallGear(client: CallGearClient): Promise<CheckResult> {
  try {
    const account = await client.account();
    const employees = await client.employees();
    return {
      ok: true,
      text: phrase('connCgConnected', { account: account.name ?? account.app_id, timezone: account.timezone, employees: employees.length }),
      details: [],
    };
  } catch (error) {
    return failed(error);
  }
}
