import type { AutocrmClient } from './autocrm/client';
import type { CallGearClient } from './callgear/client';
import { isApiError, type LocalizedText } from './api-error';

/** What "Check connection" tells the admin: who we are connected as and what we see, or what is wrong. */
export type CheckResult =
  | { ok: true; text: LocalizedText; details: string[] }
  | { ok: false; kind: string; code?: string; text: LocalizedText };

const failed = (error: unknown): CheckResult =>
  isApiError(error)
    ? { ok: false, kind: error.kind, ...(error.code ? { code: error.code } : {}), text: error.text }
    : { ok: false, kind: 'internal', text: { ru: `Не удалось проверить: ${String(error)}`, en: `Could not check: ${String(error)}` } };

export async function checkAutocrm(client: AutocrmClient, login?: string): Promise<CheckResult> {
  try {
    const salons = await client.listAutosalons();
    const user = login ? (await client.listUsers({ includeFired: true })).find((u) => u.login === login) : undefined;
    const who = user?.person ?? login;
    const names = salons.map((s) => s.name);
    return {
      ok: true,
      text: {
        ru: `${who ? `Подключено как ${who}. ` : 'Ключ принят. '}Видно автосалонов: ${salons.length}.`,
        en: `${who ? `Connected as ${who}. ` : 'The key was accepted. '}Dealerships visible: ${salons.length}.`,
      },
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
      text: {
        ru: `Подключено к аккаунту «${account.name ?? account.app_id}» (${account.timezone}). Сотрудников: ${employees.length}.`,
        en: `Connected to account "${account.name ?? account.app_id}" (${account.timezone}). Employees: ${employees.length}.`,
      },
      details: [],
    };
  } catch (error) {
    return failed(error);
  }
}
