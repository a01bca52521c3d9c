import type { ConnectionState } from '../connection/state';
import type { RuleKind } from '../domain/communication';

/** The product description's own order of setting up: accounts → check → users → rules → hours. */
export type SetupStepId = 'accounts' | 'check' | 'users' | 'rules' | 'hours';

export interface SetupFacts {
  connections: { autocrm: ConnectionState; callgear: ConnectionState };
  /** The last integration check: when, and how many problems and warnings it found; null when never run. */
  lastCheck: { finishedAt: number; red: number; yellow: number } | null;
  /** AutoCRM users mapped to CallGear employees. */
  mappedUsers: number;
  /** Rule sets whose rules cannot create anything yet (lib/rules/readiness.ts). */
  rulesNotReady: RuleKind[];
  /** Whether working hours were ever saved on this installation (or came with the policy). */
  hoursSaved: boolean;
}

/** One line of the checklist: whether it is done, and the fact that says so (a locale key with its values). */
export interface SetupStep {
  id: SetupStepId;
  done: boolean;
  fact: { key: string; params: string[] };
}

const working = (c: ConnectionState) => c.state === 'working';

function accounts({ connections: { autocrm, callgear } }: SetupFacts): SetupStep {
  const done = working(autocrm) && working(callgear);
  const waiting = [autocrm, callgear].filter((c) => !working(c)).length;
  return { id: 'accounts', done, fact: done ? { key: 'setupAccountsDone', params: [] } : { key: 'setupAccountsTodo', params: [String(waiting)] } };
}

function check({ lastCheck }: SetupFacts): SetupStep {
  if (!lastCheck) return { id: 'check', done: false, fact: { key: 'setupCheckNever', params: [] } };
  return {
    id: 'check',
    done: lastCheck.red === 0,
    fact: lastCheck.red === 0 ? { key: 'setupCheckDone', params: [String(lastCheck.yellow)] } : { key: 'setupCheckProblems', params: [String(lastCheck.red), String(lastCheck.yellow)] },
  };
}

function users({ mappedUsers }: SetupFacts): SetupStep {
  return { id: 'users', done: mappedUsers > 0, fact: mappedUsers > 0 ? { key: 'setupUsersDone', params: [String(mappedUsers)] } : { key: 'setupUsersTodo', params: [] } };
}

function rules({ rulesNotReady }: SetupFacts): SetupStep {
  const done = rulesNotReady.length === 0;
  return { id: 'rules', done, fact: done ? { key: 'setupRulesDone', params: [] } : { key: 'setupRulesTodo', params: [String(rulesNotReady.length)] } };
}

function hours({ hoursSaved }: SetupFacts): SetupStep {
  return { id: 'hours', done: hoursSaved, fact: { key: hoursSaved ? 'setupHoursDone' : 'setupHoursTodo', params: [] } };
}

export function setupChecklist(facts: SetupFacts): SetupStep[] {
  return [accounts(facts), check(facts), users(facts), rules(facts), hours(facts)];
}

export const setupDone = (steps: SetupStep[]) => steps.every((s) => s.done);
