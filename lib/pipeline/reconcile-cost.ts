import type { CommKind } from '../domain/communication';

/**
 * What a reconciliation run may cost in CallGear points, computed before it runs. Framework- and
 * zod-free so that the options page can show it without loading the CallGear client.
 */

export const DEFAULT_RECONCILE_DAYS = 7;
/** The reports refuse windows over three months (data_api/index.html, `date_interval_limit_reached`). */
export const MAX_RECONCILE_DAYS = 90;
/** Report windows stay under three months. */
export const MAX_WINDOW_DAYS = 89;
/** The largest `limit` a Data API list accepts (data_api/index.html, "limit": up to 10 000). */
export const RECONCILE_PAGE_SIZE = 10_000;
/**
 * Pages read per report and window at most: 50 000 communications of one kind in one window is far
 * beyond a dealership's, and the cap is what makes the shown cost a bound. A report that reaches it is
 * marked `truncated`.
 */
export const MAX_PAGES_PER_WINDOW = 5;
/** The reports read: calls, chats and offline messages. */
export const REPORT_KINDS: readonly CommKind[] = ['call', 'chat', 'lead'];

export interface ReconcileCost {
  /** One page per report and window (or as many as `expectedRows` need). */
  expected: number;
  /** Every report and window read to MAX_PAGES_PER_WINDOW, plus one `get.account` for the zone. */
  max: number;
}

export const clampDays = (days: number | undefined) => Math.min(MAX_RECONCILE_DAYS, Math.max(1, Math.round(days ?? DEFAULT_RECONCILE_DAYS)));

/** Windows under three months covering `days` days. */
export const windowsFor = (days: number) => Math.ceil(clampDays(days) / MAX_WINDOW_DAYS);

/**
 * Each report (calls, chats, offline messages) is read per window, a page of up to RECONCILE_PAGE_SIZE
 * rows a request; each successful request costs 1 point (data_api/index.html "Limits and restrictions":
 * "All operations: 1"; errors are not charged). `expectedRows` refines the expected figure.
 */
export function reconcileCost(days: number, expectedRows: Partial<Record<CommKind, number>> = {}): ReconcileCost {
  const windows = windowsFor(days);
  const pagesOf = (rows: number) => Math.min(MAX_PAGES_PER_WINDOW, Math.max(1, Math.ceil((rows + 1) / RECONCILE_PAGE_SIZE)));
  const expected = REPORT_KINDS.reduce((sum, kind) => sum + windows * pagesOf((expectedRows[kind] ?? 0) / windows), 0);
  return { expected, max: REPORT_KINDS.length * windows * MAX_PAGES_PER_WINDOW + 1 };
}
