import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlannedRow } from '@/lib/users/plan';
import { counts } from '@/lib/users/sync';
import { EMPTY_MAPPING, isDirty, latestOnly, recordsOf, withChoice, withSaved, withUsers } from '@/lib/users/mapping-table';
import { t, type MessageKey } from '../i18n';
import { errorText, sayPlain } from '../shared/say';
import { ask } from '../shared/useBackground';
import { PersonalManagersPanel } from './PersonalManagersPanel';
import { dictionaries, refreshDictionaries } from './state';
import { SyncPreview, syncReasonText } from './SyncPreview';
import { useSettings } from './useSettings';
import { useReportDirty } from './unsaved';
import { isLockedSetting, LockedNote } from './policy-lock';
import { useModel } from '../models/model';
import { userSyncRun } from '../models/pages';

const OUTCOME: Record<string, MessageKey> = {
  pending: 'syncPending', created: 'syncCreated', updated: 'syncUpdated', unchanged: 'syncUnchanged', ambiguous: 'syncAmbiguous', fired: 'syncFired', failed: 'syncFailed',
  disabled: 'syncOutcomeDisabled', excluded: 'syncOutcomeExcluded',
};

/**
 * AutoCRM users → CallGear employees: a preview of what would change (per user, with the reason), applied
 * only once the admin confirms; then its progress and results, and the mapping.
 */
export function UsersSection() {
  // The mapping is a draft too: the page asks before it is left unsaved (components/options/unsaved.ts).
  // Users and saved pairs arrive in any order; each answer updates the state it finds (lib/users/mapping-table.ts).
  const [mapping, setMapping] = useState(EMPTY_MAPPING);
  const [latestMap] = useState(latestOnly);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [includeFired, setIncludeFired] = useState(false);
  // The run goes on in the background: the page only follows it, and finds it again after a reopen.
  const sync = useModel(userSyncRun) ?? null;
  const [preview, setPreview] = useState<{ rows?: PlannedRow[]; loading?: boolean } | null>(null);
  const wasRunning = useRef(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const settings = useSettings();
  const d = dictionaries.value;

  const loadMapping = () =>
    latestMap(ask({ type: 'userMap.get' })).then(
      ({ current, value }) => current && setMapping((m) => withSaved(m, value)),
      (e: unknown) => setMessage({ ok: false, text: errorText(e) }),
    );
  const rows = mapping.draft;
  useReportDirty(isDirty(mapping));
  useEffect(() => setMapping((m) => withUsers(m, d ? d.users : null)), [d]);
  useEffect(() => void loadMapping(), []);

  useEffect(() => {
    if (!sync) return;
    if (sync.status === 'running') {
      wasRunning.current = true;
      return;
    }
    // New employees are in CallGear now: the lists learn their names.
    if (wasRunning.current) void refreshDictionaries();
    wasRunning.current = false;
    void loadMapping();
  }, [sync?.id, sync?.status]);

  const options = () => ({ includeFired, subset: chosen.size ? [...chosen] : undefined });
  const showPreview = async () => {
    setMessage(null);
    setPreview({ loading: true });
    try {
      setPreview({ rows: await ask({ type: 'userSync.preview', ...options() }) });
    } catch (e) {
      setPreview(null);
      setMessage({ ok: false, text: errorText(e) });
    }
  };
  const apply = async () => {
    setMessage(null);
    try {
      await ask({ type: 'userSync.start', ...options() });
      await userSyncRun.refresh();
      setPreview(null);
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };
  const saveMapping = async () => {
    const records = recordsOf(mapping);
    await ask({ type: 'userMap.save', records });
    setMapping((m) => withSaved(m, records));
    setMessage({ ok: true, text: t('saved') });
  };
  const c = sync ? counts(sync) : null;
  const employees = d?.employees ?? [];
  const employeeName = (id?: number) => employees.find((e) => e.id === id)?.name ?? (id ? t('syncEmployeeNumber', String(id)) : '—');
  const nightly = settings.settings?.userSyncNightly ?? { enabled: false, time: '00:00', includeFired: false };

  return (
    <section class="cg-card" data-testid="users">
      <h2>{t('usersHeading')}</h2>
      <p class="cg-muted">{t('usersHint')}</p>
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={showPreview} disabled={sync?.status === 'running' || preview?.loading} data-testid="sync-now">
          {chosen.size ? t('syncPreviewChosen', String(chosen.size)) : t('syncPreviewAll')}
        </button>
        <label class="cg-check">
          <input type="checkbox" checked={includeFired} onChange={(e) => { setIncludeFired(e.currentTarget.checked); setPreview(null); }} data-testid="include-fired" /> {t('syncIncludeFiredInSync')}
        </label>
      </div>
      <p class="cg-muted">{t('syncTechnicalHint')}</p>
      {message && <p class={message.ok ? 'cg-ok' : 'cg-error'} role="status">{message.text}</p>}
      {preview && <SyncPreview rows={preview.rows} running={sync?.status === 'running'} onApply={apply} onCancel={() => setPreview(null)} />}
      {sync && c && (
        <div class="cg-subcard" data-testid="sync-progress">
          <progress max={c.total} value={c.done} aria-label={t('syncProgress')} />
          <p>
            {t('syncCounts', [String(c.done), String(c.total), String(c.created), String(c.updated), String(c.skipped), String(c.failed)])}
            {sync.status === 'paused' && <span class="cg-warning"> {t('syncPaused', [sync.pauseReason === undefined ? '' : sayPlain(sync.pauseReason), new Date(sync.resumeAt ?? 0).toLocaleTimeString()])}</span>}
            {sync.status === 'done' && <span class="cg-ok"> {t('syncDone')}</span>}
          </p>
          <table class="cg-table" data-testid="sync-results">
            <thead><tr><th>{t('autocrmUser')}</th><th>{t('syncResult')}</th><th>{t('callgearEmployee')}</th><th>{t('syncReason')}</th><th /></tr></thead>
            <tbody>
              {sync.rows.map((r) => (
                <tr key={r.userId} data-testid={`sync-row-${r.userId}`}>
                  <td>{r.name}</td>
                  <td><span class={`cg-state cg-state--${r.outcome === 'failed' ? 'failed' : r.outcome === 'created' || r.outcome === 'updated' ? 'done' : 'new'}`}>{t(OUTCOME[r.outcome]!)}</span></td>
                  <td>{r.candidates ? r.candidates.map(employeeName).join(' / ') : r.outcome === 'created' ? r.name : employeeName(r.employeeId)}</td>
                  <td class="cg-muted">{r.outcome === 'failed' || !r.reasons ? (r.reason === undefined ? '' : sayPlain(r.reason)) : r.reasons.map((why) => syncReasonText(why, r.outcome === 'updated')).join('; ')}</td>
                  <td>{r.outcome === 'fired' && r.employeeId && <button type="button" class="cg-link-button" onClick={() => ask({ type: 'userSync.disable', employeeId: r.employeeId! }).then(() => setMessage({ ok: true, text: t('employeeDisabled') }))}>{t('disableInCallGear')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('mappingHeading')}</h3>
      <table class="cg-table" data-testid="mapping">
        <thead><tr><th /><th>{t('autocrmUser')}</th><th>{t('callgearEmployee')}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.autocrmUserId} data-testid={`map-${row.autocrmUserId}`}>
              <td><input type="checkbox" aria-label={t('syncThisUser')} checked={chosen.has(row.autocrmUserId)} onChange={(e) => { const next = new Set(chosen); if (e.currentTarget.checked) next.add(row.autocrmUserId); else next.delete(row.autocrmUserId); setChosen(next); }} /></td>
              <td>{row.name}</td>
              <td>
                <select class="cg-input" aria-label={t('callgearEmployee')} value={row.callgearEmployeeId ?? ''} onChange={(e) => { const employeeId = e.currentTarget.value ? Number(e.currentTarget.value) : null; setMapping((m) => withChoice(m, row.autocrmUserId, employeeId)); }}>
                  <option value="">—</option>
                  {/* `selected` too: the employees may arrive after the saved pair, and a select keeps no value without its option. */}
                  {employees.map((emp) => <option key={emp.id} value={String(emp.id)} selected={emp.id === row.callgearEmployeeId}>{emp.name}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="cg-actions">
        <button type="button" class="cg-button cg-button--ghost" onClick={saveMapping} data-testid="save-users">{t('saveMapping')}</button>
      </div>
      <h3>{t('nightlySync')}</h3>
      {settings.settings && isLockedSetting('userSyncNightly') && <LockedNote testId="nightly-locked" />}
      {settings.settings && (
        <fieldset class="cg-plain-fieldset cg-actions" disabled={isLockedSetting('userSyncNightly')}>
          <label class="cg-check">
            <input type="checkbox" checked={nightly.enabled} onChange={(e) => settings.setSettings({ ...settings.settings!, userSyncNightly: { ...nightly, enabled: e.currentTarget.checked } })} /> {t('nightlyEnabled')}
          </label>
          <input class="cg-input cg-input--narrow" type="time" aria-label={t('nightlyTime')} value={nightly.time} onInput={(e) => settings.setSettings({ ...settings.settings!, userSyncNightly: { ...nightly, time: e.currentTarget.value } })} />
          <button type="button" class="cg-button cg-button--ghost" onClick={() => settings.save({ userSyncNightly: nightly })}>{t('save')}</button>
          {settings.message && <span class={settings.message.ok ? 'cg-ok' : 'cg-error'}>{settings.message.text}</span>}
        </fieldset>
      )}
      <p class="cg-muted">{t('nightlyHint')}</p>
      <PersonalManagersPanel />
    </section>
  );
}
