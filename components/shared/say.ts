import type { Dictionaries } from '@/lib/dictionaries';
import type { TemplateErrorInfo } from '@/lib/db';
import type { Shown } from '@/lib/journal/timeline';
import { sayText, type PhraseWords, type Said } from '@/lib/phrase';
import { saidOfError } from '@/lib/said-error';
import { templateErrorText } from '@/lib/templates/error-text';
import { localized, t, uiText, type MessageKey } from '../i18n';

/** The template fields as the rules page names them, not their API keys. */
const FIELD_LABEL: Record<string, MessageKey> = { comment: 'fieldComment', source: 'fieldSource', subSource: 'fieldSubSource', taskTitle: 'taskTitle' };

/** The Журнал's words: the page's locale, names from its lists, the dealership's zone from settings. */
export function journalWords(d: Dictionaries | null, dealershipZone: string | undefined): PhraseWords {
  const name = (list: { id: number | string; name: string }[] | undefined, id: number) => list?.find((c) => Number(c.id) === id)?.name;
  return {
    lookup: uiText,
    userName: (id) => name(d?.users, id),
    employeeName: (id) => name(d?.employees, id),
    dealershipZone: dealershipZone ?? 'Europe/Moscow',
  };
}

/** A template failure in the UI's language: the field as the admin knows it, the error with its line and column. */
export function templateFailureText(tpl: TemplateErrorInfo): string {
  const field = FIELD_LABEL[tpl.field] ? t(FIELD_LABEL[tpl.field]!) : tpl.field;
  return t('templateFailed', [field, templateErrorText({ kind: 'runtime', key: tpl.key, params: tpl.params, line: tpl.line, column: tpl.column, message: tpl.message ?? '' }, uiText)]);
}

/** A timeline, reason or error text in the page's language; a plain string stored before phrases as it is. */
export function say(shown: Shown, words: PhraseWords): string {
  if (typeof shown === 'object' && 'localized' in shown) return localized(shown.localized);
  if (typeof shown === 'object' && 'templateError' in shown) return templateFailureText(shown.templateError);
  return sayText(shown, words);
}

/** The UI's language as lib/ names it. */
export const uiLang = (): 'ru' | 'en' => (t('lang') === 'en' ? 'en' : 'ru');

/**
 * What lib/ said that names no people (the check's items, the clients' errors), in the UI's language: a phrase
 * through chrome.i18n, words stored in both languages by the matching one, a plain string as it is.
 */
export const sayPlain = (said: Said): string => sayText(said, journalWords(null, undefined));

/** A caught error in the UI's language: what it says as a phrase (lib/said-error.ts), else its message. */
export function errorText(error: unknown): string {
  const said = saidOfError(error);
  if (said) return sayPlain(said);
  return error instanceof Error ? error.message : String(error);
}

/** A fixed choice's name in the UI's language: its _locales key when it has one, else its name (data shown as is). */
export function choiceName(choice: { name: string; label?: string }): string {
  return (choice.label && uiText(choice.label)) || choice.name;
}
