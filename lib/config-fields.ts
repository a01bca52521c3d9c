import type { z } from 'zod/mini';
import type { RuleKind } from './domain/communication';
import { phrase, type Phrase } from './phrase';

/**
 * A configuration file's field as the admin knows it from the options page: its form label
 * (public/_locales), not its key in the file. A field without a label is named by its path, as data.
 */
const RULE_KINDS: readonly RuleKind[] = ['incomingCalls', 'outgoingCalls', 'chats', 'leads'];

const SETTING_LABEL: Record<string, string> = {
  hours: 'hoursHeading',
  autocrmZone: 'autocrmZone',
  pointBudgetShare: 'pointBudgetShare',
};

export function configFieldLabel(path: readonly (string | number)[]): Phrase {
  const [top, second] = path;
  if (path.length === 0) return phrase('config.field.file');
  if (top === 'rules' && typeof second === 'string' && RULE_KINDS.includes(second as RuleKind)) {
    return phrase('config.field.rules', { ruleKind: { ruleKind: second as RuleKind } });
  }
  if (top === 'settings' && typeof second === 'string' && SETTING_LABEL[second]) return phrase(SETTING_LABEL[second]!);
  return phrase('config.field.path', { path: path.join('.') });
}

/** What is wrong with a value, from zod's issue code, in words of _locales rather than zod's English. */
export function configIssue(issue: z.core.$ZodIssue): Phrase {
  switch (issue.code) {
    case 'invalid_type':
      return phrase('config.issue.wrongType');
    case 'too_big':
    case 'too_small':
      return phrase('config.issue.outOfRange');
    case 'unrecognized_keys':
      return phrase('config.issue.unknownField', { names: issue.keys.join(', ') });
    default:
      return phrase('config.issue.notAllowed');
  }
}
