import { z } from 'zod/mini';
import '../schema-messages';
import { MAX_NESTING, nestsDeeperThan } from '../nesting';
import type { Said } from '../phrase';
import type { Asker, MessageDefinition, SenderKind } from './define';
import type { BackgroundServices } from './services';
import { messages, type MessageType } from './index';

export interface MessageError {
  code: 'forbidden' | 'invalid' | 'unknown-type' | 'internal';
  message: string;
  /** What to tell the person, as a _locales key (lib/said-error.ts); the page words it. */
  said?: Said;
}

/** A message as its schema returned it: the type, and the payload's fields (unknown ones dropped). */
export interface ParsedRequest {
  type: MessageType;
  [field: string]: unknown;
}

export const isMessageType = (type: unknown): type is MessageType => typeof type === 'string' && Object.hasOwn(messages, type);

export const definitionOf = (type: MessageType): MessageDefinition => messages[type] as MessageDefinition;

const schemas = new Map<MessageType, z.ZodMiniType>();

/** A message's schema: its own `type`, then the fields its definition names. */
export function schemaOf(type: MessageType): z.ZodMiniType {
  let schema = schemas.get(type);
  if (!schema) {
    schema = z.object({ type: z.literal(type), ...definitionOf(type).payload });
    schemas.set(type, schema);
  }
  return schema;
}

/**
 * Validates a raw message: which message it is, whether this sender may send it, how deep it nests, and
 * its shape, in this order (docs/decisions.md, "Messages: sender first, schema second").
 */
export function parseRequest(raw: unknown, sender: SenderKind): { ok: true; request: ParsedRequest } | { ok: false; error: MessageError } {
  const type = (raw as { type?: unknown } | null)?.type;
  if (!isMessageType(type)) {
    return { ok: false, error: { code: 'unknown-type', message: `Unknown message type: ${String(type)}` } };
  }
  if (!definitionOf(type).senders.includes(sender)) {
    return { ok: false, error: { code: 'forbidden', message: `A ${sender} sender may not send "${type}"` } };
  }
  // Before zod, which recurses per level and overflows the stack on a few hundred levels.
  if (nestsDeeperThan(raw)) {
    return { ok: false, error: { code: 'invalid', message: `message: nested deeper than ${MAX_NESTING} levels` } };
  }
  const parsed = schemaOf(type).safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
    return { ok: false, error: { code: 'invalid', message } };
  }
  return { ok: true, request: parsed.data as ParsedRequest };
}

/** Runs a parsed message's handler; what it throws becomes an error reply in the router. */
export async function dispatch(request: ParsedRequest, services: BackgroundServices, from: Asker): Promise<unknown> {
  return definitionOf(request.type).handle(request, services, from);
}
