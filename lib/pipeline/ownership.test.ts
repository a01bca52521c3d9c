import { describe, expect, test } from 'vitest';
import type { InboxItem } from '../db';
import { DEFAULT_INSTALLATION } from './config';
import { ownership } from './ownership';

const at = '2026-11-24T10:00:00.000+03:00';
const item = (employeeId: number | null, createdAt = Date.parse(at)) => ({ at, createdAt, comm: { employeeId } }) as unknown as InboxItem;
const t = (minutes: number) => Date.parse(at) + minutes * 60_000;
const operator = { ...DEFAULT_INSTALLATION, role: 'operator' as const, employeeId: 9001 };
const coordinator = { ...DEFAULT_INSTALLATION, employeeId: 9002 };

describe('ownership', () => {
  test('an operator processes what its employee handled, nothing else', () => {
    expect(ownership(item(9001), operator, t(0))).toEqual({ mine: true });
    expect(ownership(item(9003), operator, t(60))).toMatchObject({ mine: false, until: null });
    expect(ownership(item(null), operator, t(60))).toMatchObject({ mine: false, reason: { key: 'pipeline.owner.coordinator' } });
  });

  test('a coordinator processes unowned items at once and others’ after the hand-over', () => {
    expect(ownership(item(null), coordinator, t(0))).toEqual({ mine: true });
    expect(ownership(item(9002), coordinator, t(0))).toEqual({ mine: true });
    expect(ownership(item(9001), coordinator, t(5))).toEqual({ mine: false, until: t(15), reason: { key: 'pipeline.owner.handover', params: { employee: { employee: 9001 } } } });
    expect(ownership(item(9001), coordinator, t(15))).toEqual({ mine: true });
  });

  test('a dealership\'s only browser (a coordinator with no hand-over) takes every employee\'s communication at once', () => {
    // components/options/role-choice.ts becomeCoordinator sets handoverMinutes 0 when no other installation was seen.
    const alone = { ...coordinator, handoverMinutes: 0 };
    for (const employee of [9001, 9003, null, 9002]) expect(ownership(item(employee), alone, t(0)), String(employee)).toEqual({ mine: true });
  });

  test('a standby coordinator lags the primary, counted from when it first saw the item', () => {
    const standby = { ...coordinator, standbyMinutes: 3 };
    expect(ownership(item(null), standby, t(1))).toEqual({ mine: false, until: t(3), reason: { key: 'pipeline.owner.standby' } });
    expect(ownership(item(null), standby, t(3))).toEqual({ mine: true });
    expect(ownership(item(null, t(120)), standby, t(121))).toMatchObject({ mine: false, until: t(123) }); // an old item seen late
    expect(ownership(item(9001), standby, t(16))).toMatchObject({ mine: false, until: t(18) }); // hand-over plus the lag
  });
});
