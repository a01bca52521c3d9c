import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CommKind } from '@/lib/domain/communication';
import type { LintResult } from '@/lib/templates/lint';
import type { RenderResult, TemplateContext } from '@/lib/templates/render-protocol';
import { lint as lintTemplate, render } from '@/lib/templates/engine';
import { templateErrorText } from '@/lib/templates/error-text';
import { t, uiText } from '../i18n';
import { sayPlain } from '../shared/say';
import { VariablePicker } from './VariablePicker';
import { EyeIcon, PlusIcon, ResetIcon } from '../shared/icons';
import './template-field.css';

export interface PreviewSource {
  id: string;
  label: string;
  context: TemplateContext;
}

export interface TemplateFieldProps {
  id: string;
  label: string;
  value: string;
  /** The value last saved: the «Вернуть сохранённое» text button returns to it. */
  saved: string;
  /** The product default: the round arrow returns to it, as in CallGear's own template editor. */
  fallback: string;
  kind: CommKind;
  /** What the preview can render against: a realistic sample, and recent real communications. */
  previewSources: PreviewSource[];
  maxLength: number;
  onChange: (value: string) => void;
}

const LINT_DELAY_MS = 250;

/** The textarea grows with its text, so a long default template reads whole without scrolling inside it. */
function useGrowing(area: { current: HTMLTextAreaElement | null }, value: string) {
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [area, value]);
}

/** A Jinja template field as in the product: "+" for variables, an eye for the preview, reset buttons, lint while typing. */
export function TemplateField(props: TemplateFieldProps) {
  const { id, label, value, saved, fallback, kind, previewSources, maxLength, onChange } = props;
  const [sourceId, setSourceId] = useState('sample');
  const source = previewSources.find((s) => s.id === sourceId) ?? previewSources[0];
  const previewContext = source?.context ?? {};
  const [picking, setPicking] = useState(false);
  const [lint, setLint] = useState<LintResult | null>(null);
  const [preview, setPreview] = useState<RenderResult | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useGrowing(area, value);

  useEffect(() => {
    setPreview(null);
    const timer = setTimeout(() => setLint(lintTemplate(value, kind)), LINT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, kind]);

  const insert = (name: string) => {
    const el = area.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    onChange(`${value.slice(0, at)}{{ ${name} }}${value.slice(end)}`);
    setPicking(false);
    el?.focus();
  };

  // The same interpreter the service worker renders with, in this page: no iframe, no round trip.
  const showPreview = () => setPreview(render({ template: value, context: previewContext, maxLength }));
  // A preview belongs to the data it was rendered with: choosing other data hides it.
  useEffect(() => setPreview(null), [sourceId]);
  const picker = useRef<HTMLDivElement>(null);
  // The popover closes on a click outside it, as a menu does.
  useEffect(() => {
    if (!picking) return;
    const away = (e: MouseEvent) => !picker.current?.contains(e.target as Node) && setPicking(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [picking]);
  const errorText = lint?.error ? templateErrorText(lint.error, uiText) : null;

  return (
    <div class="cg-template" data-testid={`template-${id}`}>
      <label class="cg-field">
        <span class="cg-field__label">{label}</span>
        <textarea
          ref={area}
          class="cg-input cg-input--mono"
          rows={2}
          value={value}
          spellcheck={false}
          aria-invalid={Boolean(lint?.error)}
          aria-describedby={`${id}-lint`}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      </label>
      <div class="cg-template__actions">
        <div class="cg-popover-anchor" ref={picker}>
          <button type="button" class="cg-icon-button" aria-label={t('insertVariable')} title={t('insertVariable')} aria-expanded={picking} aria-haspopup="dialog" onClick={() => setPicking(!picking)}>
            <PlusIcon />
          </button>
          {picking && <VariablePicker kind={kind} onPick={insert} onClose={() => setPicking(false)} />}
        </div>
        <button type="button" class="cg-icon-button" aria-label={t('preview')} title={t('preview')} onClick={showPreview}>
          <EyeIcon />
        </button>
        <button type="button" class="cg-icon-button" aria-label={t('templateResetToDefault')} title={t('templateResetToDefault')} disabled={value === fallback} onClick={() => onChange(fallback)}>
          <ResetIcon />
        </button>
        <button type="button" class="cg-link-button" disabled={value === saved} onClick={() => onChange(saved)}>
          {t('resetToSaved')}
        </button>
        {previewSources.length > 1 && (
          <select class="cg-select-small" aria-label={t('previewOn')} value={sourceId} onChange={(e) => setSourceId(e.currentTarget.value)}>
            {previewSources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </div>
      <div id={`${id}-lint`} aria-live="polite">
        {errorText && <p class="cg-error" data-testid={`lint-error-${id}`}>{errorText}</p>}
        {lint?.warnings.map((w) => (
          <p key={w.name} class="cg-warning">
            {sayPlain(w)}
          </p>
        ))}
      </div>
      {preview && (
        <output class={preview.ok ? 'cg-preview' : 'cg-preview cg-preview--error'} data-testid={`preview-${id}`}>
          {preview.ok ? preview.text || t('previewEmpty') : `${t('previewFailed')}: ${templateErrorText(preview.error, uiText)}`}
        </output>
      )}
      {preview && source && (
        <p class="cg-muted cg-preview-source" data-testid={`preview-source-${id}`}>
          {t('previewUsed', source.label)}
        </p>
      )}
    </div>
  );
}
