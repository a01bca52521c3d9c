import { isApiError } from '../api-error';

/** Mnemonics that may name a requested `fields` entry the account cannot answer (data_api/index.html error tables). */
const FIELD_REFUSALS = new Set([
  'unexpected_parameters', // "a filtering, sorting, or selection parameter does not exist"
  'parameter_component_disabled', // -32008: "a component required to fill in a parameter … is not enabled"
]);

/** Names the pipeline cannot work without (the row schemas require them): never dropped, the error stands. */
const NEVER_DROPPED = new Set(['id', 'start_time', 'date_time', 'direction', 'is_lost', 'status', 'communication_type']);

/** More than this share of the request named at once is not a pinpointed refusal (e.g. `value` echoing the whole list). */
const MAX_DROPPED_SHARE = 0.25;

/**
 * The requested `fields` names an `unexpected_parameters` or `parameter_component_disabled` error points
 * at. The error object documents `data.field` ("name of the parameter associated with the error; nested
 * parameters separated with '.'") and `data.value` ("the value passed by the user, unchanged"); which of
 * them carries the name is not shown, so every form is read: `value` as a name or a comma-separated text
 * (a list only when it is not the request's own list echoed back); `field` as a name, `fields.<name>` or
 * `fields.<index>`; then the string values of `data.params`. Only when none of these names a requested
 * field is the message searched for one. An empty answer means the error is not a pinpointed field
 * refusal, and the caller rethrows it: so is an answer that would drop a required name or more than a
 * quarter of the request, which would leave rows that cannot be read.
 */
export function unexpectedFieldNames(error: unknown, requested: readonly string[]): string[] {
  if (!isApiError(error) || !FIELD_REFUSALS.has(error.code ?? '')) return [];
  const data = ((error as { detail?: unknown }).detail ?? {}) as { field?: unknown; value?: unknown; params?: unknown };
  const named = new Set<string>();
  const addText = (text: unknown) => {
    if (typeof text === 'string') text.split(/[\s,;]+/).forEach((part) => named.add(part));
    else if (Array.isArray(text)) text.forEach(addText);
  };
  const echoed = Array.isArray(data.value) && data.value.length > 1;
  if (!echoed) addText(data.value);
  for (const field of [data.field, ...Object.keys(error.fields ?? {})]) {
    if (typeof field !== 'string') continue;
    const parts = field.split('.');
    parts.forEach((part) => named.add(part));
    const index = parts[0] === 'fields' && parts[1] !== undefined ? Number(parts[1]) : NaN;
    if (Number.isInteger(index) && requested[index]) named.add(requested[index]!);
  }
  if (data.params && typeof data.params === 'object') Object.values(data.params).forEach(addText);
  const pick = () => requested.filter((name) => named.has(name));
  let names = pick();
  if (names.length === 0) {
    Object.values(error.fields ?? {}).forEach(addText);
    addText(error.message);
    names = pick();
  }
  const safe = names.length <= Math.max(1, Math.floor(requested.length * MAX_DROPPED_SHARE)) && !names.some((name) => NEVER_DROPPED.has(name));
  return safe ? names : [];
}
