import { toE164 } from './phone';

/**
 * Phone numbers as dealers type them in AutoCRM pages: +7 (912) 345-67-89, 8-912-345-67-89, 9123456789,
 * 7 912 345 67 89. Every separator run is bounded, so each start position costs a constant amount of
 * work and a scan is linear in the text (an unbounded `[\s(.-]*` made a 60,000-space node quadratic).
 */
const PHONE_SOURCE = String.raw`(?<![\d.])(?:\+?7|8)?[\s(.-]{0,3}\d{3}[\s).-]{0,3}\d{3}[\s.-]{0,2}\d{2}[\s.-]{0,2}\d{2}(?![\d.])`;

/** Fewer digits than a national number cannot hold one: the scan stops before running the pattern. */
const MIN_DIGITS = 10;

export interface FoundPhone {
  /** The number as written in the text, trimmed. */
  text: string;
  /** Where the written number ends in the text (the button goes there). */
  end: number;
}

function countDigits(text: string, atLeast: number): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits >= atLeast) return true;
  }
  return false;
}

/**
 * The callable numbers in a text, in order. A fresh pattern per call: a shared global regex keeps
 * `lastIndex` between a `test()` and the next `matchAll()`, which skipped the last matching node.
 */
export function findPhoneNumbers(text: string): FoundPhone[] {
  if (!countDigits(text, MIN_DIGITS)) return [];
  const found: FoundPhone[] = [];
  for (const match of text.matchAll(new RegExp(PHONE_SOURCE, 'g'))) {
    if ((toE164(match[0])?.length ?? 0) < 12) continue;
    found.push({ text: match[0].trim(), end: match.index + match[0].length });
  }
  return found;
}
