/**
 * Phone numbers as dealers type them ("8 (912) 345-67-89", "+7 912 3456789", "9123456789", "тел. 7-912-…")
 * normalised to E.164, plus the forms AutoCRM endpoints expect (research/autocrm-api.md §1.6, U1).
 */
const RUSSIAN_NATIONAL_LENGTH = 10;

/** E.164 (`+79123456789`) or null when the text holds no dialable public number (e.g. extension `101`). */
export function toE164(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const text = String(input).trim();
  const digits = text.replace(/\D/g, '');
  if (digits.length === RUSSIAN_NATIONAL_LENGTH) return `+7${digits}`;
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) return `+7${digits.slice(1)}`;
  if (digits.length >= 11 && digits.length <= 15 && (text.startsWith('+') || text.startsWith('00') || digits.length > 11)) {
    return `+${digits.replace(/^00/, '')}`;
  }
  return null;
}

/** The last ten digits, the key both simulators and AutoCRM-side matching use. */
export function nationalKey(input: string | number | null | undefined): string | null {
  const e164 = toE164(input);
  return e164 ? e164.slice(-RUSSIAN_NATIONAL_LENGTH) : null;
}

/** Search forms for AutoCRM's `?phone=` filters, most likely first: +7…, 7…, last ten digits, 8…. */
export function phoneSearchVariants(input: string | number | null | undefined): string[] {
  const e164 = toE164(input);
  if (!e164) return [];
  if (!e164.startsWith('+7')) return [e164, e164.slice(1)];
  const national = e164.slice(2);
  return [e164, `7${national}`, national, `8${national}`];
}

/** `+7 (912) 345-67-89` for Russian numbers; other numbers as E.164; unparseable input unchanged. */
export function formatPhone(input: string | number | null | undefined): string {
  const e164 = toE164(input);
  if (!e164) return input === null || input === undefined ? '' : String(input);
  if (!e164.startsWith('+7') || e164.length !== 12) return e164;
  const n = e164.slice(2);
  return `+7 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8, 10)}`;
}

/** Digits only with the country code (`79123456789`): the AutoCRM `/call` from/to form. */
export function toCallFormat(input: string | number | null | undefined): string {
  const e164 = toE164(input);
  return e164 ? e164.slice(1) : String(input ?? '').replace(/\D/g, '');
}
