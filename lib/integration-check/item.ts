import { isApiError, type LocalizedText } from '../api-error';
import type { CheckGroup, CheckItem, CheckStatus } from './types';

/** What a probe says: its verdict, the meaning and the action in both languages, and short facts. */
export interface Finding {
  status: CheckStatus;
  meaning: LocalizedText;
  action?: LocalizedText | null;
  details?: string[];
  /** The details name people (shown to the admin, never copied for support). */
  personal?: boolean;
}

/** A probe: one checklist line, with a title known before it runs (the progress shows it). */
export interface Probe<C> {
  id: string;
  group: CheckGroup;
  title: LocalizedText;
  run(context: C): Promise<Finding>;
}

export const t = (ru: string, en: string): LocalizedText => ({ ru, en });

export function toItem(probe: Pick<Probe<unknown>, 'id' | 'group' | 'title'>, finding: Finding): CheckItem {
  return {
    id: probe.id,
    group: probe.group,
    status: finding.status,
    title: probe.title,
    meaning: finding.meaning,
    action: finding.status === 'green' ? null : (finding.action ?? null),
    ...(finding.details?.length ? { details: finding.details } : {}),
    ...(finding.personal && finding.details?.length ? { personal: true } : {}),
  };
}

/** A probe that failed on something it did not expect: red, with the API's own words. */
export function failedFinding(error: unknown): Finding {
  if (isApiError(error)) {
    return {
      status: 'red',
      meaning: error.text,
      action: t('Исправьте причину и запустите проверку ещё раз. Если не помогает — скопируйте результат для поддержки.', 'Fix the cause and run the check again. If that does not help, copy the result for support.'),
      details: [[error.service, error.code ?? error.kind, error.status, error.request].filter((v) => v !== undefined).join(' ')],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 'red',
    meaning: t(`Проверка не удалась: ${message}`, `The check failed: ${message}`),
    action: t('Запустите проверку ещё раз; если ошибка повторяется — скопируйте результат для поддержки.', 'Run the check again; if the error repeats, copy the result for support.'),
  };
}

/** A probe that could not run because an earlier one failed (no credentials, no access). */
export const skipped = (meaning: LocalizedText): Finding => ({ status: 'skipped', meaning, action: null });
