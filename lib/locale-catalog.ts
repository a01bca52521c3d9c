import type { LocalizedText } from './api-error';
import { phraseText, type Phrase } from './phrase';
import type { MessageLookup } from './templates/error-text';

/** One locale file as Chrome reads it (public/_locales/<lang>/messages.json). */
export type LocaleMessages = Record<string, { message: string } | undefined>;
export type LocaleCatalog = Record<'ru' | 'en', LocaleMessages>;

let catalog: LocaleCatalog | null = null;

/**
 * The locale files, for the code that needs both languages at once (ApiError.text, the support text, tests).
 * They are installed, not imported: bundling both files would add ~47 KB gzipped to the worker, which reads
 * them from the extension instead (entrypoints/background/locale-catalog.ts); Node tests install them in
 * their setup (tests/tools/locale-setup.ts). The texts stay in _locales: this only looks them up.
 */
export function installLocaleCatalog(next: LocaleCatalog): void {
  catalog = next;
}

/** A look-up in one language; '' for every name before the catalog is installed (callers fall back to the key). */
export const catalogLookup = (lang: 'ru' | 'en'): MessageLookup => (name) => catalog?.[lang][name]?.message ?? '';

/** Both languages of a phrase, for the callers that still store `{ ru, en }` (ApiError.text). */
export const bothLanguages = (said: Phrase): LocalizedText => ({ ru: phraseText(said, catalogLookup('ru')), en: phraseText(said, catalogLookup('en')) });
