import { checkMeaning } from '@/lib/integration-check/text';
import type { CheckItem, CheckReport } from '@/lib/integration-check/types';
import { catalogLookup } from '@/lib/locale-catalog';
import { sayIn, type BothLanguages, type Said } from '@/lib/phrase';

/** An item's texts as the page shows them, in both languages (read from public/_locales). */
type ShownItem = Omit<CheckItem, 'title' | 'meaning' | 'action'> & { title: BothLanguages; meaning: BothLanguages; action: BothLanguages | null };

const both = (said: Said): BothLanguages => ({ ru: sayIn(said, 'ru', catalogLookup('ru')), en: sayIn(said, 'en', catalogLookup('en')) });

export const shown = (i: CheckItem): ShownItem => ({
  ...i,
  title: both(i.title),
  meaning: { ru: checkMeaning(i, (s) => sayIn(s, 'ru', catalogLookup('ru'))), en: checkMeaning(i, (s) => sayIn(s, 'en', catalogLookup('en'))) },
  action: i.action ? both(i.action) : null,
});

export const item = (report: CheckReport, id: string): ShownItem => {
  const found = report.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return shown(found);
};
