import { catalogLookup } from '../locale-catalog';
import { phrase, phraseText, sayIn } from '../phrase';
import type { MessageLookup } from '../templates/error-text';
import type { CheckGroup, CheckItem, CheckReport, CheckStatus, CheckText } from './types';

const MARK: Record<CheckStatus, string> = { green: '[OK]', yellow: '[!]', red: '[X]', skipped: '[-]' };
/** The groups' headings as the page shows them: the services' brand names, and this installation from _locales. */
const GROUP: Record<CheckGroup, (lookup: MessageLookup) => string> = { callgear: () => 'CallGear', autocrm: () => 'AutoCRM', installation: (lookup) => lookup('checkGroup_installation') };

/** A phone-like run (7+ digits with the usual separators): all but the last two digits hidden. */
const PHONE = /\+?\d[\d\s\-()]{5,}\d/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

export function maskSensitive(text: string): string {
  return text
    .replace(EMAIL, '•••@•••')
    .replace(PHONE, (run) => {
      const digits = run.replace(/\D/g, '');
      if (digits.length < 7) return run;
      return `${'•'.repeat(digits.length - 2)}${digits.slice(-2)}`;
    });
}

/** A check's meaning as shown: what the service said, then what it means for the dealership. */
export function checkMeaning(item: Pick<CheckItem, 'meaning' | 'cause'>, say: (said: CheckText) => string): string {
  return item.cause ? `${say(item.cause)} ${say(item.meaning)}` : say(item.meaning);
}

function itemLines(item: CheckItem, say: (said: CheckText) => string, lookup: MessageLookup): string[] {
  const lines = [`${MARK[item.status]} ${say(item.title)} (${item.id})`, `    ${checkMeaning(item, say)}`];
  if (item.action) lines.push(`    → ${say(item.action)}`);
  // People's names stay on the admin's page; support gets how many there were.
  if (item.personal) lines.push(`    · ${phraseText(phrase('checkNamesLeftOut', { count: item.details?.length ?? 0 }), lookup)}`);
  else for (const detail of item.details ?? []) lines.push(`    · ${detail}`);
  return lines;
}

/**
 * The report as plain text for support: statuses, meanings, actions and facts; phones and e-mails masked.
 * A page passes its own look-up (chrome.i18n); Node and the worker read the installed locale files.
 */
export function checkReportAsText(report: CheckReport, lang: 'ru' | 'en', lookup: MessageLookup = catalogLookup(lang)): string {
  const say = (said: CheckText) => sayIn(said, lang, lookup);
  const heading = lookup('checkTextHeading');
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1);
  const summary = `${new Date(report.startedAt).toISOString()} · ${phraseText(phrase('checkTextSummary', { seconds, points: report.pointsUsed }), lookup)}`;
  const lines: string[] = [];
  for (const group of ['callgear', 'autocrm', 'installation'] as const) {
    const items = report.items.filter((item) => item.group === group);
    if (items.length === 0) continue;
    lines.push('', `== ${GROUP[group](lookup)} ==`, ...items.flatMap((item) => itemLines(item, say, lookup)));
  }
  return [heading, summary, maskSensitive(lines.join('\n'))].join('\n');
}
