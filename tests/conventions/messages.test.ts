import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { allowedSenders, type RequestType, type SenderKind } from '@/lib/messages';
import { requestSchemas } from '@/lib/message-schemas';
import { filesUnder, isTestFile, readSource } from './source-files';

/**
 * Every background message with who may send it: the review list. A new message, or a message a content
 * script may now send, changes this table in the same commit, so the widening is seen in review. The
 * background checks the sender first and the schema second (docs/decisions.md, "Messages: sender first,
 * schema second"); a handler for each message is enforced by the router's `Handlers` type.
 */
const SENDERS: Record<string, SenderKind[]> = {
  // What an AutoCRM page's content script may ask: its cards, click-to-call, and the softphone's events.
  status: ['page', 'content'],
  'softphone.event': ['content'],
  'caller.lookup': ['content', 'page'],
  'inbox.item': ['content', 'page'],
  'inbox.retryOne': ['content', 'page'],
  'call.start': ['content', 'page'],
  // The extension's own pages only.
  render: ['page'],
  'accounts.list': ['page'],
  'accounts.save': ['page'],
  'accounts.delete': ['page'],
  'accounts.check': ['page'],
  'accounts.check.cancel': ['page'],
  'rules.get': ['page'],
  'rules.save': ['page'],
  'settings.get': ['page'],
  'settings.save': ['page'],
  'userMap.get': ['page'],
  'userMap.save': ['page'],
  'pipeline.run': ['page'],
  'inbox.list': ['page'],
  'inbox.steps': ['page'],
  'inbox.retry': ['page'],
  'setup.checklist': ['page'],
  'dictionaries.get': ['page'],
  'config.export': ['page'],
  'config.import': ['page'],
  'config.managed': ['page'],
  dryRun: ['page'],
  'userSync.start': ['page'],
  'userSync.preview': ['page'],
  'userSync.state': ['page'],
  'userSync.disable': ['page'],
  'personalManagers.overview': ['page'],
  'personalManagers.retry': ['page'],
  'callgear.droppedFields': ['page'],
  'reconcile.run': ['page'],
  'reconcile.takeIn': ['page'],
  'diagnostics.report': ['page'],
  'check.run': ['page'],
  'check.last': ['page'],
  'check.progress': ['page'],
};

const types = Object.keys(allowedSenders) as RequestType[];

/** Message types named in `type: '…'` in the given files (what they send to the background). */
function sentTypes(files: string[]): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  for (const file of files) {
    for (const [, type] of readSource(file).matchAll(/\btype:\s*'([\w.]+)'/g)) {
      if (type && Object.hasOwn(allowedSenders, type)) sent.set(type, [...(sent.get(type) ?? []), file]);
    }
  }
  return sent;
}

const sourcesOf = (...dirs: string[]) => dirs.flatMap((dir) => filesUnder(dir, /\.tsx?$/)).filter((path) => !isTestFile(path));

describe('background messages', () => {
  test('every message, with the senders that may send it', () => {
    const sorted = (senders: readonly SenderKind[]) => [...senders].sort();
    expect(Object.fromEntries(types.map((type) => [type, sorted(allowedSenders[type])]))).toEqual(Object.fromEntries(Object.entries(SENDERS).map(([type, senders]) => [type, sorted(senders)])));
  });

  test('every message with a sender rule has a schema, and no schema is left without one', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...types].sort());
  });

  test.each(types)('the schema of %s checks its own type', (type) => {
    const schema = requestSchemas[type] as unknown as z.ZodObject<{ type: z.ZodLiteral<string> }>;
    expect([...schema.shape.type.values]).toEqual([type]);
  });

  test('the content script sends only messages a content sender may send', () => {
    const sent = sentTypes(sourcesOf('entrypoints/autocrm.content', 'components/overlay'));
    expect(sent.size).toBeGreaterThan(0);
    const refused = [...sent].filter(([type]) => !allowedSenders[type as RequestType].includes('content'));
    expect(refused).toEqual([]);
  });

  test('the options page and the popup send only messages a page may send', () => {
    const sent = sentTypes(sourcesOf('entrypoints/options', 'entrypoints/popup', 'components/options', 'components/popup', 'components/shared'));
    expect(sent.size).toBeGreaterThan(10);
    const refused = [...sent].filter(([type]) => !allowedSenders[type as RequestType].includes('page'));
    expect(refused).toEqual([]);
  });
});
