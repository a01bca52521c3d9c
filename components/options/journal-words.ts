import type { RuleKind } from '@/lib/domain/communication';
import type { Said } from '@/lib/journal/timeline';
import { humanize, type WordingContext } from '@/lib/journal/wording';
import type { Dictionaries } from '@/lib/dictionaries';
import { localized, t, type MessageKey } from '../i18n';

const RULE_KIND_NAME: Record<RuleKind, MessageKey> = { incomingCalls: 'kindIncomingCalls', outgoingCalls: 'kindOutgoingCalls', chats: 'kindChats', leads: 'kindLeads' };

/** The Журнал's wording context from the page's lists (names) and settings (the dealership's zone). */
export function wordingContext(d: Dictionaries | null, dealershipZone: string | undefined): WordingContext {
  const name = (list: { id: number | string; name: string }[] | undefined, id: number) => list?.find((c) => Number(c.id) === id)?.name;
  return {
    userName: (id) => name(d?.users, id),
    employeeName: (id) => name(d?.employees, id),
    ruleKindName: (kind) => t(RULE_KIND_NAME[kind]),
    dealershipZone: dealershipZone ?? 'Europe/Moscow',
    phrase: (key, params) => t(key, params),
    unknownPerson: () => t('journalUnknownPerson'),
  };
}

/** A timeline or outcome text in the page's language; an `entity_*` parameter is an entity's name. */
export function say(said: Said, ctx: WordingContext): string {
  if ('line' in said) return humanize(said.line, ctx);
  if ('localized' in said) return humanize(localized(said.localized), ctx);
  const params = (said.params ?? []).map((p) => (/^entity_[a-zA-Z]+$/.test(p) ? t(p as MessageKey) : humanize(p, ctx)));
  return t(said.key as MessageKey, params);
}
