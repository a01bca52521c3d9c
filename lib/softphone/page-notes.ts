import type { AppDb } from '../db';
import { noteAutocrmPage } from '../check-session';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Notes for the integration check that an AutoCRM page spoke (at most once an hour per worker life) and
 * that the softphone spoke (once a minute), so it can tell "no softphone" from "no page seen" while a
 * burst of page events makes no burst of writes.
 */
export class PageNotes {
  private pageAt = -Infinity;
  private softphoneAt = -Infinity;

  constructor(
    private readonly db: AppDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves once noted (or at once when skipped); a failed write is only a missed note. */
  page(): Promise<void> {
    const now = this.now();
    if (now - this.pageAt < HOUR) return Promise.resolve();
    this.pageAt = now;
    return noteAutocrmPage(this.db, false, now).catch(() => undefined);
  }

  softphone(): Promise<void> {
    const now = this.now();
    if (now - this.softphoneAt < MINUTE) return Promise.resolve();
    this.softphoneAt = now;
    return noteAutocrmPage(this.db, true, now).catch(() => undefined);
  }
}
