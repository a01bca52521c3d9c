import Dexie from 'dexie';
import type { AppDb, InboxItem } from '../db';
import { JOURNAL_SCAN, type JournalPage, type JournalQuery } from './query';
import { journalRow } from './rows';

type Filter = (item: InboxItem) => boolean;

/** The state and the day are index ranges: `[state+at]` for a state (and its day), `at` for a day alone. */
function indexRange(db: AppDb, { state, date }: JournalQuery) {
  const dayEnd = date && `${date}\uffff`;
  if (state) return db.inbox.where('[state+at]').between([state, date || Dexie.minKey], [state, dayEnd || Dexie.maxKey], true, true);
  if (date) return db.inbox.where('at').between(date, dayEnd, true, true);
  return db.inbox.orderBy('at');
}

/**
 * The newest communications matching the query. The day or the state picks an index range (so their
 * cost does not grow with the history); kind and number are checked item by item within that range,
 * newest first, over at most `scanAtMost` items.
 */
export async function journalPage(db: AppDb, query: JournalQuery, scanAtMost = JOURNAL_SCAN): Promise<JournalPage> {
  const digits = (query.number ?? '').replace(/\D/g, '');
  const checks: Filter[] = [];
  if (query.kind) checks.push((i) => i.kind === query.kind);
  if (digits) checks.push((i) => (i.comm.contactPhone ?? '').includes(digits));

  const newest = indexRange(db, query).reverse();
  let items: InboxItem[];
  let scanned = 0;
  if (checks.length === 0) items = await newest.limit(query.limit + 1).toArray();
  else {
    items = await newest
      .until(() => ++scanned > scanAtMost)
      .filter((i) => checks.every((check) => check(i)))
      .limit(query.limit + 1)
      .toArray();
  }
  const more = items.length > query.limit;
  return {
    rows: items.slice(0, query.limit).map(journalRow),
    more,
    searchedOnly: !more && scanned > scanAtMost ? scanAtMost : null,
  };
}
