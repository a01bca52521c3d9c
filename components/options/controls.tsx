import type { ComponentChildren } from 'preact';
import type { Choice } from '@/lib/dictionaries';

/** A labelled select of choices; the first option is the "empty" meaning (inherit, or who took it). */
export function ChoiceSelect({ label, value, choices, empty, onChange, testId, title, disabled }: { label: string; value: number | string | null | undefined; choices: Choice[]; empty: string; onChange: (value: number | string | undefined) => void; testId?: string; title?: string; disabled?: boolean }) {
  return (
    <label class="cg-field" title={title}>
      <span class="cg-field__label">{label}</span>
      <select
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
    </label>
  );
}

export function NumberField({ label, value, onChange, min = 0, max, testId, disabled, title }: { label: string; value: number | undefined; onChange: (value: number | undefined) => void; min?: number; max?: number; testId?: string; disabled?: boolean; title?: string }) {
  return (
    <label class="cg-field" title={title}>
      <span class="cg-field__label">{label}</span>
      <input class="cg-input" type="number" min={min} max={max} data-testid={testId} disabled={disabled} value={value ?? ''} onInput={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))} />
    </label>
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
