import { z } from 'zod';
import { allowedSenders, type BackgroundRequest, type MessageError, type RequestMap, type RequestType, type SenderKind } from './messages';
import type { TemplateValue } from './templates/render-protocol';

/** Runtime schemas for every background request (background only: zod stays out of pages and content scripts). */
const templateValue: z.ZodType<TemplateValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(templateValue), z.record(z.string(), templateValue)]),
);

export const requestSchemas: { [T in RequestType]: z.ZodType<RequestMap[T]> } = {
  status: z.object({ type: z.literal('status') }),
  render: z.object({
    type: z.literal('render'),
    template: z.string().max(20_000),
    context: z.record(z.string(), templateValue),
    budgetMs: z.number().int().min(10).max(5_000).optional(),
    maxLength: z.number().int().positive().optional(),
  }),
};

const isRequestType = (type: unknown): type is RequestType => typeof type === 'string' && Object.hasOwn(requestSchemas, type);

/** Validates a raw message: which request it is, whether this sender may send it, and its shape. */
export function parseRequest(
  raw: unknown,
  sender: SenderKind,
): { ok: true; request: BackgroundRequest } | { ok: false; error: MessageError } {
  const type = (raw as { type?: unknown } | null)?.type;
  if (!isRequestType(type)) {
    return { ok: false, error: { code: 'unknown-type', message: `Unknown message type: ${String(type)}` } };
  }
  if (!allowedSenders[type].includes(sender)) {
    return { ok: false, error: { code: 'forbidden', message: `A ${sender} sender may not send "${type}"` } };
  }
  const parsed = requestSchemas[type].safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
    return { ok: false, error: { code: 'invalid', message } };
  }
  return { ok: true, request: parsed.data };
}
