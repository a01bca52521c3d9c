import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import type { StatusResponse } from '@/lib/messages';

/** The toolbar popup: what is connected, and the way to the settings. */
export function Popup() {
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ask({ type: 'status' }).then(setStatus, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, []);
  return (
    <main class="cg-popup">
      <h1>{t('extName')}</h1>
      {error && <p class="cg-error">{error}</p>}
      {status && (
        <ul class="cg-list" data-testid="popup-status">
          <li>{status.configured.autocrm ? t('autocrmConnected') : t('autocrmNotConnected')}</li>
          <li>{status.configured.callgear ? t('callgearConnected') : t('callgearNotConnected')}</li>
        </ul>
      )}
      <button type="button" class="cg-button" onClick={() => browser.runtime.openOptionsPage()}>
        {t('openSettings')}
      </button>
    </main>
  );
}
