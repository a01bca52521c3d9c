import { useState } from 'preact/hooks';
import type { Choice } from '@/lib/dictionaries';
import { filterChoices, storedChoice } from '@/lib/rules/vehicle-choices';
import { t } from '../i18n';

export interface SearchSelectProps {
  label: string;
  value: number | undefined;
  choices: Choice[];
  /** The first option's meaning (as in the base rule, not chosen). */
  empty: string;
  onChange: (value: number | undefined) => void;
  testId?: string;
  /** Shown instead of the list when there is nothing to choose from yet (a model before its brand). */
  placeholder?: string;
}

/**
 * A choice from a long dictionary: type to narrow the list, then pick. The stored choice stays in the list
 * whatever is typed; an id the dictionary does not know is shown as such, never dropped.
 */
export function SearchSelect({ label, value, choices, empty, onChange, testId, placeholder }: SearchSelectProps) {
  const [query, setQuery] = useState('');
  const stored = storedChoice(choices, value);
  const matches = filterChoices(choices, query);
  const shown = stored.kind === 'known' && !matches.includes(stored.choice) ? [stored.choice, ...matches] : matches;
  const waiting = choices.length === 0 && placeholder !== undefined && stored.kind === 'none';
  return (
    <div class="cg-field" data-testid={testId}>
      <span class="cg-field__label">{label}</span>
      <input
        class="cg-input"
        type="search"
        aria-label={`${label}: ${t('choiceFilter')}`}
        placeholder={waiting ? placeholder : t('choiceFilter')}
        disabled={waiting}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        data-testid={testId && `${testId}-filter`}
      />
      <select
        class="cg-input"
        aria-label={label}
        disabled={waiting}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
        data-testid={testId && `${testId}-select`}
      >
        <option value="">{empty}</option>
        {stored.kind === 'unknown' && <option value={String(stored.id)}>{t('choiceNotInDictionary', String(stored.id))}</option>}
        {shown.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.name}
          </option>
        ))}
        {shown.length === 0 && query && <option disabled>{t('choiceNoMatches')}</option>}
      </select>
    </div>
  );
}
