import { isPySpace } from './py';

/** Python's str methods that JS lacks or spells differently, on code points (not UTF-16 units). */

export const isCased = (ch: string): boolean => ch.toLowerCase() !== ch.toUpperCase();

export function capitalize(s: string): string {
  const [first = '', ...rest] = Array.from(s);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/** str.title(): a letter after a cased letter is lowered, any other letter is raised ("it's" → "It'S"). */
export function titleCase(s: string): string {
  let previousCased = false;
  let out = '';
  for (const ch of s) {
    out += previousCased ? ch.toLowerCase() : ch.toUpperCase();
    previousCased = isCased(ch);
  }
  return out;
}

/** str.center(width, fill): CPython puts the odd extra space on the left only when width is odd too. */
export function center(s: string, width: number, fill: string): string {
  const len = Array.from(s).length;
  const gap = width - len;
  if (gap <= 0) return s;
  const left = Math.floor(gap / 2) + (gap & width & 1);
  return fill.repeat(left) + s + fill.repeat(gap - left);
}

export function ljust(s: string, width: number, fill: string): string {
  return s + fill.repeat(Math.max(0, width - Array.from(s).length));
}

export function rjust(s: string, width: number, fill: string): string {
  return fill.repeat(Math.max(0, width - Array.from(s).length)) + s;
}

/** str.strip/lstrip/rstrip: Python whitespace by default, else any of `chars`. */
export function strip(s: string, chars: string | null, side: 'both' | 'left' | 'right'): string {
  const drop = chars === null ? isPySpace : (ch: string) => chars.includes(ch);
  const cps = Array.from(s);
  let start = 0;
  let end = cps.length;
  if (side !== 'right') while (start < end && drop(cps[start]!)) start++;
  if (side !== 'left') while (end > start && drop(cps[end - 1]!)) end--;
  return cps.slice(start, end).join('');
}

/** str.islower()/isupper(): at least one cased character, and every cased one in that case. */
export function hasOnlyCase(s: string, lower: boolean): boolean {
  let cased = false;
  for (const ch of s) {
    if (!isCased(ch)) continue;
    if ((lower ? ch.toLowerCase() : ch.toUpperCase()) !== ch) return false;
    cased = true;
  }
  return cased;
}
