import type { CheckSession } from '@/lib/check-session';
import { ConfigStore } from '@/lib/config-store';
import { NetErrorLog } from '@/lib/connection/net-failure';
import type { ConnectionTracker } from '@/lib/connection/tracker';
import type { BackgroundServices } from '@/lib/features/services';
import type { PipelineRunner } from '@/lib/pipeline/runner';
import { PageGuard } from '@/lib/softphone/page-guard';
import { PageNotes } from '@/lib/softphone/page-notes';
import { openDb } from '@/lib/db';
import type { RuleSaving } from '@/lib/rules/save-rule-set';
import type { RuleSet } from '@/lib/rules/schema';
import { inProcessRenderer } from '@/lib/templates/engine';

// Fakes for Node tests of the background's message handlers (lib/features/) and the logic they call.

/** UI texts as their message name and substitutions, so a test reads which text was chosen. */
export const namesOnly = (name: string, substitutions?: string[]) => (substitutions?.length ? `${name}(${substitutions.join(' | ')})` : name);

export function ruleSaving(): RuleSaving {
  const db = openDb(`rules-${Math.random()}`);
  return { db, config: new ConfigStore(db), renderer: inProcessRenderer, translate: namesOnly };
}

export const ruleSet = (comment: string, clarifyingTitle = ''): RuleSet => ({
  base: { templates: { comment }, missedTask: { enabled: true, title: '' } },
  clarifying: [{ id: 'r1', name: 'Звонки с Авито', enabled: true, when: { op: 'and', items: [] }, fields: { templates: { source: clarifyingTitle } } }],
});


/** What a test of a handler reads back: the checks and settings reloads asked for, the polls started. */
export interface Recorded {
  checksSoon: number;
  settingsChanged: number;
  runs: unknown[];
}

/**
 * Services over a fresh IndexedDB (fake-indexeddb) and the real store and renderer; the runner records
 * its runs, and what a test does not give throws when a handler reaches for it.
 */
export function fakeServices(over: Partial<BackgroundServices> = {}): { services: BackgroundServices; recorded: Recorded } {
  const { db, config, renderer, translate } = ruleSaving();
  const recorded: Recorded = { checksSoon: 0, settingsChanged: 0, runs: [] };
  const missing = (name: string) =>
    new Proxy({}, { get: (_, key) => { throw new Error(`the test gave no ${name} (asked for ${String(key)})`); } });
  const services: BackgroundServices = {
    db,
    config,
    renderer,
    translate,
    runner: missing('runner') as PipelineRunner,
    check: missing('check') as CheckSession,
    connections: missing('connections') as ConnectionTracker,
    netErrors: new NetErrorLog(),
    guard: new PageGuard(Date.now, () => undefined),
    pageNotes: new PageNotes(db),
    version: '0.0.0-test',
    userAgent: 'node',
    onSettingsChanged: async () => void recorded.settingsChanged++,
    checkSoon: () => void recorded.checksSoon++,
    userSync: missing('userSync') as BackgroundServices['userSync'],
    ...over,
  };
  return { services, recorded };
}
