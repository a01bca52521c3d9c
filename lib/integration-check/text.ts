import type { CheckItem, CheckReport, CheckStatus } from './types';

const MARK: Record<CheckStatus, string> = { green: '[OK]', yellow: '[!]', red: '[X]', skipped: '[-]' };
const GROUP = { callgear: { ru: 'CallGear', en: 'CallGear' }, autocrm: { ru: 'AutoCRM', en: 'AutoCRM' }, installation: { ru: 'Эта установка', en: 'This installation' } } as const;

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

function itemLines(item: CheckItem, lang: 'ru' | 'en'): string[] {
  const lines = [`${MARK[item.status]} ${item.title[lang]} (${item.id})`, `    ${item.meaning[lang]}`];
  if (item.action) lines.push(`    → ${item.action[lang]}`);
  // People's names stay on the admin's page; support gets how many there were.
  if (item.personal) lines.push(`    · ${lang === 'ru' ? `имён не включено: ${item.details?.length ?? 0}` : `names left out: ${item.details?.length ?? 0}`}`);
  else for (const detail of item.details ?? []) lines.push(`    · ${detail}`);
  return lines;
}

/** The report as plain text for support: statuses, meanings, actions and facts; phones and e-mails masked. */
export function checkReportAsText(report: CheckReport, lang: 'ru' | 'en'): string {
  const heading = lang === 'ru' ? 'Проверка интеграции CallGear ↔ AutoCRM' : 'CallGear ↔ AutoCRM integration check';
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1);
  const summary = lang === 'ru' ? `${new Date(report.startedAt).toISOString()} · ${seconds} с · баллов CallGear: ${report.pointsUsed}` : `${new Date(report.startedAt).toISOString()} · ${seconds} s · CallGear points: ${report.pointsUsed}`;
  const lines: string[] = [];
  for (const group of ['callgear', 'autocrm', 'installation'] as const) {
    const items = report.items.filter((item) => item.group === group);
    if (items.length === 0) continue;
    lines.push('', `== ${GROUP[group][lang]} ==`, ...items.flatMap((item) => itemLines(item, lang)));
  }
  return [heading, summary, maskSensitive(lines.join('\n'))].join('\n');
}
