import type { ReplyOf, RequestOf } from './features/define';
import type { Messages } from './features/index';
import type { MessageError } from './features/parse';
import { SaidError } from './said-error';

/**
 * The background's messages as pages and the content script see them: types only, derived from the one
 * definition of each message in lib/features/ (sender rule, schema, handler and reply together), so
 * nothing of zod or the handlers reaches their bundles. The background checks the sender first and the
 * schema second (docs/decisions.md, "Messages: sender first, schema second").
 */
export type RequestType = keyof Messages;
export type RequestMap = { [T in RequestType]: { type: T } & RequestOf<Messages[T]> };
export type ResponseMap = { [T in RequestType]: ReplyOf<Messages[T]> };
export type BackgroundRequest<T extends RequestType = RequestType> = RequestMap[T];

export type { SenderKind } from './features/define';
export type { MessageError } from './features/parse';
export type { StatusResponse } from './features/status';
export type { ManagedState } from './features/config';
export type { ItemView } from './pipeline/item-view';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: MessageError };

/** Sends a typed request with any transport (runtime.sendMessage in the extension) and unwraps the reply. */
export async function askBackground<T extends RequestType>(
  send: (message: unknown) => Promise<unknown>,
  request: BackgroundRequest<T> & { type: T },
): Promise<ResponseMap[T]> {
  const reply = (await send(request)) as Reply<ResponseMap[T]> | undefined;
  if (!reply) throw new Error('The extension background did not answer');
  if (!reply.ok) throw reply.error.said ? new SaidError(reply.error.said) : new Error(reply.error.message);
  return reply.value;
}
