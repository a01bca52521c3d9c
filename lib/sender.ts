import type { SenderKind } from './features/define';

/** The fields of chrome.runtime.MessageSender this check trusts: the ones the browser stamps. */
export interface SenderFacts {
  id?: string;
  origin?: string;
  tab?: { id?: number };
}

const AUTOCRM_ORIGIN = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.autocrm\.ru(:\d+)?$/i;

/**
 * Classifies a message's sender (bitwarden-style, one place): this extension's own pages, the content
 * script on the configured AutoCRM origin, or nobody we talk to. `sender.url` is never trusted; `origin`
 * is stamped by the browser. Fails closed: the content script is declared for every `*.autocrm.ru`
 * instance (docs/decisions.md "Content script registered statically"), so until an admin configures
 * the AutoCRM account no instance may speak, and afterwards only that one.
 */
export function classifySender(sender: SenderFacts, extensionId: string, allowedAutocrmOrigins: readonly string[] = []): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.origin === `chrome-extension://${extensionId}`) return 'page';
  if (sender.tab && sender.origin && AUTOCRM_ORIGIN.test(sender.origin) && allowedAutocrmOrigins.includes(sender.origin)) return 'content';
  return null;
}
