import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

/**
 * WCAG 2.1 AA for the theme's colour pairs, computed from the stylesheets themselves: text 4.5:1 (1.4.3),
 * the boundaries and states of controls 3:1 (1.4.11). Decorative borders of cards and popovers are exempt.
 */
const THEME = 'components/shared/theme.css';
const STYLESHEETS = [THEME, 'components/shared/hint.css', 'components/options/check.css', 'entrypoints/popup/popup.css', 'entrypoints/autocrm.content/style.css'];
const INLINE_STYLED = ['entrypoints/autocrm.content/phone-buttons.ts'];

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(parseHex(a)), luminance(parseHex(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const themeVars: Record<string, string> = Object.fromEntries(
  [...readFileSync(THEME, 'utf8').matchAll(/(--cg-[\w-]+):\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1] ?? '', m[2] ?? '']),
);

function colourOf(value: string | undefined): string | null {
  if (!value) return null;
  const variable = /var\((--[\w-]+)\)/.exec(value);
  if (variable) return themeVars[variable[1] ?? ''] ?? null;
  if (/\bwhite\b/.test(value)) return '#ffffff';
  return /#[0-9a-f]{3,6}\b/i.exec(value)?.[0] ?? null;
}

interface Rule {
  file: string;
  selector: string;
  decl: Record<string, string>;
}

const rules: Rule[] = STYLESHEETS.flatMap((file) =>
  [...readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    file,
    selector: (m[1] ?? '').trim().replace(/\s+/g, ' '),
    decl: Object.fromEntries([...(m[2] ?? '').matchAll(/([\w-]+)\s*:\s*([^;]+);?/g)].map((d) => [d[1] ?? '', (d[2] ?? '').trim()])),
  })),
);

const WHITE = '#ffffff';
const PAGE = themeVars['--cg-bg'] ?? WHITE;
const isDisabled = (selector: string) => /:disabled|\[disabled\]/.test(selector);
/** Controls whose edge tells where to click or type (inputs, selects, icon and ghost buttons, the softphone toggle). */
const CONTROL = /\.cg-input\b|select|\.cg-icon-button\b|\.cg-button--ghost\b|\.cg-select-small\b|\.cg-toggle(?![\w-])/;

describe('theme contrast (WCAG AA)', () => {
  test('the theme has the colours the rules refer to', () => {
    expect(Object.keys(themeVars)).toEqual(expect.arrayContaining(['--cg-accent', '--cg-text', '--cg-muted', '--cg-bg', '--cg-control-border']));
  });

  test('text is at least 4.5:1 against its own background, or against white cards and the page', () => {
    const failures: string[] = [];
    for (const { file, selector, decl } of rules) {
      const text = colourOf(decl.color);
      if (!text || isDisabled(selector)) continue;
      const own = colourOf(decl.background ?? decl['background-color']);
      for (const ground of own ? [own] : [WHITE, PAGE]) {
        const ratio = contrast(text, ground);
        if (ratio < 4.5) failures.push(`${file} ${selector}: ${text} on ${ground} = ${ratio.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('controls are told apart from white and the page by at least 3:1', () => {
    const failures: string[] = [];
    const checked: string[] = [];
    for (const { file, selector, decl } of rules) {
      const edge = CONTROL.test(selector) ? colourOf(decl.border ?? decl['border-color']) : null;
      const track = /cg-toggle__track$/.test(selector) || /:checked \+ \.cg-toggle__track$/.test(selector) ? colourOf(decl.background) : null;
      for (const colour of [edge, track]) {
        if (!colour) continue;
        checked.push(selector);
        for (const ground of [WHITE, PAGE]) {
          const ratio = contrast(colour, ground);
          if (ratio < 3) failures.push(`${file} ${selector}: ${colour} on ${ground} = ${ratio.toFixed(2)}`);
        }
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(5);
    expect(failures).toEqual([]);
  });

  test('one accent colour: no other saturated blue-to-pink hue is used anywhere', () => {
    const accent = (themeVars['--cg-accent'] ?? '').toLowerCase();
    const accents = new Set([accent, (themeVars['--cg-accent-dark'] ?? '').toLowerCase()]);
    const sources = [...STYLESHEETS, ...INLINE_STYLED].map((file) => readFileSync(file, 'utf8'));
    const used = new Set(sources.flatMap((text) => [...text.matchAll(/#[0-9a-f]{6}\b/gi)].map((m) => m[0].toLowerCase())));
    const strays = [...used].filter((hex) => !accents.has(hex) && isAccentLike(parseHex(hex)));
    expect(used.has(accent)).toBe(true);
    expect(strays).toEqual([]);
  });

  test('the contrast formula gives the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

/** Hue between blue and pink with real saturation: what a second accent would look like. */
function isAccentLike([r, g, b]: Rgb): boolean {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === 0 || (max - min) / max < 0.45) return false;
  const d = max - min;
  const hue = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  const degrees = hue * 60;
  return degrees >= 180 && degrees <= 345;
}
