/**
 * Phone numbers as dealers type them ("8 (912) 345-67-89", "+7 912 3456789", "9123456789", "тел. 7-912-…")
 * normalised to E.164, plus the forms AutoCRM endpoints expect (swagger.json `definitions.Request.phone`: international with '+'; the search forms are in docs/decisions.md, U2).
 */
const RUSSIAN_NATIONAL_LENGTH = 10;

/** E.164 (`+79123456789`) or null when the text holds no dialable public number (e.g. extension `101`). */
export function toE164(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const text = String(input).trim();
  const digits = text.replace(/\D/g, '');
  // A written '+' means the digits already carry their country code (`+882…` is not a Russian trunk 8).
  if (text.startsWith('+') && digits.length >= 11 && digits.length <= 15) return `+${digits}`;
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

/**
 * The forms a number may be stored in on AutoCRM's side. The `phone` / `clientPhone` filters are
 * documented only as "Номер телефона" / "Телефон клиента" (swagger.json, paths `/client`,
 * `/leads/request`, `/retailCase` in mikopbx/ModuleAutoCRM), so every look-up by phone tries these, in
 * this order; docs/decisions.md (AutoCRM port, U2).
 */
export const PHONE_FORMS = ['e164', 'international', 'national', 'trunk'] as const;
export type PhoneForm = (typeof PHONE_FORMS)[number];

/** One number in each form: `+79123456789`, `79123456789`, `9123456789`, `89123456789`. */
export function phoneInForms(input: string | number | null | undefined): Partial<Record<PhoneForm, string>> {
  const e164 = toE164(input);
  if (!e164) return {};
  if (!e164.startsWith('+7')) return { e164, international: e164.slice(1) };
  const national = e164.slice(2);
  return { e164, international: `7${national}`, national, trunk: `8${national}` };
}

/**
 * Search values for AutoCRM's phone filters, most likely first. `preferred` (the forms the integration
 * check saw hit) go first, then every other form: the check samples a few clients, and a client stored
 * in a form it did not see must still be found, or a duplicate would be created.
 */
export function phoneSearchVariants(input: string | number | null | undefined, preferred?: readonly PhoneForm[]): string[] {
  const forms = phoneInForms(input);
  const all = PHONE_FORMS.map((form) => forms[form]).filter((v): v is string => v !== undefined);
  const narrowed = (preferred ?? []).map((form) => forms[form]).filter((v): v is string => v !== undefined);
  return [...new Set([...narrowed, ...all])];
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
