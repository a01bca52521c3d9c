/**
 * The softphone-bridge contract (docs/softphone-events.md, v1): what the CallGear Softphone says on an
 * AutoCRM page, validated by hand so the content script stays small (no schema library there).
 */
export const SOFTPHONE_SOURCE = 'callgear-softphone';

export type SoftphoneEventType = 'softphone.ready' | 'call.incoming' | 'call.answered' | 'call.ended' | 'chat.started' | 'chat.finished';

export interface CallPayload {
  call_session_id: number;
  contact_phone_number: string;
  virtual_phone_number?: string;
  employee_id?: number;
  direction?: 'in' | 'out';
  is_lost?: boolean;
}

export interface ChatPayload {
  chat_id: number;
  visitor_name?: string;
  visitor_phone_number?: string;
  employee_id?: number;
  chat_channel_name?: string;
}

export type SoftphoneEvent =
  | { type: 'softphone.ready'; payload: { version?: string } }
  | { type: 'call.incoming' | 'call.answered' | 'call.ended'; payload: CallPayload }
  | { type: 'chat.started' | 'chat.finished'; payload: ChatPayload };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const optString = (v: unknown, max = 200) => v === undefined || (typeof v === 'string' && v.length <= max);
const optInt = (v: unknown) => v === undefined || isInt(v);

/** The event inside a page message, or null when the message is not a well-formed softphone event. */
export function parseSoftphoneMessage(data: unknown): SoftphoneEvent | null {
  if (typeof data !== 'object' || data === null) return null;
  const { source, version, type, payload } = data as Record<string, unknown>;
  if (source !== SOFTPHONE_SOURCE || version !== 1 || typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  switch (type) {
    case 'softphone.ready':
      return optString(p.version) ? { type, payload: { version: p.version as string | undefined } } : null;
    case 'call.incoming':
    case 'call.answered':
    case 'call.ended':
      if (!isInt(p.call_session_id) || typeof p.contact_phone_number !== 'string' || p.contact_phone_number.length > 32) return null;
      if (!optString(p.virtual_phone_number, 32) || !optInt(p.employee_id) || (p.direction !== undefined && p.direction !== 'in' && p.direction !== 'out')) return null;
      if (p.is_lost !== undefined && typeof p.is_lost !== 'boolean') return null;
      return {
        type,
        payload: {
          call_session_id: p.call_session_id,
          contact_phone_number: p.contact_phone_number,
          virtual_phone_number: p.virtual_phone_number as string | undefined,
          employee_id: p.employee_id as number | undefined,
          direction: p.direction as 'in' | 'out' | undefined,
          is_lost: p.is_lost as boolean | undefined,
        },
      };
    case 'chat.started':
    case 'chat.finished':
      if (!isInt(p.chat_id) || !optString(p.visitor_name) || !optString(p.visitor_phone_number, 32) || !optInt(p.employee_id) || !optString(p.chat_channel_name)) return null;
      return {
        type,
        payload: {
          chat_id: p.chat_id,
          visitor_name: p.visitor_name as string | undefined,
          visitor_phone_number: p.visitor_phone_number as string | undefined,
          employee_id: p.employee_id as number | undefined,
          chat_channel_name: p.chat_channel_name as string | undefined,
        },
      };
    default:
      return null;
  }
}

/** Which report a finished communication shows up in: the pipeline polls that kind at once. */
export function kindToPoll(event: SoftphoneEvent): 'call' | 'chat' | null {
  if (event.type === 'call.ended') return 'call';
  if (event.type === 'chat.finished') return 'chat';
  return null;
}
