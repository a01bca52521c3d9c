import { describe, expect, test } from 'vitest';
import { ApiError } from '../api-error';
import { RETRY_CAP_MS, retryDelay } from './retry';

const limited = (ms: number) => new ApiError({ kind: 'rate-limited', service: 'autocrm', text: { ru: '', en: '' }, retryAfterMs: ms });

describe('retryDelay', () => {
  test('doubles per attempt, with jitter between half and the full step', () => {
    expect(retryDelay(1, new Error('x'), () => 1)).toBe(5_000);
    expect(retryDelay(2, new Error('x'), () => 1)).toBe(10_000);
    expect(retryDelay(3, new Error('x'), () => 0)).toBe(10_000);
    expect(retryDelay(4, new Error('x'), () => 0.5)).toBe(30_000);
  });

  test('is capped', () => {
    expect(retryDelay(40, new Error('x'), () => 1)).toBe(RETRY_CAP_MS);
  });

  test('honours Retry-After and limit_exceeded when they ask for longer', () => {
    expect(retryDelay(1, limited(60_000), () => 1)).toBe(60_000);
    expect(retryDelay(5, limited(1_000), () => 1)).toBe(80_000);
  });
});
