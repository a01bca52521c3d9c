import type { z } from 'zod/mini';
import type { BackgroundServices } from './services';

/** Who may send a message: this extension's own pages, or the content script on the configured AutoCRM origin (lib/sender.ts). */
export type SenderKind = 'page' | 'content';

/** Who asked: the kind of sender, and a key per tab for the page limits (lib/softphone/page-guard.ts). */
export interface Asker {
  kind: SenderKind;
  tab: string;
}

/**
 * One background message, defined once: who may send it, the fields it carries besides `type` (zod;
 * unknown fields are dropped), and its handler, whose return type is the reply the sender gets. The
 * message's name is its key in a feature's table; the router checks the sender first, the schema second.
 */
export interface MessageDefinition<P extends z.core.$ZodShape = z.core.$ZodShape, R = unknown> {
  senders: readonly SenderKind[];
  payload: P;
  handle(request: z.output<z.ZodMiniObject<P>>, services: BackgroundServices, from: Asker): Promise<R> | R;
}

/** Names the types of a definition (the payload is read first, so the handler's request is typed from it). */
export function message<P extends z.core.$ZodShape, R>(definition: MessageDefinition<P, R>): MessageDefinition<P, R> {
  return definition;
}

/** What a sender writes for a message besides `type` (zod's input: optional fields may be left out). */
export type RequestOf<D> = D extends MessageDefinition<infer P, unknown> ? ([keyof P] extends [never] ? unknown : z.input<z.ZodMiniObject<P>>) : never;

/** What the sender gets back. */
export type ReplyOf<D> = D extends MessageDefinition<z.core.$ZodShape, infer R> ? R : never;
