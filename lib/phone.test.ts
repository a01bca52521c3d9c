import { describe, expect, test } from 'vitest';
import { formatPhone, nationalKey, phoneInForms, phoneSearchVariants, toCallFormat, toE164 } from './phone';

describe('toE164', () => {
  test.each([
    ['8 (912) 345-67-89', '+79123456789'],
    ['+7 912 3456789', '+79123456789'],
    ['7-912-345-67-89', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['тел. 8-912-345-67-89', '+79123456789'],
    ['+7 (495) 229-00-01', '+74952290001'],
    [79123456789, '+79123456789'],
    ['+375 29 123-45-67', '+375291234567'],
    ['00 49 30 1234567', '+49301234567'],
    ['+882 1234 5678', '+88212345678'],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  test.each([['101'], [''], ['   '], [null], [undefined], ['12345'], ['абв']])('%s is not a public number', (input) => {
    expect(toE164(input)).toBeNull();
  });
});

describe('forms AutoCRM needs', () => {
  test('search variants, most likely first', () => {
    expect(phoneSearchVariants('8 (912) 345-67-89')).toEqual(['+79123456789', '79123456789', '9123456789', '89123456789']);
    expect(phoneSearchVariants('101')).toEqual([]);
  });

  test('national key, call format and display format', () => {
    expect(nationalKey('+7 912 345 67 89')).toBe('9123456789');
    expect(toCallFormat('8 912 345-67-89')).toBe('79123456789');
    expect(toCallFormat('101')).toBe('101');
    expect(formatPhone('79123456789')).toBe('+7 (912) 345-67-89');
    expect(formatPhone('+375291234567')).toBe('+375291234567');
    expect(formatPhone('101')).toBe('101');
    expect(formatPhone(null)).toBe('');
  });
});

describe('phone forms for AutoCRM look-ups', () => {
  test('each form of one number, by name', () => {
    expect(phoneInForms('8 (912) 345-67-89')).toEqual({ e164: '+79123456789', international: '79123456789', national: '9123456789', trunk: '89123456789' });
    expect(phoneInForms('+375 29 123-45-67')).toEqual({ e164: '+375291234567', international: '375291234567' });
    expect(phoneInForms('101')).toEqual({});
  });

  test('a stored preference puts the forms that hit first, in its order, then every other form', () => {
    expect(phoneSearchVariants('+79123456789', ['trunk', 'national'])).toEqual(['89123456789', '9123456789', '+79123456789', '79123456789']);
  });

  test('a preference that does not apply to the number falls back to every form', () => {
    expect(phoneSearchVariants('+375291234567', ['national'])).toEqual(['+375291234567', '375291234567']);
    expect(phoneSearchVariants('+79123456789', [])).toEqual(['+79123456789', '79123456789', '9123456789', '89123456789']);
  });
});
