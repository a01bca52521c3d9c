import type { ConnectionState } from '../connection/state';
import type { InboxState } from '../db';
import type { LastPoll } from '../pipeline/runner';
import { budgetView, type BudgetView } from '../pipeline/poll-pacing';
import type { RuleKind } from '../domain/communication';
import { ruleSetReadiness } from '../rules/readiness';
import { setupChecklist, type SetupStep } from '../setup/checklist';
import { message } from './define';

export interface StatusResponse {
  version: string;
  configured: { autocrm: boolean; callgear: boolean };
  /** What the header and the popup say about each service, from the last real check. */
  connections: { autocrm: ConnectionState; callgear: ConnectionState };
  counts: Record<InboxState, number>;
  oldestWaiting: string | null;
  lastPoll: LastPoll | null;
  pointsToday: number;
  /** CallGear's point budget: the day limit, this installation's use and the idle pace. */
  budget: BudgetView;
  role: 'operator' | 'coordinator';
}

/** The header, the popup and the in-page dock: what is connected, what waits, what the poll spent. */
export const statusMessages = {
  status: message({
    senders: ['page', 'content'],
    payload: {},
    async handle(_, { db, config, runner, connections, check, version }): Promise<StatusResponse> {
      const [accounts, summary, lastPoll, pointsToday, settings, budget] = await Promise.all([
        config.accounts(),
        runner.inbox.summary(),
        db.settings.get('lastPoll'),
        config.pointsToday(),
        config.pipelineConfig(),
        budgetView(config),
      ]);
      const configured = { autocrm: accounts.some((a) => a.kind === 'autocrm'), callgear: accounts.some((a) => a.kind === 'callgear') };
      const [autocrm, callgear] = await Promise.all([
        connections.state('autocrm', configured.autocrm, check.isRunning),
        connections.state('callgear', configured.callgear, check.isRunning),
      ]);
      return {
        version,
        configured,
        connections: { autocrm, callgear },
        counts: summary.counts,
        oldestWaiting: summary.oldestWaiting,
        lastPoll: (lastPoll?.value as LastPoll | undefined) ?? null,
        pointsToday,
        budget,
        role: settings.installation.role,
      };
    },
  }),

  /** The options page's start checklist. */
  'setup.checklist': message({
    senders: ['page'],
    payload: {},
    async handle(_, { db, config, check, connections }): Promise<SetupStep[]> {
      const [accounts, report, mappedUsers, rules, hours] = await Promise.all([config.accounts(), check.last(), db.userMap.count(), config.rules(), db.settings.get('hours')]);
      const has = (kind: 'autocrm' | 'callgear') => accounts.some((a) => a.kind === kind);
      const [autocrm, callgear] = await Promise.all([connections.state('autocrm', has('autocrm')), connections.state('callgear', has('callgear'))]);
      const count = (status: string) => report?.items.filter((i) => i.status === status).length ?? 0;
      return setupChecklist({
        connections: { autocrm, callgear },
        lastCheck: report ? { finishedAt: report.finishedAt, red: count('red'), yellow: count('yellow') } : null,
        mappedUsers,
        rulesNotReady: (Object.keys(rules) as RuleKind[]).filter((kind) => ruleSetReadiness(rules[kind]).length > 0),
        hoursSaved: hours !== undefined,
      });
    },
  }),
};
