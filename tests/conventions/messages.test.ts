import { describe, expect, expectTypeOf, test } from 'vitest';
import ts from 'typescript';
import type { SenderKind } from '@/lib/features/define';
import { messages } from '@/lib/features/index';
import { definitionOf, isMessageType, schemaOf } from '@/lib/features/parse';
import type { ManagedState, RequestMap, RequestType, ResponseMap } from '@/lib/messages';
import { filesUnder, isTestFile, readSource } from './source-files';

/**
 * Every background message with who may send it: the review list. A message is defined once, in its
 * feature's table in lib/features/ (sender rule, schema, handler, reply type); a new message, or a message
 * a content script may now send, changes that table and this one in the same commit, so the widening is
 * seen in review. The background checks the sender first and the schema second (docs/decisions.md,
 * "Messages: sender first, schema second").
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
  'journal.rows': ['page'],
  'journal.details': ['page'],
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

const types = Object.keys(messages) as RequestType[];
const sendersOf = (type: string) => (isMessageType(type) ? definitionOf(type).senders : []);

/** Message types named in `type: '…'` in the given files (what they send to the background). */
function sentTypes(files: string[]): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  for (const file of files) {
    for (const [, type] of readSource(file).matchAll(/\btype:\s*'([\w.]+)'/g)) {
      if (type && isMessageType(type)) sent.set(type, [...(sent.get(type) ?? []), file]);
    }
  }
  return sent;
}

const sourcesOf = (...dirs: string[]) => dirs.flatMap((dir) => filesUnder(dir, /\.tsx?$/)).filter((path) => !isTestFile(path));

/** Imports of lib/features/ that bring code along (an `import type` is erased from the bundle). */
function runtimeFeatureImports(file: string): string[] {
  const source = ts.createSourceFile(file, readSource(file), ts.ScriptTarget.ESNext, false);
  return source.statements
    .filter((s): s is ts.ImportDeclaration | ts.ExportDeclaration => (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier !== undefined)
    .filter((s) => !(ts.isImportDeclaration(s) ? s.importClause?.isTypeOnly : s.isTypeOnly))
    .filter((s) => ts.isImportDeclaration(s) && s.importClause?.namedBindings && ts.isNamedImports(s.importClause.namedBindings) ? !s.importClause.namedBindings.elements.every((e) => e.isTypeOnly) : true)
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text)
    .filter((specifier) => /(^@\/lib\/features|\/features)(\/|$)/.test(specifier));
}

describe('background messages', () => {
  test('every message, with the senders that may send it', () => {
    const sorted = (senders: readonly SenderKind[]) => [...senders].sort();
    expect(Object.fromEntries(types.map((type) => [type, sorted(sendersOf(type))]))).toEqual(Object.fromEntries(Object.entries(SENDERS).map(([type, senders]) => [type, sorted(senders)])));
  });

  test.each(types)('%s has a handler, and its schema checks its own type and drops unknown fields', (type) => {
    expect(typeof definitionOf(type).handle).toBe('function');
    const other = types.find((t) => t !== type);
    expect(schemaOf(type).safeParse({ type: other }).success).toBe(false);
    const parsed = schemaOf(type).safeParse({ type, injected: 1 });
    if (parsed.success) expect(parsed.data).toEqual({ type });
  });

  test('the content script sends only messages a content sender may send', () => {
    const sent = sentTypes(sourcesOf('entrypoints/autocrm.content', 'components/overlay'));
    expect(sent.size).toBeGreaterThan(0);
    const refused = [...sent].filter(([type]) => !sendersOf(type).includes('content'));
    expect(refused).toEqual([]);
  });

  test('the options page and the popup send only messages a page may send', () => {
    const sent = sentTypes(sourcesOf('entrypoints/options', 'entrypoints/popup', 'components/options', 'components/popup', 'components/shared'));
    expect(sent.size).toBeGreaterThan(10);
    const refused = [...sent].filter(([type]) => !sendersOf(type).includes('page'));
    expect(refused).toEqual([]);
  });

  test('only the background loads the definitions: pages, the content script and lib/messages.ts import their types', () => {
    const files = [...sourcesOf('components', 'entrypoints/options', 'entrypoints/popup', 'entrypoints/autocrm.content'), 'lib/messages.ts'];
    expect(files.filter((file) => runtimeFeatureImports(file).length > 0)).toEqual([]);
    expect(runtimeFeatureImports('entrypoints/background/router.ts')).toEqual(['@/lib/features/parse']);
  });

  test('one ask helper: pages and the content script reach the background only through components/shared/useBackground.ts', () => {
    const helper = 'components/shared/useBackground.ts';
    const senders = sourcesOf('components', 'entrypoints/options', 'entrypoints/popup', 'entrypoints/autocrm.content').filter((file) => /\bsendMessage\(|\baskBackground\b/.test(readSource(file)));
    expect(senders).toEqual([helper]);
  });

  test('pages get the request and reply types the definitions state', () => {
    expectTypeOf<RequestMap['inbox.retry']>().toEqualTypeOf<{ type: 'inbox.retry' } & { keys?: string[] | undefined }>();
    expectTypeOf<ResponseMap['rules.save']>().toEqualTypeOf<{ saved: true }>();
    expectTypeOf<ResponseMap['config.managed']>().toEqualTypeOf<ManagedState>();
    expect(Object.keys(SENDERS).sort()).toEqual([...types].sort());
  });
});
