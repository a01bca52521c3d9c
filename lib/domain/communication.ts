import { DateTime } from 'luxon';
import type { TemplateContext, TemplateValue } from '../templates/render-protocol';
import { toE164 } from '../phone';

/** The three kinds of CallGear communication (calls, chats and offline messages: the three CallGear reports the product reads). */
export type CommKind = 'call' | 'chat' | 'lead';

/** Which rule set applies: calls split by direction. */
export type RuleKind = 'incomingCalls' | 'outgoingCalls' | 'chats' | 'leads';

/** A communication as the pipeline sees it: the facts rules use, and every report value for templates. */
export interface Communication {
  kind: CommKind;
  /** CallGear's id of the report row (call session id, chat id, offline message id). */
  id: number;
  communicationId: number | null;
  /** When it happened, ISO with offset (converted from the account's local report time). */
  at: string;
  direction: 'in' | 'out' | null;
  lost: boolean;
  /** The customer's number in E.164, when there is one. */
  contactPhone: string | null;
  /** The CallGear employee who took it (answered the call, handled the chat, processed the lead). */
  employeeId: number | null;
  /** For chats: whether it has ended (only ended chats are processed). */
  finished: boolean;
  variables: TemplateContext;
  /** Set on the placeholder of a report row that could not be read: it holds no facts and is never acted on. */
  unread?: UnreadMark;
}

/** Why a row is a placeholder, and where intake can look for it again. */
export interface UnreadMark {
  reason: string;
  /** The report window (ISO) the row was listed in: a re-read asks the report for its id there. */
  window: { from: string; till: string };
  /** Set by a retry: intake reads the row from CallGear again before anything may act on it. */
  rereadRequested?: boolean;
}

/**
 * Whether a communication is a placeholder for an unread row. Items quarantined before the mark existed
 * have no variables at all (a row that was read always has at least its id).
 */
export const isUnread = (comm: Pick<Communication, 'unread' | 'variables'>): boolean => Boolean(comm.unread) || Object.keys(comm.variables).length === 0;

export const ruleKindOf = (c: Pick<Communication, 'kind' | 'direction'>): RuleKind =>
  c.kind === 'call' ? (c.direction === 'out' ? 'outgoingCalls' : 'incomingCalls') : c.kind === 'chat' ? 'chats' : 'leads';

export const inboxKey = (kind: CommKind, id: number) => `${kind}:${id}`;

/** The marker written into AutoCRM's `external_id` so a communication is created once, whoever creates it. */
export const markerOf = (kind: CommKind, id: number) => `callgear:${kind}:${id}`;

const toTemplateValue = (value: unknown): TemplateValue => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toTemplateValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTemplateValue(v)]));
  return String(value);
};

/** Report time (account-local `YYYY-MM-DD hh:mm:ss`) → ISO with offset. */
export function reportTimeToIso(text: string, accountZone: string): string {
  const parsed = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss', { zone: accountZone });
  if (!parsed.isValid) throw new Error(`"${text}" is not a report time (YYYY-MM-DD hh:mm:ss)`);
  return parsed.toISO()!;
}

type RawRow = Record<string, unknown> & { id: number };

/** A phone field as the reports send it: text, or a number (visitor_phone_number is documented as one). */
const phoneText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : null;

const CHAT_FINISHED = new Set(['succeed', 'lost', 'refused']);

/** Builds a Communication from a report row of its kind. Throws with a reason on a row it cannot use. */
export function toCommunication(kind: CommKind, row: RawRow, accountZone: string): Communication {
  const variables = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toTemplateValue(v)]));
  if (typeof row.visitor_phone_number === 'number') variables.visitor_phone_number = phoneText(row.visitor_phone_number);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  if (kind === 'call') {
    const direction = row.direction === 'out' ? 'out' : 'in';
    return {
      kind,
      id: row.id,
      communicationId: num(row.communication_id),
      at: reportTimeToIso(String(row.start_time), accountZone),
      direction,
      lost: row.is_lost === true,
      contactPhone: toE164(phoneText(row.contact_phone_number)),
      employeeId: num(row.last_answered_employee_id) ?? (direction === 'out' ? num((row.employees as { employee_id?: number }[] | undefined)?.[0]?.employee_id) : null),
      finished: true,
      variables,
    };
  }
  const common = {
    kind,
    id: row.id,
    communicationId: num(row.communication_id),
    at: reportTimeToIso(String(row.date_time), accountZone),
    direction: null,
    contactPhone: toE164(phoneText(row.visitor_phone_number)),
    employeeId: num(row.employee_id),
    variables,
  };
  if (kind === 'chat') return { ...common, lost: row.status === 'lost', finished: CHAT_FINISHED.has(String(row.status)) };
  return { ...common, lost: false, finished: true };
}

/**
 * The customer's name as the reports give it: the form's `visitor_name` (leads), the address-book
 * `contact_full_name` (calls), or the messenger `chat_username` (the chats report documents no visitor name).
 */
export function clientNameOf(variables: TemplateContext): string | null {
  for (const field of ['visitor_name', 'contact_full_name', 'chat_username']) {
    const value = variables[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
