import type { Said } from '../phrase';

/**
 * What the report says, kept as data (it is stored and downloaded): a _locales key rendered when shown.
 * `{ ru, en }` only where the words came from elsewhere as both languages (the pipeline's stored poll error,
 * an API error not yet keyed) or from a report saved by an older version.
 */
export type CheckText = Said;

export type CheckStatus = 'green' | 'yellow' | 'red' | 'skipped';
export type CheckGroup = 'callgear' | 'autocrm' | 'installation';

/** One line of the integration checklist: what it found, what it means for the dealership, what to do. */
export interface CheckItem {
  id: string;              // stable, e.g. 'callgear.credentials', 'autocrm.phone-forms'
  group: CheckGroup;
  status: CheckStatus;
  title: CheckText;    // what was checked
  meaning: CheckText;  // what it means for the dealership
  /** What the service itself said, shown before the meaning (an API error's text). */
  cause?: CheckText;
  action: CheckText | null; // what to do (where to click in CallGear / AutoCRM); null when green
  details?: string[];      // short facts (counts, names of unmapped employees, the forms that hit…), no secrets
  personal?: boolean;      // details name people: shown on the page, left out of what goes to support
}

export interface CheckReport {
  startedAt: number;
  finishedAt: number;
  items: CheckItem[];
  /** CallGear Data API points this run cost. */
  pointsUsed: number;
}

export interface CheckProgress {
  done: number;
  total: number;
  current: CheckText;
}
