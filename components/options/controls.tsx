import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Choice } from '@/lib/dictionaries';
import { Hint } from '../shared/Hint';

/**
 * A field's frame: the label on the border and the control. A hint (`title`) is a Hint button beside the
 * label, reachable by keyboard and touch; a button inside a <label> would be labelled by it, so a hinted
 * field names its control with `for` instead of wrapping it.
 */
function Field({ label, hint, children }: { label: string; hint?: string; children: (id?: string) => ComponentChildren }) {
  const id = useId();
  if (!hint)
    return (
      <label class="cg-field">
        <span class="cg-field__label">{label}</span>
        {children()}
      </label>
    );
  return (
    <div class="cg-field cg-field--hinted">
      <label class="cg-field__label" for={id}>
        {label}
      </label>
      <Hint text={hint} />
      {children(id)}
    </div>
  );
}

/** A labelled select of choices; the first option is the "empty" meaning (inherit, or who took it). */
export function ChoiceSelect({ label, value, choices, empty, onChange, testId, title, disabled }: { label: string; value: number | string | null | undefined; choices: Choice[]; empty: string; onChange: (value: number | string | undefined) => void; testId?: string; title?: string; disabled?: boolean }) {
  return (
    <Field label={label} hint={title}>
      {(id) => (
        <select
          id={id}
          class="cg-input"
          data-testid={testId}
          disabled={disabled}
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(e) => {
            const raw = e.currentTarget.value;
            const choice = choices.find((c) => String(c.id) === raw);
            onChange(raw === '' ? undefined : (choice?.id ?? raw));
          }}
        >
          <option value="">{empty}</option>
          {choices.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function NumberField({ label, value, onChange, min = 0, max, testId, disabled, title }: { label: string; value: number | undefined; onChange: (value: number | undefined) => void; min?: number; max?: number; testId?: string; disabled?: boolean; title?: string }) {
  return (
    <Field label={label} hint={title}>
      {(id) => <input id={id} class="cg-input" type="number" min={min} max={max} data-testid={testId} disabled={disabled} value={value ?? ''} onInput={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))} />}
    </Field>
  );
}

/** Several of a list, as checkboxes (status filters, days of the week). */
export function MultiCheck({ legend, choices, selected, onChange, hint }: { legend: string; choices: Choice[]; selected: (number | string)[]; onChange: (selected: (number | string)[]) => void; hint?: ComponentChildren }) {
  return (
    <fieldset class="cg-multi">
      <legend>{legend}</legend>
      {hint && <p class="cg-muted">{hint}</p>}
      {choices.map((c) => (
        <label key={c.id} class="cg-check">
          <input type="checkbox" checked={selected.includes(c.id)} onChange={(e) => onChange(e.currentTarget.checked ? [...selected, c.id] : selected.filter((s) => s !== c.id))} /> {c.name}
        </label>
      ))}
    </fieldset>
  );
}
