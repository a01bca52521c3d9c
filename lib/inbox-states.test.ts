import { describe, expect, it } from 'vitest';
import { FINISHED, IN_LINE, INBOX_STATES, isFinished, LEASED, NEEDS_ATTENTION, needsAttention, SETTLED, WAITING } from './inbox-states';

describe('inbox states', () => {
  it('splits every state into finished or waiting, never both', () => {
    expect([...FINISHED, ...WAITING].sort()).toEqual([...INBOX_STATES].sort());
    expect(FINISHED.filter((s) => (WAITING as readonly string[]).includes(s))).toEqual([]);
  });

  it('keeps each named group inside the states it means', () => {
    for (const s of [...IN_LINE, ...LEASED]) expect(WAITING).toContain(s);
    for (const s of SETTLED) expect(FINISHED).toContain(s);
    expect(IN_LINE).not.toContain('deferred');
    expect(SETTLED).not.toContain('needs-fix');
  });

  it('answers the two questions pages ask', () => {
    expect(INBOX_STATES.filter(isFinished)).toEqual(['done', 'skipped', 'needs-fix']);
    expect(INBOX_STATES.filter(needsAttention)).toEqual([...NEEDS_ATTENTION]);
    expect(isFinished('pending')).toBe(false);
  });
});
