import { describe, expect, test } from 'vitest';
import { setupChecklist, setupDone, type SetupFacts } from './checklist';

const fresh: SetupFacts = {
  connections: { autocrm: { state: 'absent' }, callgear: { state: 'absent' } },
  lastCheck: null,
  mappedUsers: 0,
  rulesNotReady: ['incomingCalls', 'outgoingCalls', 'chats', 'leads'],
  hoursSaved: false,
};

describe('the first-run checklist', () => {
  test('a fresh profile has every step to do, in the product description\'s order', () => {
    const steps = setupChecklist(fresh);
    expect(steps.map((s) => s.id)).toEqual(['accounts', 'check', 'users', 'rules', 'hours']);
    expect(steps.every((s) => !s.done)).toBe(true);
    expect(steps[0]?.fact).toEqual({ key: 'setupAccountsTodo', params: ['2'] });
    expect(steps[3]?.fact).toEqual({ key: 'setupRulesTodo', params: ['4'] });
    expect(setupDone(steps)).toBe(false);
  });

  test('accounts are done only when both connections work, not when they are merely added', () => {
    const added = setupChecklist({ ...fresh, connections: { autocrm: { state: 'configured' }, callgear: { state: 'working', at: 1 } } });
    expect(added[0]).toMatchObject({ done: false, fact: { params: ['1'] } });
    const both = setupChecklist({ ...fresh, connections: { autocrm: { state: 'working', at: 1 }, callgear: { state: 'working', at: 1 } } });
    expect(both[0]?.done).toBe(true);
  });

  test('a check with problems is not done; warnings alone are', () => {
    expect(setupChecklist({ ...fresh, lastCheck: { finishedAt: 1, red: 2, yellow: 1 } })[1]).toMatchObject({ done: false, fact: { key: 'setupCheckProblems', params: ['2', '1'] } });
    expect(setupChecklist({ ...fresh, lastCheck: { finishedAt: 1, red: 0, yellow: 3 } })[1]?.done).toBe(true);
  });

  test('everything set up is done', () => {
    const steps = setupChecklist({
      connections: { autocrm: { state: 'working', at: 1 }, callgear: { state: 'working', at: 1 } },
      lastCheck: { finishedAt: 1, red: 0, yellow: 0 },
      mappedUsers: 3,
      rulesNotReady: [],
      hoursSaved: true,
    });
    expect(setupDone(steps)).toBe(true);
    expect(steps[2]?.fact).toEqual({ key: 'setupUsersDone', params: ['3'] });
  });
});
