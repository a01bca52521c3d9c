import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import { managed } from './state';
import { errorText, sayPlain } from '../shared/say';

/** Export the configuration (never secrets), import one with validation, the diagnostic report for support, and what a policy locked. */
export function ShareSection({ onImported }: { onImported: () => void }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const exportFile = async () => {
    const file = await ask({ type: 'config.export' });
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `callgear-autocrm-config-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await ask({ type: 'config.import', text: await file.text() });
      if (result.ok) {
        setMessage({ ok: true, text: t('imported') });
        onImported();
      } else setMessage({ ok: false, text: t('importFailed', [sayPlain(result.label), sayPlain(result.said)]) });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };

  const [diagnosticsError, setDiagnosticsError] = useState<string | null>(null);
  const downloadDiagnostics = async () => {
    setDiagnosticsError(null);
    try {
      const text = await ask({ type: 'diagnostics.report' });
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `callgear-autocrm-diagnostics-${new Date().toISOString().slice(0, 16).replace(':', '-')}.json`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setDiagnosticsError(t('diagnosticsFailed', errorText(e)));
    }
  };

  const policy = managed.value;
  return (
    <section class="cg-card" data-testid="share">
      <h2>{t('shareHeading')}</h2>
      <p class="cg-muted">{t('shareHint')}</p>
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={exportFile} data-testid="export">{t('exportConfig')}</button>
        <label class="cg-button cg-button--ghost">
          {t('importConfig')}
          <input type="file" accept="application/json,.json" class="cg-hidden-file" data-testid="import" onChange={(e) => importFile(e.currentTarget.files?.[0])} />
        </label>
      </div>
      {message && <p class={message.ok ? 'cg-ok' : 'cg-error'} role="status" data-testid="import-result">{message.text}</p>}
      <p class="cg-muted">{t('diagnosticsHint')}</p>
      <div class="cg-actions">
        <button type="button" class="cg-button cg-button--ghost" onClick={downloadDiagnostics} data-testid="diagnostics-report">{t('diagnosticsReport')}</button>
      </div>
      {diagnosticsError && <p class="cg-error" role="status" data-testid="diagnostics-error">{diagnosticsError}</p>}
      <h3>{t('policyHeading')}</h3>
      {policy?.present ? (
        policy.error ? <p class="cg-error">{t('policyInvalid', sayPlain(policy.error))}</p> : <p data-testid="policy">{t('policyLocked', [policy.lockedRules.join(', ') || '—', policy.lockedSettings.join(', ') || '—'])}</p>
      ) : (
        <p class="cg-muted">{t('policyNone')}</p>
      )}
    </section>
  );
}
