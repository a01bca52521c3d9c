import { useMemo, useState } from 'preact/hooks';
import type { CommKind } from '@/lib/domain/communication';
import { catalogFor, type VariableDef } from '@/lib/templates/catalog';
import { t, uiText, type MessageKey } from '../i18n';

/** Variables that stay empty for the kind: struck through, with why in the tooltip. */
const EMPTY_REASON: Partial<Record<VariableDef['availability'], MessageKey>> = {
  'notification-only': 'variableNotificationOnly',
  unavailable: 'variableUnavailable',
};

/** The variable's description in the UI's language (public/_locales, `var_<group>_<name>`); its name when the locale lacks it. */
const describe = (v: VariableDef) => uiText(v.key) || v.name;

/**
 * The "+" popover: every variable of the kind, searchable by name or description. As in CallGear's
 * editor the description leads (what the admin looks for), the name to insert follows it.
 */
export function VariablePicker({ kind, onPick, onClose }: { kind: CommKind; onPick: (name: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return catalogFor(kind).filter((v) => !q || v.name.includes(q) || describe(v).toLowerCase().includes(q));
  }, [kind, query]);
  const tooltip = (v: VariableDef) => {
    const reason = EMPTY_REASON[v.availability];
    const computed = v.availability === 'computed' ? [t('variableComputed')] : [];
    const source = v.source ? [`${t('variableSource')}: ${v.source}`] : [];
    return [describe(v), ...(reason ? [t(reason)] : []), ...computed, ...source].join('\n');
  };
  return (
    <div class="cg-picker cg-picker--popover" role="dialog" aria-label={t('variablesTitle')} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <input
        class="cg-input"
        type="search"
        autoFocus
        placeholder={t('variablesSearch')}
        aria-label={t('variablesSearch')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <ul class="cg-picker__list" role="listbox">
        {matches.map((v) => (
          <li key={v.name} role="option" aria-selected="false">
            <button type="button" class="cg-picker__item cg-picker__item--described" title={tooltip(v)} data-availability={v.availability} onClick={() => onPick(v.name)}>
              <span class={EMPTY_REASON[v.availability] ? 'cg-picker__what cg-strike' : 'cg-picker__what'}>{describe(v)}</span>
              <code class="cg-picker__name">{v.name}</code>
            </button>
          </li>
        ))}
        {matches.length === 0 && <li class="cg-muted">{t('variablesNone')}</li>}
      </ul>
    </div>
  );
}
