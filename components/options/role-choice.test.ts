import { describe, expect, test } from 'vitest';
import type { CheckReport } from '@/lib/integration-check/types';
import { DEFAULT_INSTALLATION } from '@/lib/pipeline/config';
import { ownership } from '@/lib/pipeline/ownership';
import type { InboxItem } from '@/lib/db';
import { becomeCoordinator, coordinatorSeenElsewhere, waitsForOperators, withOperatorsToo } from './role-choice';

const report = (details: string[]): CheckReport => ({
  startedAt: 0,
  finishedAt: 0,
  pointsUsed: 0,
  items: [{ id: 'installation.role', group: 'installation', status: 'green', title: { ru: '', en: '' }, meaning: { ru: '', en: '' }, action: null, details }],
});
const operator = { ...DEFAULT_INSTALLATION, role: 'operator' as const, handoverMinutes: 15 };

describe('coordinatorSeenElsewhere', () => {
  test('an operator whose check saw a coordinator', () => {
    expect(coordinatorSeenElsewhere(report(['role: operator', 'coordinator: yes']))).toBe(true);
  });
  test('an operator that saw none, a coordinator that only knows itself, and no check at all', () => {
    expect(coordinatorSeenElsewhere(report(['role: operator', 'coordinator: no']))).toBe(false);
    expect(coordinatorSeenElsewhere(report(['role: coordinator', 'coordinator: yes']))).toBe(false);
    expect(coordinatorSeenElsewhere(null)).toBe(false);
  });
});

describe('becomeCoordinator', () => {
  const item = { key: 'call:1', at: '2026-11-30T10:00:00Z', createdAt: Date.parse('2026-11-30T10:00:00Z'), comm: { employeeId: 9001 } } as unknown as InboxItem;
  const now = Date.parse('2026-11-30T10:01:00Z');

  test('the only browser takes an employee’s call at once, without the operators’ hand-over', () => {
    const alone = becomeCoordinator(operator, false);
    expect(alone).toMatchObject({ role: 'coordinator', handoverMinutes: 0 });
    expect(waitsForOperators(alone)).toBe(false);
    expect(ownership(item, alone, now)).toEqual({ mine: true });
  });
  test('with another installation seen, operators’ browsers keep their hand-over', () => {
    const withOthers = becomeCoordinator({ ...operator, handoverMinutes: 0 }, true);
    expect(withOthers.handoverMinutes).toBe(15);
    expect(ownership(item, withOthers, now)).toMatchObject({ mine: false });
  });
  test('the admin can say operators use the extension too, or that they do not', () => {
    const alone = becomeCoordinator(operator, false);
    expect(withOperatorsToo(alone, true).handoverMinutes).toBe(15);
    expect(withOperatorsToo({ ...alone, handoverMinutes: 20 }, true).handoverMinutes).toBe(20);
    expect(withOperatorsToo({ ...alone, handoverMinutes: 20 }, false).handoverMinutes).toBe(0);
  });
});
