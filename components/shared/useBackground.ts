import { browser } from 'wxt/browser';
import { askBackground, type BackgroundRequest, type RequestType, type ResponseMap } from '@/lib/messages';

/** Asks the background through the extension's own messaging (the product path, never a shortcut). */
export function ask<T extends RequestType>(request: BackgroundRequest<T> & { type: T }): Promise<ResponseMap[T]> {
  return askBackground<T>((message) => browser.runtime.sendMessage(message), request);
}
