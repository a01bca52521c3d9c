import { t, type MessageKey } from '../i18n';
import { sayText } from '@/lib/phrase';
import { journalWords } from '../shared/say';
import { ask } from '../shared/useBackground';
import { dictionaries } from './state';
import { isLockedSetting } from './policy-lock';
import { useSettings } from './useSettings';
import { useModel } from '../models/model';
import { managersOverview } from '../models/pages';

const STATE: Record<string, MessageKey> = { pending: 'pmPending', done: 'pmDone', skipped: 'pmSkipped', failed: 'pmFailed' };
const STATE_CLASS: Record<string, string> = { pending: 'new', done: 'done', skipped: 'deferred', failed: 'failed' };

/** Personal managers: the switch, what is waiting or went wrong, and a retry after fixing the mapping. */
export function PersonalManagersPanel() {
  const settings = useSettings();
  // A failed read shows nothing, as before; the next announcement reads again.
  const latest = useModel(managersOverview);
  const overview = managersOverview.error.value ? undefined : latest;

  const enabled = settings.settings?.personalManagers ?? false;
  const toggle = async (on: boolean) => {
    settings.setSettings({ ...settings.settings!, personalManagers: on });
    await settings.save({ personalManagers: on });
  };
  const retry = async () => {
    const { retried } = await ask({ type: 'personalManagers.retry' });
    settings.setMessage({ ok: true, text: t('pmRetried', String(retried)) });
    await managersOverview.refresh();
  };
  const userName = (id: number) => dictionaries.value?.users.find((u) => Number(u.id) === id)?.name ?? `#${id}`;
  const c = overview?.counts;

  return (
    <div data-testid="personal-managers">
      <h3>{t('pmHeading')}</h3>
      <p class="cg-muted">{t('pmHint')}</p>
      {settings.settings && (
        <div class="cg-actions">
          <label class="cg-check">
            <input type="checkbox" checked={enabled} disabled={isLockedSetting('personalManagers')} title={isLockedSetting('personalManagers') ? t('lockedSettingsHint') : undefined} onChange={(e) => void toggle(e.currentTarget.checked)} data-testid="pm-enabled" /> {t('pmEnabled')}
          </label>
          {c && (c.failed > 0 || c.skipped > 0) && <button type="button" class="cg-button cg-button--ghost" onClick={retry} data-testid="pm-retry">{t('pmRetry')}</button>}
          {settings.message && <span class={settings.message.ok ? 'cg-ok' : 'cg-error'} role="status">{settings.message.text}</span>}
        </div>
      )}
      {c && overview.rows.length > 0 && (
        <>
          <p data-testid="pm-counts">{t('pmCounts', [String(c.pending), String(c.done), String(c.skipped), String(c.failed)])}</p>
          <table class="cg-table" data-testid="pm-rows">
            <thead><tr><th>{t('pmPhone')}</th><th>{t('pmManager')}</th><th>{t('syncResult')}</th><th>{t('syncReason')}</th></tr></thead>
            <tbody>
              {overview.rows.map((r) => (
                <tr key={r.phone} data-testid={`pm-row-${r.phone.slice(1)}`}>
                  <td>{r.phone}</td>
                  <td>{userName(r.autocrmUserId)}</td>
                  <td><span class={`cg-state cg-state--${STATE_CLASS[r.state]}`}>{t(STATE[r.state]!)}</span></td>
                  <td class="cg-muted">{r.reason === undefined ? '' : sayText(r.reason, journalWords(dictionaries.value, settings.settings?.dealershipZone))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
