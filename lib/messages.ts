import type { RenderResult, TemplateContext } from './templates/render-protocol';

/**
 * Typed messages to the background. Types only, so pages and content scripts stay small; the runtime
 * schemas live in message-schemas.ts, which only the background loads. Each request names who may send
 * it: `page` (this extension's own pages) or `content` (the content script on an AutoCRM origin). The
 * background checks the sender first and the payload's schema second (design §5).
 */
export interface RequestMap {
  status: { type: 'status' };
  render: { type: 'render'; template: string; context: TemplateContext; budgetMs?: number; maxLength?: number };
}

export type RequestType = keyof RequestMap;
export type BackgroundRequest<T extends RequestType = RequestType> = RequestMap[T];

export type SenderKind = 'page' | 'content';

/** Which senders may send which request. */
export const allowedSenders: Record<RequestType, readonly SenderKind[]> = {
  status: ['page', 'content'],
  render: ['page'],
};

export interface StatusResponse {
  version: string;
  configured: { autocrm: boolean; callgear: boolean };
  /** Whether this service worker may evaluate strings as code. MV3 blocks it: templates render in the sandbox. */
  stringEval: 'blocked' | 'allowed';
}

export interface ResponseMap {
  status: StatusResponse;
  render: RenderResult;
}

export interface MessageError {
  code: 'forbidden' | 'invalid' | 'unknown-type' | 'internal';
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: MessageError };

/** Sends a typed request with any transport (runtime.sendMessage in the extension) and unwraps the reply. */
export async function askBackground<T extends RequestType>(
  send: (message: unknown) => Promise<unknown>,
  request: BackgroundRequest<T> & { type: T },
): Promise<ResponseMap[T]> {
  const reply = (await send(request)) as Reply<ResponseMap[T]> | undefined;
  if (!reply) throw new Error('The extension background did not answer');
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}
