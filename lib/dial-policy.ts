import { toE164 } from './phone';
import { phrase, type Phrase } from './phrase';

/** What the admin allows click-to-call to dial beyond ordinary numbers. */
export interface DialPolicy {
  /** Premium-rate ranges (below); off unless an admin turns it on. */
  allowPremium: boolean;
}

export const STRICT_DIAL_POLICY: DialPolicy = { allowPremium: false };

/**
 * Ranges billed above normal rates to the calling dealership, as E.164 prefixes:
 * - `+7803`, `+7809`: Russia's value-added ("с дополнительной оплатой") codes, Российская система и план
 *   нумерации (приказ Мининформсвязи России от 17.11.2006 № 142); 8-809 is the range a page script dialled
 *   in the security review (docs/decisions.md, "In-page defences");
 * - `+979`: ITU-T E.164 "International Premium Rate Service";
 * - `+870`, `+881`, `+882`, `+883`: ITU-T E.164 Inmarsat, Global Mobile Satellite System and International
 *   Networks codes, charged as satellite/international-network calls.
 */
export const PREMIUM_PREFIXES = ['+7803', '+7809', '+979', '+870', '+881', '+882', '+883'] as const;

export type DialRefusal = 'not-a-number' | 'premium';
/** A refusal says why as a phrase (lib/phrase.ts), worded by the page that asked. */
export type DialCheck = { ok: true; e164: string } | { ok: false; refusal: DialRefusal; said: Phrase };

/**
 * Whether click-to-call may dial this text. CallGear's `start.employee_call` takes `contact` only as
 * E.164 or an employee's SIP number, and no extensions (callgear.github.io
 * call_api/create_call/start_employee_call, parameter `contact`), so short numbers are always refused.
 */
export function checkDialable(raw: string, policy: DialPolicy = STRICT_DIAL_POLICY): DialCheck {
  const e164 = toE164(raw);
  if (!e164 || (e164.startsWith('+7') && e164.length !== 12)) {
    return { ok: false, refusal: 'not-a-number', said: phrase('dial.notANumber', { raw }) };
  }
  if (!policy.allowPremium && PREMIUM_PREFIXES.some((prefix) => e164.startsWith(prefix))) {
    return { ok: false, refusal: 'premium', said: phrase('dial.premium', { number: e164 }) };
  }
  return { ok: true, e164 };
}
