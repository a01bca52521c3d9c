import { describe, expect, test } from 'vitest';
import { findPhoneNumbers } from './phone-scan';
import { toE164 } from './phone';

describe('findPhoneNumbers', () => {
  test('finds the forms dealers type, with where each ends', () => {
    const text = 'Клиент: +7 (912) 345-67-89, контакт 8-903-111-22-33; заметка: 9161234567';
    expect(findPhoneNumbers(text)).toEqual([
      { text: '+7 (912) 345-67-89', end: text.indexOf(',') },
      { text: '8-903-111-22-33', end: text.indexOf(';') },
      { text: '9161234567', end: text.length },
    ]);
  });

  test('skips what is not a callable number', () => {
    expect(findPhoneNumbers('VIN 12345, заказ №101, 3.141.592.65.35, сумма 1 234 567')).toEqual([]);
    expect(findPhoneNumbers('')).toEqual([]);
  });

  test('repeated scans of the same text give the same answer (no state left between calls)', () => {
    const text = 'последний узел: 8 (912) 345-67-89';
    const first = findPhoneNumbers(text);
    expect(first).toHaveLength(1);
    expect(findPhoneNumbers(text)).toEqual(first);
    expect(findPhoneNumbers('ещё 9123456789')).toHaveLength(1);
  });

  test('a 60,000-character run of separators is scanned in linear time, and numbers around it are still found', () => {
    for (const filler of [' ', '.', '-', '(']) {
      const text = `8 912 345 67 89 ${filler.repeat(60_000)} 1234567890 +7 903 111 22 33`;
      const started = performance.now();
      const found = findPhoneNumbers(text);
      const ms = performance.now() - started;
      console.log(`60,000 × ${JSON.stringify(filler)}: ${ms.toFixed(1)} ms`);
      expect(found.map((f) => toE164(f.text))).toEqual(['+79123456789', '+71234567890', '+79031112233']);
    }
    const spaces = ' '.repeat(60_000) + '999 999 99 x 9'; // ten digits, so the pattern runs; no number
    const started = performance.now();
    expect(findPhoneNumbers(spaces)).toEqual([]);
    console.log(`60,000 spaces and no number: ${(performance.now() - started).toFixed(1)} ms`);
  });
});
