import { isApiError } from '../api-error';
import { phrase, type Phrase } from '../phrase';
import type { CheckGroup, CheckItem, CheckStatus, CheckText } from './types';

/** What a probe says: its verdict, the meaning and the action as _locales keys, and short facts. */
export interface Finding {
  status: CheckStatus;
  meaning: CheckText;
  cause?: CheckText;
  action?: Phrase | null;
  details?: string[];
  /** The details name people (shown to the admin, never copied for support). */
  personal?: boolean;
}

/** A probe: one checklist line, with a title known before it runs (the progress shows it). */
export interface Probe<C> {
  id: string;
  group: CheckGroup;
  title: Phrase;
  run(context: C): Promise<Finding>;
}

/** A check text by its _locales key (public/_locales/{ru,en}/messages.json, `check…`). */
export const t = (key: string, params?: Record<string, string | number>): Phrase => phrase(key, params);

export function toItem(probe: Pick<Probe<unknown>, 'id' | 'group' | 'title'>, finding: Finding): CheckItem {
  return {
    id: probe.id,
    group: probe.group,
    status: finding.status,
    title: probe.title,
    meaning: finding.meaning,
    ...(finding.cause ? { cause: finding.cause } : {}),
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
      meaning: error.phrase ?? error.text,
      action: t('checkItemFixTheCauseAndRun'),
      details: [[error.service, error.code ?? error.kind, error.status, error.request].filter((v) => v !== undefined).join(' ')],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 'red',
    meaning: t('checkItemTheCheckFailed', { message }),
    action: t('checkItemRunTheCheckAgainIf'),
  };
}

/** A probe that could not run because an earlier one failed (no credentials, no access). */
export const skipped = (meaning: Phrase): Finding => ({ status: 'skipped', meaning, action: null });
