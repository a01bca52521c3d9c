import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import type { StatusResponse } from '@/lib/messages';
import { Tabs, type TabId } from './Tabs';
import { RulesPanel } from './RulesPanel';

/** The options page shell: the product's two tabs and the connection state the background reports. */
export function App() {
  const [tab, setTab] = useState<TabId>(() => (location.hash === '#chats' ? 'chats' : 'calls'));
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ask({ type: 'status' }).then(setStatus, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, []);

  useEffect(() => {
    history.replaceState(null, '', `#${tab}`);
  }, [tab]);

  return (
    <main class="cg-page">
      <header class="cg-page__header">
        <img src="/icon/48.png" width={32} height={32} alt="" />
        <h1>{t('optionsTitle')}</h1>
        {status && <span class="cg-muted" data-testid="version">v{status.version}</span>}
      </header>
      <Tabs active={tab} onChange={setTab} />
      <section class="cg-card" data-testid="connection-state" aria-live="polite">
        <h2>{t('accountsHeading')}</h2>
        {error && <p class="cg-error">{error}</p>}
        {status && (
          <ul class="cg-list">
            <li>{status.configured.autocrm ? t('autocrmConnected') : t('autocrmNotConnected')}</li>
            <li>{status.configured.callgear ? t('callgearConnected') : t('callgearNotConnected')}</li>
          </ul>
        )}
      </section>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} data-testid={`panel-${tab}`}>
        <p class="cg-muted">{tab === 'calls' ? t('tabCallsHint') : t('tabChatsHint')}</p>
        <RulesPanel key={tab} tab={tab} />
      </section>
    </main>
  );
}
