import type { LocalizedText } from '../api-error';

export type CheckStatus = 'green' | 'yellow' | 'red' | 'skipped';
export type CheckGroup = 'callgear' | 'autocrm' | 'installation';

/** One line of the integration checklist: what it found, what it means for the dealership, what to do. */
export interface CheckItem {
  id: string;              // stable, e.g. 'callgear.credentials', 'autocrm.phone-forms'
  group: CheckGroup;
  status: CheckStatus;
  title: LocalizedText;    // what was checked
  meaning: LocalizedText;  // what it means for the dealership
  action: LocalizedText | null; // what to do (where to click in CallGear / AutoCRM); null when green
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
  current: LocalizedText;
}
