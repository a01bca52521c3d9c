import { messageNameOf, type MessageLookup } from './templates/error-text';

/**
 * A text lib/ hands to the UI: a stable key of public/_locales/{ru,en}/messages.json and its parameters,
 * the same shape the template errors travel in (lib/templates/jinja/errors.ts). The UI turns it into words
 * in its own language; lib/ holds no sentences (docs/decisions.md, "Texts live in _locales").
 */
export interface Phrase {
  key: string;
  params?: Record<string, string | number>;
}

export const phrase = (key: string, params?: Record<string, string | number>): Phrase => (params ? { key, params } : { key });

export const isPhrase = (value: unknown): value is Phrase =>
  typeof value === 'object' && value !== null && typeof (value as Phrase).key === 'string';

/** Fills the `{name}` placeholders of a locale text; a placeholder without a value is left as written. */
export function fillPlaceholders(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A phrase in the language `lookup` reads (chrome.i18n in the UI); the key itself when the locale lacks it. */
export function phraseText(said: Phrase, lookup: MessageLookup): string {
  const text = lookup(messageNameOf(said.key));
  return text ? fillPlaceholders(text, said.params) : said.key;
}

/** Words that reached lib/ as both languages at once (stored by an older version, or from a caller not yet keyed). */
export interface BothLanguages {
  ru: string;
  en: string;
}

/** A phrase, or words already in both languages, in the language `lang` / `lookup` read. */
export function sayIn(said: Said, lang: 'ru' | 'en', lookup: MessageLookup): string {
  return isPhrase(said) ? phraseText(said, lookup) : said[lang];
}

/** What lib/ says to the UI: a phrase, or (older stored data, callers not yet keyed) both languages. */
export type Said = Phrase | BothLanguages;
