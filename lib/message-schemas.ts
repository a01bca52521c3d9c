import { z } from 'zod';
import { allowedSenders, type BackgroundRequest, type MessageError, type RequestMap, type RequestType, type SenderKind } from './messages';
import type { TemplateValue } from './templates/render-protocol';
import { accountInputSchema, settingsInputSchema } from './config-store';
import { ruleSetSchema } from './rules/schema';
import { INBOX_STATES } from './inbox-states';
import { parseSoftphoneMessage, SOFTPHONE_SOURCE, type SoftphoneEvent } from './softphone/events';
import { MAX_NESTING, nestsDeeperThan } from './nesting';

const ruleKind = z.enum(['incomingCalls', 'outgoingCalls', 'chats', 'leads']);

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
    maxLength: z.number().int().positive().optional(),
  }),
  'accounts.list': z.object({ type: z.literal('accounts.list') }),
  'accounts.save': z.object({ type: z.literal('accounts.save'), account: accountInputSchema }),
  'rules.get': z.object({ type: z.literal('rules.get') }),
  'rules.save': z.object({ type: z.literal('rules.save'), kind: ruleKind, ruleSet: ruleSetSchema }),
  'settings.get': z.object({ type: z.literal('settings.get') }),
  'settings.save': z.object({ type: z.literal('settings.save'), settings: settingsInputSchema }),
  'userMap.save': z.object({
    type: z.literal('userMap.save'),
    records: z.array(z.object({ autocrmUserId: z.number().int(), callgearEmployeeId: z.number().int(), name: z.string().max(200) })).max(5_000),
  }),
  'userMap.get': z.object({ type: z.literal('userMap.get') }),
  'pipeline.run': z.object({ type: z.literal('pipeline.run'), poll: z.union([z.enum(['none', 'changed', 'all']), z.array(z.enum(['call', 'chat', 'lead']))]) }),
  'inbox.list': z.object({
    type: z.literal('inbox.list'),
    limit: z.number().int().min(1).max(5_000).optional(),
    states: z.array(z.enum(INBOX_STATES)).optional(),
  }),
  'inbox.steps': z.object({ type: z.literal('inbox.steps'), key: z.string().max(100) }),
  'inbox.retry': z.object({ type: z.literal('inbox.retry'), keys: z.array(z.string().max(100)).max(5_000).optional() }),
  'softphone.event': z.object({
    type: z.literal('softphone.event'),
    event: z.custom<SoftphoneEvent>((event) => typeof event === 'object' && event !== null && parseSoftphoneMessage({ ...event, source: SOFTPHONE_SOURCE, version: 1 }) !== null, 'not a softphone event of contract v1'),
  }),
  'accounts.check': z.object({ type: z.literal('accounts.check'), kind: z.enum(['autocrm', 'callgear']) }),
  'accounts.check.cancel': z.object({ type: z.literal('accounts.check.cancel'), kind: z.enum(['autocrm', 'callgear']) }),
  'setup.checklist': z.object({ type: z.literal('setup.checklist') }),
  'accounts.delete': z.object({ type: z.literal('accounts.delete'), id: z.string().max(100) }),
  'dictionaries.get': z.object({ type: z.literal('dictionaries.get') }),
  'config.export': z.object({ type: z.literal('config.export') }),
  'config.import': z.object({ type: z.literal('config.import'), text: z.string().max(2_000_000) }),
  'config.managed': z.object({ type: z.literal('config.managed') }),
  dryRun: z.object({ type: z.literal('dryRun'), key: z.string().max(100) }),
  'caller.lookup': z.object({ type: z.literal('caller.lookup'), phone: z.string().min(3).max(40) }),
  'inbox.item': z.object({ type: z.literal('inbox.item'), key: z.string().regex(/^(call|chat|lead):\d+$/) }),
  'inbox.retryOne': z.object({ type: z.literal('inbox.retryOne'), key: z.string().regex(/^(call|chat|lead):\d+$/) }),
  'call.start': z.object({ type: z.literal('call.start'), phone: z.string().min(3).max(40) }),
  'userSync.start': z.object({ type: z.literal('userSync.start'), includeFired: z.boolean().optional(), subset: z.array(z.number().int()).max(5_000).optional() }),
  'userSync.preview': z.object({ type: z.literal('userSync.preview'), includeFired: z.boolean().optional(), subset: z.array(z.number().int()).max(5_000).optional() }),
  'userSync.state': z.object({ type: z.literal('userSync.state') }),
  'userSync.disable': z.object({ type: z.literal('userSync.disable'), employeeId: z.number().int() }),
  'personalManagers.overview': z.object({ type: z.literal('personalManagers.overview') }),
  'personalManagers.retry': z.object({ type: z.literal('personalManagers.retry') }),
  'callgear.droppedFields': z.object({ type: z.literal('callgear.droppedFields') }),
  // Reconciliation
  'reconcile.run': z.object({ type: z.literal('reconcile.run'), days: z.number().int().min(1).max(90).optional() }),
  'reconcile.takeIn': z.object({
    type: z.literal('reconcile.takeIn'),
    kind: z.enum(['call', 'chat', 'lead']),
    ids: z.array(z.number().int().positive()).min(1).max(5_000),
    days: z.number().int().min(1).max(90).optional(),
  }),
  'diagnostics.report': z.object({ type: z.literal('diagnostics.report') }),
  'check.run': z.object({ type: z.literal('check.run') }),
  'check.last': z.object({ type: z.literal('check.last') }),
  'check.progress': z.object({ type: z.literal('check.progress') }),
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
  // Before zod, which recurses per level and overflows the stack on a few hundred levels.
  if (nestsDeeperThan(raw)) {
    return { ok: false, error: { code: 'invalid', message: `message: nested deeper than ${MAX_NESTING} levels` } };
  }
  const parsed = requestSchemas[type].safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
    return { ok: false, error: { code: 'invalid', message } };
  }
  return { ok: true, request: parsed.data };
}
