import type { RuleKind } from '../domain/communication';

/**
 * What the Журнал knows to put people's names and plain words in place of the ids and technical names
 * the pipeline writes into its reasons and explanations ("#43", "incomingCalls", "(Europe/Moscow)").
 * The words themselves come from the page (_locales); this module only knows where they go.
 */
export interface WordingContext {
  /** AutoCRM user id → name (the dictionaries' users). */
  userName: (id: number) => string | undefined;
  /** CallGear employee id → name (the dictionaries' employees, or the users' mapping). */
  employeeName: (id: number) => string | undefined;
  /** The rule set's name as the rules page shows it. */
  ruleKindName: (kind: RuleKind) => string;
  /** The dealership's zone: a time in it needs no zone after it. */
  dealershipZone: string;
  /** A whole sentence in the page's language (a locale key and its parameters). */
  phrase: (key: 'journalOwnedBy' | 'journalWaitingFor', params: string[]) => string;
  /** An employee or user the lists do not know, without showing a bare id. */
  unknownPerson: (id: number) => string;
}

const RULE_KINDS: RuleKind[] = ['incomingCalls', 'outgoingCalls', 'chats', 'leads'];

/** The responsible person lines of the decision name AutoCRM users ("Ответственный … #43"). */
const RESPONSIBLE = /([Оо]тветственн[^#\n]*?)#(\d+)/g;
/** The ownership reasons name another operator's browser by its CallGear employee (lib/pipeline/ownership.ts). */
const OWNED_BY = /обрабатывает установка сотрудника #(\d+)/g;
const WAITING_FOR = /ждём установку сотрудника #(\d+) до передачи координатору/g;
const EMPLOYEE = /сотрудник(?:а|у|ом)? #(\d+)/g;

/** One reason or explanation line, with names for ids, words for rule kinds, and no zone where the dealership's is meant. */
export function humanize(line: string, ctx: WordingContext): string {
  let out = line;
  for (const kind of RULE_KINDS) out = out.replaceAll(kind, ctx.ruleKindName(kind));
  out = out.replace(RESPONSIBLE, (_, lead: string, id: string) => `${lead}${ctx.userName(Number(id)) ?? ctx.unknownPerson(Number(id))}`);
  const employee = (id: string) => ctx.employeeName(Number(id)) ?? ctx.unknownPerson(Number(id));
  out = out.replace(OWNED_BY, (_, id: string) => ctx.phrase('journalOwnedBy', [employee(id)]));
  out = out.replace(WAITING_FOR, (_, id: string) => ctx.phrase('journalWaitingFor', [employee(id)]));
  out = out.replace(EMPLOYEE, (whole, id: string) => whole.replace(`#${id}`, employee(id)));
  out = out.replaceAll(` (${ctx.dealershipZone})`, '');
  return out;
}
