import { browser } from 'wxt/browser';

/**
 * UI text from the extension's _locales (ru is the default locale; Chrome picks by the browser language).
 * Keys are typed from public/_locales/ru/messages.json by WXT, so a misspelt key fails the typecheck.
 */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Picks the text of the extension's locale (Chrome may fall back to ru for other UI languages). */
export function localized(text: { ru: string; en: string }): string {
  return browser.i18n.getMessage('lang') === 'en' ? text.en : text.ru;
}

/**
 * A message looked up by a name built at run time (template error keys, lib/templates/error-text.ts):
 * '' when the locale has no such message, so the caller can fall back.
 */
export function uiText(name: string, substitutions?: string[]): string {
  return browser.i18n.getMessage(name as MessageKey, substitutions);
}
