import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Which words a screen may show in the other language. On a Russian screen, Latin words are allowed only
 * when the Russian locale itself uses them (product names: AutoCRM, CallGear, Data API, IVR, UTM…) or the
 * simulators' data holds them (a campaign «Haval Jolion»). On an English screen, Cyrillic words are allowed
 * only when they are the simulators' data (names, dealerships). Anything else is UI text that leaked.
 */
const LATIN = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g;
const CYRILLIC = /[\u0400-\u04FF]+(?:-[\u0400-\u04FF]+)*/g;

const locale = (lang: 'ru' | 'en') => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;
/** Words of two letters or more: a lone letter is a version's "v" or a unit, not a language. */
const words = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[0].toLowerCase()).filter((w) => w.length > 1);

function simulatorStrings(dir = 'tests/sim'): string {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return [simulatorStrings(path)];
      if (!/\.(ts|html)$/.test(entry.name) || entry.name.endsWith('.test.ts')) return [];
      // String literals only: the data a simulator serves, not its code's identifiers.
      return [...readFileSync(path, 'utf8').matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    })
    .join('\n');
}

const simData = simulatorStrings();
/** "AutoCRM URL" is the product description's own label for the address field. */
const TERMS = ['url'];
const ALLOWED_LATIN = new Set([...TERMS, ...words(Object.values(locale('ru')).map((m) => m.message).join(' '), LATIN), ...words(simData.split('\n').filter((s) => /[\u0400-\u04FF\s]/.test(s)).join(' '), LATIN)]);
const ALLOWED_CYRILLIC = new Set(words(simData, CYRILLIC));

/** Visible text nodes, without what the admin typed or chose (inputs, selects, templates' code). */
export async function visibleText(page: Page, alsoSkip?: string): Promise<string> {
  return page.evaluate((extra) => {
    const skip = `textarea, select, input, code, pre, script, style, [hidden], .cg-input--mono, [translate="no"]${extra ? `, ${extra}` : ''}`;
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip) || !parent.getClientRects().length) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ');
  }, alsoSkip);
}

/** Words of the other language that are neither product names nor data: [] on a clean screen. */
export function foreignWords(text: string, lang: 'ru' | 'en'): string[] {
  // Addresses, e-mails, hosts and identifiers like call:123 are data, whatever their letters.
  const prose = text.split(/\s+/).filter((token) => !/[./@:_]\S/.test(token) && !/^https?:/.test(token)).join(' ');
  const found = lang === 'ru' ? words(prose, LATIN).filter((w) => !ALLOWED_LATIN.has(w)) : words(prose, CYRILLIC).filter((w) => !ALLOWED_CYRILLIC.has(w));
  return [...new Set(found)];
}

/** How far the page is wider than its viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
