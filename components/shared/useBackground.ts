import { browser } from 'wxt/browser';
import { askBackground, type BackgroundRequest, type RequestType, type ResponseMap } from '@/lib/messages';

/**
 * Asks the background through the extension's own messaging (the product path, never a shortcut): the one
 * helper of the options page, the popup and the content script. Types come from the messages' definitions
 * (lib/features/), so a wrong field or reply is a compile error.
 */
export function ask<T extends RequestType>(request: BackgroundRequest<T> & { type: T }): Promise<ResponseMap[T]> {
  return askBackground<T>((message) => browser.runtime.sendMessage(message), request);
}
