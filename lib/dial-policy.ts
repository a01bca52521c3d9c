import { toE164 } from './phone';

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
export type DialCheck = { ok: true; e164: string } | { ok: false; refusal: DialRefusal; text: { ru: string; en: string } };

/**
 * Whether click-to-call may dial this text. CallGear's `start.employee_call` takes `contact` only as
 * E.164 or an employee's SIP number, and no extensions (callgear.github.io
 * call_api/create_call/start_employee_call, parameter `contact`), so short numbers are always refused.
 */
export function checkDialable(raw: string, policy: DialPolicy = STRICT_DIAL_POLICY): DialCheck {
  const e164 = toE164(raw);
  if (!e164 || (e164.startsWith('+7') && e164.length !== 12)) {
    return { ok: false, refusal: 'not-a-number', text: { ru: `«${raw}» не похоже на полный номер телефона (+7XXXXXXXXXX): короткие номера не набираются.`, en: `"${raw}" is not a full phone number (+7XXXXXXXXXX): short numbers are not dialled.` } };
  }
  if (!policy.allowPremium && PREMIUM_PREFIXES.some((prefix) => e164.startsWith(prefix))) {
    return { ok: false, refusal: 'premium', text: { ru: `${e164}: платный номер (с дополнительной оплатой). Такие номера набираются, только если администратор разрешил их.`, en: `${e164} is a premium-rate number. Such numbers are dialled only if an admin allows them.` } };
  }
  return { ok: true, e164 };
}
