import { browser } from 'wxt/browser';
import { installLocaleCatalog, type LocaleMessages } from '@/lib/locale-catalog';

/** Reads both locale files from the extension itself (chrome.i18n gives only the browser's language). */
export async function loadLocaleCatalog(): Promise<void> {
  const read = async (lang: 'ru' | 'en'): Promise<LocaleMessages> => (await fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json`))).json();
  const [ru, en] = await Promise.all([read('ru'), read('en')]);
  installLocaleCatalog({ ru, en });
}
