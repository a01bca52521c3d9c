import { sayIn, type Said } from '@/lib/phrase';
import { t, uiText } from './i18n';

/** The UI's language as lib/ names it. */
export const uiLang = (): 'ru' | 'en' => (t('lang') === 'en' ? 'en' : 'ru');

/**
 * What lib/ said, in the UI's language: a phrase through chrome.i18n (public/_locales), words stored in both
 * languages by the matching one, a plain string (data, or text an older version stored) as it is.
 */
export function say(said: Said | string): string {
  if (typeof said === 'string') return said;
  return sayIn(said, uiLang(), uiText);
}


/** A fixed choice's name in the UI's language: its _locales key when it has one, else its name (data shown as is). */
export function choiceName(choice: { name: string; label?: string }): string {
  return (choice.label && uiText(choice.label)) || choice.name;
}
