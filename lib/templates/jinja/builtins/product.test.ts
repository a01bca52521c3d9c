import { describe, expect, it } from 'vitest';
import { PyFloat } from '../values';
import { testRuntime } from './test-runtime';

/** The product's filters behave as they did under nunjucks (lib/templates/filters.ts), now with keywords. */
describe('phone, date and duration', () => {
  const rt = testRuntime();

  it('formats a Russian number and leaves None empty', () => {
    expect(rt.filter('phone', '79123456789', [], {})).toBe('+7 (912) 345-67-89');
    expect(rt.filter('phone', null, [], {})).toBe('');
  });

  it('shows a report time with a luxon format, in another zone when asked, by position or keyword', () => {
    expect(rt.filter('date', '2026-11-24 09:05:00', [], {})).toBe('24.11.2026 09:05');
    expect(rt.filter('date', '2026-11-24 09:05:00', ['HH:mm', 'Asia/Yekaterinburg', 'Europe/Moscow'], {})).toBe('11:05');
    expect(rt.filter('date', '2026-11-24 09:05:00', [], { format: 'HH:mm', zone: 'Asia/Yekaterinburg', source_zone: 'Europe/Moscow' })).toBe('11:05');
    expect(rt.filter('date', null, [], {})).toBe('');
  });

  it('shows seconds as mm:ss, hours when needed, floats too', () => {
    expect(rt.filter('duration', 187, [], {})).toBe('03:07');
    expect(rt.filter('duration', 3725, [], {})).toBe('1:02:05');
    expect(rt.filter('duration', new PyFloat(59.6), [], {})).toBe('01:00');
    expect(rt.filter('duration', undefined, [], {})).toBe('');
  });
});
