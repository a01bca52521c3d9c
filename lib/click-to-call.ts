import { isApiError } from './api-error';
import { checkDialable } from './dial-policy';
import type { Asker } from './features/define';
import { phrase, type Phrase } from './phrase';

type Text = { ru: string; en: string };
export type CallStart = { ok: true; callSessionId: number } | { ok: false; text: Text } | { ok: false; said: Phrase };

/** The part of the CallGear client click-to-call uses (lib/callgear/client.ts). */
export interface Dialer {
  virtualNumbers(): Promise<{ virtual_phone_number: string }[]>;
  startEmployeeCall(call: { employeeId: number; contact: string; virtualNumber: string }): Promise<number>;
}

/** What this installation knows when a call is asked for. */
export interface CallSetup {
  callgear: Dialer | null;
  /** This browser's CallGear employee (settings → This installation). */
  employeeId: number | null;
  /** The virtual number chosen for calls; otherwise the account's first. */
  virtualNumber: string | null;
  autocrmConnected: boolean;
  /** Whether this tab may start one more call this minute (lib/softphone/page-guard.ts). */
  admitCall(tab: string): boolean;
}

const refused = (said: Phrase): CallStart => ({ ok: false, said });

/**
 * Click-to-call through CallGear's Call API `start.employee_call` (callgear.github.io call_api/create_call/start_employee_call):
 * the employee's phone rings first, then the contact's. Every refusal is a reply the page shows, not an error.
 * An AutoCRM page may only call once AutoCRM is connected, and only a few times a minute per tab.
 */
export async function startCall(setup: CallSetup, phone: string, from: Asker): Promise<CallStart> {
  const { callgear, employeeId } = setup;
  if (from.kind === 'content' && !setup.autocrmConnected) {
    return refused(phrase('call.refused.autocrmNotConnected'));
  }
  if (!callgear) return refused(phrase('call.refused.callgearNotConnected'));
  if (employeeId === null) return refused(phrase('call.refused.noEmployee'));
  const dialable = checkDialable(phone);
  if (!dialable.ok) return { ok: false, said: dialable.said };
  if (from.kind === 'content' && !setup.admitCall(from.tab)) {
    return refused(phrase('call.refused.tooMany'));
  }
  try {
    const virtualNumber = setup.virtualNumber ?? (await callgear.virtualNumbers())[0]?.virtual_phone_number;
    if (!virtualNumber) return refused(phrase('call.refused.noVirtualNumber'));
    // `contact`: E.164 digits without "+", e.g. 79091234567 (call_api/create_call/start_employee_call).
    return { ok: true, callSessionId: await callgear.startEmployeeCall({ employeeId, contact: dialable.e164.slice(1), virtualNumber }) };
  } catch (error) {
    return { ok: false, text: isApiError(error) ? error.text : { ru: String(error), en: String(error) } };
  }
}
