import { isPhrase, type PhraseParam, type Said } from './phrase';

/**
 * An error that carries what to say as data (a _locales key and its params: lib/phrase.ts), so the page
 * words it in its own language. The message is the key, for logs only.
 */
export class SaidError extends Error {
  override name = 'SaidError';
  constructor(readonly said: Said) {
    super(typeof said === 'string' ? said : isPhrase(said) ? said.key : said.en);
  }
}

/** What an error says, when it says it as data (a SaidError, or one rebuilt from a message reply). */
export function saidOfError(error: unknown): Said | undefined {
  if (error instanceof SaidError) return error.said;
  const said = typeof error === 'object' && error !== null ? (error as { said?: unknown }).said : undefined;
  return isPhrase(said) ? said : undefined;
}

/** An error as a phrase's parameter: its phrase when it says one, else its message (data, as it came). */
export function errorParam(error: unknown): PhraseParam {
  const said = saidOfError(error);
  if (said) return { said };
  return error instanceof Error ? error.message : String(error);
}
