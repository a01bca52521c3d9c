import type { RenderError } from './render-protocol';

/** Looks a message up by its _locales name (chrome.i18n.getMessage in the extension); '' when missing. */
export type MessageLookup = (name: string, substitutions?: string[]) => string;

/**
 * chrome.i18n message names allow only letters, digits, `_` and `@`, so the interpreter's dotted keys
 * become camel case: `template.error.unknownFilter` → `templateErrorUnknownFilter`.
 */
export function messageNameOf(key: string): string {
  return key
    .split('.')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * Fills `{name}` placeholders from the params. The locale texts use braces rather than chrome.i18n's
 * positional `$1`, so a key's params may come in any order; null when a placeholder has no value.
 */
function fill(text: string, given: Record<string, string | number>): string | null {
  // The core names a callable's bad argument {name, detail}, the built-ins {filter, reason}: either fills the text.
  const params: Record<string, string | number> = { ...given };
  if (given.name !== undefined) params.filter ??= given.name;
  if (given.detail !== undefined) params.reason ??= given.detail;
  let missing = false;
  const filled = text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (Object.hasOwn(params, name)) return String(params[name]);
    missing = true;
    return '';
  });
  return missing ? null : filled;
}

/**
 * A template error as an admin reads it, in the UI's language, with its position:
 * "Строка 2, позиция 7: Фильтра «uper» нет". Falls back to the interpreter's English text when the
 * locale has no such key or the key's params do not match its text.
 */
export function templateErrorText(error: RenderError, lookup: MessageLookup): string {
  const localized = error.key ? lookup(messageNameOf(error.key)) : '';
  const text = (localized && fill(localized, error.params ?? {})) || error.message;
  const where = error.line ? lookup('lintAt', [String(error.line), String(error.column ?? 1)]) : '';
  return `${where}${text}`;
}
