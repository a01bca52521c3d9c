import type { CommKind } from '../domain/communication';
import type { InboxState } from '../inbox-states';
import type { JournalRow } from './rows';

// What the Журнал asks the worker for and gets back. Free of Dexie, so the options page can import it.

/** Rows the Журнал shows first, and adds with each «Показать ещё» (docs/decisions.md, "Журнал rows (issue 18)"). */
export const JOURNAL_PAGE = 100;

/** The most rows one page may hold (the message's bound; «Показать ещё» stops there). */
export const JOURNAL_MAX_ROWS = 5_000;

/**
 * How many of the newest communications (of the chosen day or state) a kind or number filter looks
 * through: those two have no index, so they read items one by one, and an unbounded search would read
 * the whole history on every inbox announcement while the filter is set.
 */
export const JOURNAL_SCAN = 5_000;

/** What the Журнал asks for: its filters, newest first, up to `limit` rows. */
export interface JournalQuery {
  limit: number;
  state?: InboxState;
  kind?: CommKind;
  /** A day, YYYY-MM-DD, in the communication's own time (the account's zone, as `at` is written). */
  date?: string;
  /** Digits the contact's number contains. */
  number?: string;
}

export interface JournalPage {
  rows: JournalRow[];
  /** More rows match beyond `limit`. */
  more: boolean;
  /** Set when a kind or number filter stopped after looking through this many communications. */
  searchedOnly: number | null;
}

/** The longest number filter the worker takes (a phone number with any punctuation fits). */
export const JOURNAL_NUMBER_MAX = 40;
