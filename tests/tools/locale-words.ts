import { readFileSync } from 'node:fs';
import { messageNameOf } from '@/lib/templates/error-text';
import { isPhrase, sayText, type PhraseParam, type PhraseWords, type Said } from '@/lib/phrase';

type Messages = Record<string, { message: string }>;
const locales: Record<'ru' | 'en', Messages> = {
  ru: JSON.parse(readFileSync('public/_locales/ru/messages.json', 'utf8')),
  en: JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')),
};

/** The `{name}` placeholders of a locale text, sorted. */
export const bracePlaceholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** A phrase's own params and those of the phrases inside it, each checked against its locale text. */
function check(said: Said, lang: 'ru' | 'en'): void {
  if (!isPhrase(said)) return;
  const name = messageNameOf(said.key);
  const text = locales[lang][name]?.message;
  if (text === undefined) throw new Error(`${lang} has no message ${name} (key ${said.key})`);
  const given = Object.keys(said.params ?? {}).sort();
  if (bracePlaceholders(text).join() !== given.join()) throw new Error(`${name}: the text names {${bracePlaceholders(text).join(', ')}}, the phrase gives {${given.join(', ')}}`);
  for (const param of Object.values(said.params ?? {}) as PhraseParam[]) if (typeof param === 'object' && 'said' in param) check(param.said, lang);
}

/** Names the tests' people; anyone else reads as the locale's "not in the lists". */
export const PEOPLE = { users: { 43: 'Смирнов Игорь Олегович' } as Record<number, string>, employees: { 9002: 'Петрова Анна' } as Record<number, string> };

export function wordsFor(lang: 'ru' | 'en', dealershipZone = 'Europe/Moscow'): PhraseWords {
  return {
    lookup: (name) => locales[lang][name]?.message ?? '',
    userName: (id) => PEOPLE.users[id],
    employeeName: (id) => PEOPLE.employees[id],
    dealershipZone,
  };
}

/** A phrase as the page shows it in `lang`, after checking that the locale has its key with exactly its params. */
export function render(said: Said, lang: 'ru' | 'en', dealershipZone?: string): string {
  check(said, lang);
  return sayText(said, wordsFor(lang, dealershipZone));
}

export const ru = (said: Said) => render(said, 'ru');
export const en = (said: Said) => render(said, 'en');
