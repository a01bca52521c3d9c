// STUB: replaced by the check-lib branch on merge
import type { AutocrmClient } from '../autocrm/client';
import type { CallGearClient } from '../callgear/client';
import type { AppDb } from '../db';
import type { PipelineConfig } from '../pipeline/config';
import type { CheckItem, CheckProgress, CheckReport } from './types';

export interface CheckDeps {
  callgear: CallGearClient | null;
  autocrm: AutocrmClient | null;
  config: PipelineConfig;
  db: AppDb;
  now?: () => number;
  installation: { role: string; coordinatorSeen: boolean; softphoneSeen: boolean | null };
}

// STUB: a fixed report, one item per status and group, so the options page can be built before the real check exists.
const STUB_ITEMS: CheckItem[] = [
  {
    id: 'callgear.credentials',
    group: 'callgear',
    status: 'green',
    title: { ru: 'Ключ CallGear действует', en: 'The CallGear key works' },
    meaning: { ru: 'Расширение может читать отчёты CallGear.', en: 'The extension can read CallGear reports.' },
    action: null,
  },
  {
    id: 'callgear.employees',
    group: 'callgear',
    status: 'yellow',
    title: { ru: 'Сотрудники CallGear сопоставлены с пользователями AutoCRM', en: 'CallGear employees are mapped to AutoCRM users' },
    meaning: { ru: 'Звонки несопоставленных сотрудников получат ответственного по умолчанию.', en: 'Calls of unmapped employees get the default responsible.' },
    action: { ru: 'Настройки → «Пользователи»: выберите пользователя AutoCRM для каждого сотрудника.', en: 'Settings → Users: choose an AutoCRM user for each employee.' },
    details: ['3 of 4 mapped'],
  },
  {
    id: 'autocrm.phone-forms',
    group: 'autocrm',
    status: 'red',
    title: { ru: 'Поиск клиента по телефону', en: 'Finding a client by phone' },
    meaning: { ru: 'Ни одна форма номера не нашла клиента: правила повторного обращения сработают неверно.', en: 'No phone form found the client: repeat-contact rules would misfire.' },
    action: { ru: 'Проверьте, что у клиентов AutoCRM заполнен телефон.', en: 'Check that AutoCRM clients have a phone number.' },
  },
  {
    id: 'installation.softphone',
    group: 'installation',
    status: 'skipped',
    title: { ru: 'Софтфон CallGear на страницах AutoCRM', en: 'The CallGear Softphone on AutoCRM pages' },
    meaning: { ru: 'Страницы AutoCRM ещё не открывались в этом браузере.', en: 'No AutoCRM page was opened in this browser yet.' },
    action: null,
  },
];

// STUB: reports progress through the fixed items, a moment each (as real probes take), and returns them.
export async function runIntegrationCheck(deps: CheckDeps, onProgress?: (p: CheckProgress) => void): Promise<CheckReport> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  for (const [done, item] of STUB_ITEMS.entries()) {
    onProgress?.({ done, total: STUB_ITEMS.length, current: item.title });
    await new Promise((resolve) => setTimeout(resolve, 750));
  }
  return { startedAt, finishedAt: now(), items: STUB_ITEMS, pointsUsed: 0 };
}

const STATUS_WORD = { ru: { green: 'OK', yellow: 'Внимание', red: 'Ошибка', skipped: 'Пропущено' }, en: { green: 'OK', yellow: 'Warning', red: 'Error', skipped: 'Skipped' } } as const;

// STUB: one line per item.
export function checkReportAsText(report: CheckReport, lang: 'ru' | 'en'): string {
  return report.items.map((item) => `[${STATUS_WORD[lang][item.status]}] ${item.title[lang]}: ${item.meaning[lang]}`).join('\n');
}
