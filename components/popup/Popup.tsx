import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { localized, t } from '../i18n';
import { WAITING } from '@/lib/inbox-states';
import { ConnectionLine, ConnectionProblem } from '../shared/ConnectionLine';
import { useModel } from '../models/model';
import { popupStatus } from '../models/pages';

const SHOWN_KEY = 'softphoneShown';

/** The toolbar popup: connections, role, backlog, the oldest waiting item, problems, the softphone toggle. */
export function Popup() {
  // Live while open: the background announces each change of what it shows.
  const status = useModel(popupStatus);
  const error = popupStatus.error.value;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    browser.storage.local.get(SHOWN_KEY).then((v) => setShown(Boolean(v[SHOWN_KEY])));
  }, []);
  const toggle = async (value: boolean) => {
    setShown(value);
    await browser.storage.local.set({ [SHOWN_KEY]: value });
  };
  const openSettings = (hash: string) => browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) });
  const c = status?.counts;
  const waiting = c ? WAITING.reduce((sum, state) => sum + c[state], 0) : 0;
  return (
    <main class="cg-popup">
      <h1>{t('extName')}</h1>
      {error && <p class="cg-error">{error}</p>}
      {status && (
        <ul class="cg-list" data-testid="popup-status">
          <ConnectionLine as="li" service="autocrm" state={status.connections.autocrm} />
          <ConnectionLine as="li" service="callgear" state={status.connections.callgear} />
          <li>{t('popupRole', status.role === 'operator' ? t('roleOperator') : t('roleCoordinator'))}</li>
          <li data-testid="popup-backlog">{t('popupBacklog', String(waiting))}</li>
          {status.oldestWaiting && <li>{t('popupOldest', new Date(status.oldestWaiting).toLocaleString())}</li>}
          {c && c['needs-fix'] > 0 && <li class="cg-error">{t('popupErrors', String(c['needs-fix']))}</li>}
          {status.lastPoll?.error && <li class="cg-error">{t('popupLastPollError', localized(status.lastPoll.error))}</li>}
        </ul>
      )}
      {status && (
        <>
          <ConnectionProblem service="autocrm" state={status.connections.autocrm} />
          <ConnectionProblem service="callgear" state={status.connections.callgear} />
        </>
      )}
      <label class="cg-check">
        <input type="checkbox" role="switch" checked={shown} onChange={(e) => toggle(e.currentTarget.checked)} /> {t('showSoftphone')}
      </label>
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={() => openSettings('#activity')}>{t('openActivity')}</button>
        <button type="button" class="cg-button cg-button--ghost" onClick={() => openSettings('')}>{t('openSettings')}</button>
      </div>
    </main>
  );
}
