/**
 * Masking for the free text that goes into a diagnostic report (error messages): phone numbers, e-mail
 * addresses, tokens and quoted values never leave the browser. Over-masking is the safe side: an id of
 * seven digits or more is masked too; only dates in the usual forms are kept.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** A run of digits with the separators people type in phone numbers; masked when it holds 7+ digits. */
const DIGIT_RUN = /\+?\d[\d\s().-]*\d/g;
/** Keys and session tokens: a long unbroken run of letters, digits, `_`, `-`, `.` holding a digit. */
const TOKEN = /[A-Za-z0-9_\-.=+/]{20,}/g;
/** Quoted values: «…», “…”, "…", '…' (Yii's validation messages quote the value that failed). */
const QUOTED = /«[^»]*»|“[^”]*”|"[^"]*"|'[^']*'/g;

/** Dates (with the hour a digit run reaches before a colon) are not phones: `2026-11-30`, `30.11.2026 10`. */
const DATE = /^(\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4})( \d{2})?$/;

const countDigits = (text: string) => (text.match(/\d/g) ?? []).length;

export const MASK = { phone: '<phone>', email: '<e-mail>', token: '<token>', quoted: '«…»', name: '<name>' } as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Phones and e-mails only, in text that is configuration (templates, rule values), where quotes and names are the admin's. */
export function maskContacts(text: string): string {
  return text.replace(EMAIL, MASK.email).replace(DIGIT_RUN, (run) => (countDigits(run) >= 7 && !DATE.test(run) ? MASK.phone : run));
}

/**
 * A copy of a configuration with phones and e-mails masked: in strings, and numbers of ten digits or
 * more (a rule may compare a number field with a client's or a dealer's phone).
 */
export function maskContactsDeep<T>(value: T): T {
  if (typeof value === 'string') return maskContacts(value) as T;
  if (typeof value === 'number') return (Number.isInteger(value) && Math.abs(value) >= 1e9 ? MASK.phone : value) as T;
  if (Array.isArray(value)) return value.map((item) => maskContactsDeep(item)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, maskContactsDeep(child)])) as T;
  return value;
}

/**
 * Masks a message. `names` are people's names this installation knows (its users, the employees): any
 * word of them with three or more letters is masked wherever it stands.
 */
export function maskText(text: string, names: readonly string[] = []): string {
  let masked = text
    .replace(QUOTED, MASK.quoted)
    .replace(EMAIL, MASK.email)
    .replace(TOKEN, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? MASK.token : run))
    .replace(DIGIT_RUN, (run) => (countDigits(run) >= 7 && !DATE.test(run) ? MASK.phone : run));
  const words = nameWords(names);
  if (words.length > 0) masked = masked.replace(new RegExp(`(?<![\\p{L}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}])`, 'giu'), MASK.name);
  return masked;
}

/** The words of people's names worth masking: three letters or more, longest first. */
export function nameWords(names: readonly string[]): string[] {
  const words = new Set<string>();
  for (const name of names) for (const word of name.split(/[^\p{L}-]+/u)) if ([...word].length >= 3) words.add(word);
  return [...words].sort((a, b) => b.length - a.length);
}

/** Keys whose values are personal or secret wherever they appear; their values are dropped. */
const PERSONAL_KEY = /(^|_)(name|first_?name|last_?name|middle_?name|patronymic|full_?name|person|fio|email|e_?mail|phone|phones|phone_numbers?|emails|login|password|token|access_token|secret|api_?key|access_?key|secret_?key|authorization)$/i;

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEY.test(key.replace(/([a-z])([A-Z])/g, '$1_$2'));
}

/**
 * A copy of any JSON value with every string masked and the values of personal or secret keys
 * replaced by `<masked>`: for stored results whose exact layout this module does not own.
 */
export function maskDeep(value: unknown, names: readonly string[] = []): unknown {
  if (typeof value === 'string') return maskText(value, names);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, names));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, isPersonalKey(key) && child !== null && child !== undefined ? '<masked>' : maskDeep(child, names)]),
    );
  }
  return value;
}
