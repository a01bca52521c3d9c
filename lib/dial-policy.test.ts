import { describe, expect, test } from 'vitest';
import { checkDialable } from './dial-policy';
import { en, ru } from '../tests/tools/locale-words';

describe('checkDialable', () => {
  test.each([
    ['+7 (912) 345-67-89', '+79123456789'],
    ['8 800 505-12-34', '+78005051234'],
    ['8-495-229-00-01', '+74952290001'],
    ['+375 29 123-45-67', '+375291234567'],
  ])('%s is dialled as %s', (raw, e164) => {
    expect(checkDialable(raw)).toEqual({ ok: true, e164 });
  });

  test.each([['101'], ['112'], ['0911'], ['12345'], ['abc'], ['%%%'], ['+7 912 345 67']])('%s is refused: not a full number', (raw) => {
    const check = checkDialable(raw);
    expect(check).toMatchObject({ ok: false, refusal: 'not-a-number' });
    expect(check).toMatchObject({ said: { key: 'dial.notANumber', params: { raw } } });
    if (!check.ok) expect([ru(check.said), en(check.said)]).toEqual([expect.stringContaining(`«${raw}»`), expect.stringContaining(`"${raw}"`)]);
  });

  test.each([['8 809 505-12-34'], ['+7 (803) 100-00-00'], ['8-809-1234567'], ['+979 1234 5678'], ['+881 6 1234 5678'], ['+882 1234 5678']])('%s is premium: refused unless allowed', (raw) => {
    expect(checkDialable(raw)).toMatchObject({ ok: false, refusal: 'premium', said: { key: 'dial.premium' } });
    expect(checkDialable(raw, { allowPremium: true }).ok).toBe(true);
  });
});
