import type { RuleKind } from './domain/communication';
import { messageNameOf, type MessageLookup } from './templates/error-text';

/**
 * What lib/ says to a person, as data: a stable key and its parameters, worded by the UI from _locales.
 * The same mechanism as the template errors (lib/templates/jinja/errors.ts, lib/templates/error-text.ts):
 * a dotted key becomes a chrome.i18n message name (`pipeline.reason.noDealership` →
 * `pipelineReasonNoDealership`) whose text has `{name}` placeholders filled from the params.
 */
export interface Phrase {
  key: string;
  params?: Record<string, PhraseParam>;
}

/** Who or what a parameter names: the UI turns it into a name or a word in its language. */
export type PhraseRef =
  /** An AutoCRM user (the dictionaries' users). */
  | { user: number }
  /** A CallGear employee (the dictionaries' employees). */
  | { employee: number }
  | { ruleKind: RuleKind }
  /** A moment to show in `zone`; the zone is named only when it is not the dealership's own. */
  | { time: string; zone: string }
  | { entity: 'inquiry' | 'serviceInquiry' | 'worksheet' | 'client' | 'task' | 'call' }
  /** A phrase inside a phrase (a reason inside "The rule is incomplete: …"). */
  | { said: Said }
  /** A label lib/ already carries in both languages (the condition fields, lib/rules/fields.ts). */
  | { text: { ru: string; en: string } };

/** Plain strings and numbers are data (a rule's name as the admin typed it, a phone number, an id). */
export type PhraseParam = string | number | PhraseRef;

/** Words that reached lib/ as both languages at once (stored by an older version, or from a caller not yet keyed). */
export interface BothLanguages {
  ru: string;
  en: string;
}

/**
 * What lib/ says to a person: a phrase; or, for data stored before phrases, a plain string (shown as-is)
 * or words in both languages (lib/api-error.ts's texts).
 */
export type Said = Phrase | string | BothLanguages;

export const phrase = (key: string, params?: Record<string, PhraseParam>): Phrase => (params ? { key, params } : { key });

export const isPhrase = (value: unknown): value is Phrase =>
  typeof value === 'object' && value !== null && typeof (value as Phrase).key === 'string' && !('ru' in value);

/** A stable text for grouping equal reasons (the reconcile's skip reasons), in no language. */
export const saidId = (said: Said): string => (typeof said === 'string' ? said : JSON.stringify(said));

const isBoth = (said: Said): said is BothLanguages => typeof said === 'object' && 'ru' in said;

/** The reason a `saidId` stands for. */
export function saidFromId(id: string): Said {
  if (!id.startsWith('{')) return id;
  try {
    const parsed: unknown = JSON.parse(id);
    return isPhrase(parsed) || (typeof parsed === 'object' && parsed !== null && 'ru' in parsed && 'en' in parsed) ? (parsed as Said) : id;
  } catch {
    return id;
  }
}

/** What the page knows to word a phrase: its locale, and names for the people the phrase refers to. */
export interface PhraseWords {
  lookup: MessageLookup;
  userName: (id: number) => string | undefined;
  employeeName: (id: number) => string | undefined;
  /** The dealership's zone: a time in it needs no zone after it. */
  dealershipZone: string;
}

const RULE_KIND_MESSAGE: Record<RuleKind, string> = { incomingCalls: 'kindIncomingCalls', outgoingCalls: 'kindOutgoingCalls', chats: 'kindChats', leads: 'kindLeads' };

function paramText(param: PhraseParam, words: PhraseWords): string {
  if (typeof param === 'string' || typeof param === 'number') return String(param);
  const person = (name: string | undefined) => name ?? words.lookup('journalUnknownPerson');
  if ('user' in param) return person(words.userName(param.user));
  if ('employee' in param) return person(words.employeeName(param.employee));
  if ('ruleKind' in param) return words.lookup(RULE_KIND_MESSAGE[param.ruleKind]) || param.ruleKind;
  if ('entity' in param) return words.lookup(`entity_${param.entity}`) || param.entity;
  if ('said' in param) return sayText(param.said, words);
  if ('text' in param) return words.lookup('lang') === 'en' ? param.text.en : param.text.ru;
  const at = formatInZone(param.time, param.zone);
  return param.zone === words.dealershipZone ? at : `${at} (${param.zone})`;
}

/** Fills `{name}` placeholders; a placeholder without a value stays empty rather than showing braces. */
export function fillPlaceholders(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : ''));
}

/** A phrase in the page's language; a plain string (a row stored before phrases) as it is. */
export function sayText(said: Said, words: PhraseWords): string {
  if (typeof said === 'string') return said;
  if (isBoth(said)) return words.lookup('lang') === 'en' ? said.en : said.ru;
  const text = words.lookup(messageNameOf(said.key));
  if (!text) return said.key;
  const values = Object.fromEntries(Object.entries(said.params ?? {}).map(([name, param]) => [name, paramText(param, words)]));
  return fillPlaceholders(text, values);
}

/** Words for a phrase that names no people (the check's items, the clients' errors). */
const noNames = (lookup: MessageLookup): PhraseWords => ({ lookup, userName: () => undefined, employeeName: () => undefined, dealershipZone: '' });

/** A phrase in the language `lookup` reads (chrome.i18n in the UI); the key itself when the locale lacks it. */
export const phraseText = (said: Phrase, lookup: MessageLookup): string => sayText(said, noNames(lookup));

/** A phrase, or words already in both languages, in the language `lang` / `lookup` read. */
export function sayIn(said: Said, lang: 'ru' | 'en', lookup: MessageLookup): string {
  if (typeof said === 'string') return said;
  return isBoth(said) ? said[lang] : phraseText(said, lookup);
}

/**
 * `dd.MM.yyyy HH:mm` of an ISO moment in an IANA zone, with Intl rather than luxon: the content script words
 * phrases too, and luxon would double its bundle.
 */
export function formatInZone(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}
