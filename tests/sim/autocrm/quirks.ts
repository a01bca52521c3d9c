/**
 * What the AutoCRM swagger leaves undocumented, one switch per behaviour, each with the plausible variants
 * (set with POST /__control/quirks). The defaults and why: docs/decisions.md "Simulators".
 */
export interface AutocrmQuirks {
  /**
   * How `phone` on /client and /leads/request, and `clientPhone` on /<kind>Case, match a stored number
   * (documented only as "Номер телефона"): the stored string exactly, both sides reduced to digits, or the
   * stored string containing the query (SQL LIKE %q%).
   */
  phoneMatch: 'exact' | 'digits' | 'contains';
  /** GET /call `end` (d.m.Y H:i): through second :59 of that minute, or the instant HH:mm:00. */
  callEnd: 'whole-minute' | 'instant';
  /** Pagination metadata on lists: X-Pagination-* headers, `meta.pagination` in the body, both, or none. */
  pagingMeta: 'headers' | 'body' | 'both' | 'none';
  /** A validation failure: HTTP 200 with `status: 0`, or HTTP 422. */
  validationStatus: 200 | 422;
  /** Which array of POST /client?type=business becomes the company's phones. */
  companyPhones: 'phones' | 'personPhones';
  /** POST /source with a name that exists: refused as a validation error, or a second source. */
  duplicateSourceNames: 'refused' | 'allowed';
  /**
   * GET /case/states: an array of {id, name}, an object map {id: name}, or the swagger's literal reading of
   * `result: $ref Array` (one `{id, name}` object). The last is not in QUIRK_VARIANTS: the pipeline never
   * reads the states; only the integration check's case-states item does.
   */
  caseStates: 'array' | 'map' | 'object';
  /** The instance's time zone, in which it prints createdAt / created_at (the swagger gives formats only). */
  serverZone: string;
}

export const DEFAULT_QUIRKS: AutocrmQuirks = {
  phoneMatch: 'digits',
  callEnd: 'instant',
  pagingMeta: 'headers',
  validationStatus: 200,
  companyPhones: 'personPhones',
  duplicateSourceNames: 'allowed',
  caseStates: 'array',
  serverZone: 'Europe/Moscow',
};

/** Every variant of every switch, for a matrix test. */
export const QUIRK_VARIANTS: { [K in keyof AutocrmQuirks]: AutocrmQuirks[K][] } = {
  phoneMatch: ['exact', 'digits', 'contains'],
  callEnd: ['whole-minute', 'instant'],
  pagingMeta: ['headers', 'body', 'both', 'none'],
  validationStatus: [200, 422],
  companyPhones: ['phones', 'personPhones'],
  duplicateSourceNames: ['refused', 'allowed'],
  caseStates: ['array', 'map'],
  // Moscow, and a dealer five hours ahead of UTC (toyota-aktau.autocrm.ru is UTC+5).
  serverZone: ['Europe/Moscow', 'Asia/Aqtau'],
};

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

/** Whether a stored phone string answers a phone query under the chosen matching. */
export function phoneMatches(stored: unknown, query: string, mode: AutocrmQuirks['phoneMatch']): boolean {
  const text = String(stored ?? '');
  if (!query) return false;
  switch (mode) {
    case 'exact':
      return text === query;
    case 'digits':
      return digits(query).length > 0 && digits(text) === digits(query);
    case 'contains':
      return text.includes(query);
  }
}
