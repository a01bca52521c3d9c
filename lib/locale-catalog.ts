import en from '../public/_locales/en/messages.json';
import ru from '../public/_locales/ru/messages.json';
import type { LocalizedText } from './api-error';
import { phraseText, type Phrase } from './phrase';
import type { MessageLookup } from './templates/error-text';

type Messages = Record<string, { message: string } | undefined>;
const CATALOG: Record<'ru' | 'en', Messages> = { ru, en };

/**
 * The locale files read outside a page (tests, the support text, older callers that still want both
 * languages at once). The texts stay in _locales: this only looks them up.
 */
export const catalogLookup = (lang: 'ru' | 'en'): MessageLookup => (name) => CATALOG[lang][name]?.message ?? '';

/** Both languages of a phrase, for the callers that still store `{ ru, en }` (ApiError.text). */
export const bothLanguages = (said: Phrase): LocalizedText => ({ ru: phraseText(said, catalogLookup('ru')), en: phraseText(said, catalogLookup('en')) });
