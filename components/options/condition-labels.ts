import type { RuleKind } from '@/lib/domain/communication';
import { reportOfRule } from '@/lib/rules/availability';
import { CONDITION_FIELDS } from '@/lib/rules/fields';
import { t, uiText, type MessageKey } from '../i18n';

const REPORT_NAME: Record<ReturnType<typeof reportOfRule>, MessageKey> = {
  calls: 'reportOfCalls',
  chats: 'reportOfChats',
  offline_messages: 'reportOfOfflineMessages',
  communications: 'reportOfCalls',
};

/** A condition field's name in the admin's language; a field no rule kind lists keeps its report name. */
export function fieldLabel(field: string): string {
  const known = Object.values(CONDITION_FIELDS).flat().find((f) => f.field === field);
  return known ? uiText(known.label) || field : field;
}

/** The CallGear report a rule set's communications come from, as a sentence names it. */
export const reportName = (kind: RuleKind): string => t(REPORT_NAME[reportOfRule(kind)]);
