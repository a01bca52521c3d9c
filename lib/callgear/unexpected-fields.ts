import { isApiError } from '../api-error';

/**
 * The requested `fields` names an `unexpected_parameters` error points at (data_api/index.html, error
 * table: "a filtering, sorting, or selection parameter does not exist"). The error object documents
 * `data.field` ("name of the parameter associated with the error; nested parameters separated with
 * '.'") and `data.value` ("the value passed by the user, unchanged"); which of them carries the name
 * is not shown, so every form is read: `value` as a name, a list of names or a comma-separated text;
 * `field` as a name, `fields.<name>` or `fields.<index>`; then the string values of `data.params`.
 * Only when none of these names a requested field is the message searched for one. `id` is never
 * dropped. An empty answer means the error is not about a field name: the caller rethrows it.
 */
export function unexpectedFieldNames(error: unknown, requested: readonly string[]): string[] {
  if (!isApiError(error) || error.code !== 'unexpected_parameters') return [];
  const data = ((error as { detail?: unknown }).detail ?? {}) as { field?: unknown; value?: unknown; params?: unknown };
  const named = new Set<string>();
  const addText = (text: unknown) => {
    if (typeof text === 'string') text.split(/[\s,;]+/).forEach((part) => named.add(part));
    else if (Array.isArray(text)) text.forEach(addText);
  };
  addText(data.value);
  for (const field of [data.field, ...Object.keys(error.fields ?? {})]) {
    if (typeof field !== 'string') continue;
    const parts = field.split('.');
    parts.forEach((part) => named.add(part));
    const index = parts[0] === 'fields' && parts[1] !== undefined ? Number(parts[1]) : NaN;
    if (Number.isInteger(index) && requested[index]) named.add(requested[index]!);
  }
  if (data.params && typeof data.params === 'object') Object.values(data.params).forEach(addText);
  const pick = () => requested.filter((name) => name !== 'id' && named.has(name));
  if (pick().length > 0) return pick();
  Object.values(error.fields ?? {}).forEach(addText);
  addText(error.message);
  return pick();
}
