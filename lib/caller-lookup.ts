import type { AutocrmClient } from './autocrm/client';
import { entityUrl } from './autocrm/links';
import { CASE_STATE_NAMES as STATE_RU, REQUEST_STATUS_NAMES as STATUS_RU } from './autocrm/types';
import { toE164 } from './phone';
import { phrase } from './phrase';
import { SaidError } from './said-error';

/** What the incoming-call card shows: who is calling and what the dealership already has on them. */
export interface CallerInfo {
  phone: string;
  client: { id: number; name: string; url: string } | null;
  inquiries: { id: number; status: string; responsible: string | null; url: string }[];
  worksheets: { id: number; state: string; responsible: string | null; url: string }[];
}

const OPEN_INQUIRY = new Set([1, 2, 4]);
const OPEN_CASE = new Set([0, 5, 1, 4]);

/** A look-up the background will not run, with the reason the card shows. */
export class LookupRefused extends SaidError {
  override name = 'LookupRefused';
}

/** The number a look-up searches for, in E.164; anything else never reaches AutoCRM's phone filters. */
export function callerNumber(rawPhone: string): string {
  const phone = toE164(rawPhone);
  if (!phone) throw new LookupRefused(phrase('lookup.notAPhone', { phone: rawPhone.slice(0, 40) }));
  return phone;
}

export async function lookupCaller(autocrm: AutocrmClient, rawPhone: string, users: Map<number, string>): Promise<CallerInfo> {
  const phone = callerNumber(rawPhone);
  const [clients, inquiries, worksheets] = await Promise.all([
    autocrm.findClientsByPhone(phone),
    autocrm.findRequestsByPhone(phone),
    autocrm.findCasesByPhone('retail', phone),
  ]);
  const client = clients[0];
  const person = client?.primaryPerson;
  const name = client ? ([person?.lastName, person?.firstName, person?.middleName].filter(Boolean).join(' ') || client.company?.name || `#${client.id}`) : '';
  return {
    phone,
    client: client ? { id: client.id, name, url: entityUrl(autocrm.origin, 'client', client.id) } : null,
    inquiries: inquiries
      .filter((i) => OPEN_INQUIRY.has(i.status ?? 0))
      .map((i) => ({ id: i.id, status: STATUS_RU[i.status ?? 0] ?? String(i.status), responsible: i.assignee_id ? (users.get(i.assignee_id) ?? `#${i.assignee_id}`) : null, url: entityUrl(autocrm.origin, 'inquiry', i.id) })),
    worksheets: worksheets
      .filter((w) => OPEN_CASE.has(w.state ?? 0))
      .map((w) => ({ id: w.id, state: STATE_RU[w.state ?? 0] ?? String(w.state), responsible: w.assignee?.person ?? (w.assigneeId ? (users.get(w.assigneeId) ?? `#${w.assigneeId}`) : null), url: entityUrl(autocrm.origin, 'worksheet', w.id) })),
  };
}

