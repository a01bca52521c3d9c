import { t } from '../i18n';
import { ChoiceSelect, NumberField } from './controls';
import { dictionaries, status } from './state';
import { isLockedSetting } from './policy-lock';
import { useSettings } from './useSettings';
import { PointBudget } from './PointBudget';
import { clampRetentionDays, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@/lib/pipeline/prune';

/** This browser: whose it is, operator or coordinator, the poll interval and point budget, the points it used today. */
export function InstallationSection() {
  const { settings, setSettings, save, message } = useSettings();
  if (!settings) return <p class="cg-muted">{t('loading')}</p>;
  const inst = settings.installation;
  const set = (patch: Partial<typeof inst>) => setSettings({ ...settings, installation: { ...inst, ...patch } });
  const shareLocked = isLockedSetting('pointBudgetShare');
  const numberLocked = isLockedSetting('clickToCallNumber');
  return (
    <section class="cg-card" data-testid="installation">
      <h2>{t('installationHeading')}</h2>
      <fieldset class="cg-radios">
        <legend>{t('role')}</legend>
        <label><input type="radio" name="role" checked={inst.role === 'operator'} onChange={() => set({ role: 'operator' })} /> {t('roleOperator')}</label>
        <label><input type="radio" name="role" checked={inst.role === 'coordinator'} onChange={() => set({ role: 'coordinator' })} /> {t('roleCoordinator')}</label>
      </fieldset>
      <p class="cg-muted">{inst.role === 'operator' ? t('roleOperatorHint') : t('roleCoordinatorHint')}</p>
      <div class="cg-grid">
        <ChoiceSelect label={t('myEmployee')} value={inst.employeeId} choices={dictionaries.value?.employees ?? []} empty={t('notChosen')} onChange={(v) => set({ employeeId: (v as number | undefined) ?? null })} testId="installation-employee" />
        {inst.role === 'coordinator' && <NumberField label={t('pollInterval')} min={30} max={3600} value={inst.pollIntervalSec} onChange={(v) => set({ pollIntervalSec: v ?? 60 })} />}
        {inst.role === 'coordinator' && <NumberField label={t('pointBudgetShare')} min={5} max={100} value={Math.round((settings.pointBudgetShare ?? 0.25) * 100)} onChange={(v) => setSettings({ ...settings, pointBudgetShare: (v ?? 25) / 100 })} testId="point-budget-share" disabled={shareLocked} title={shareLocked ? t('lockedSettingsHint') : undefined} />}
        {inst.role === 'coordinator' && <NumberField label={t('standbyMinutes')} max={120} value={inst.standbyMinutes} onChange={(v) => set({ standbyMinutes: v ?? 0 })} />}
        <NumberField label={t('parallelRequests')} min={1} max={12} value={inst.parallelRequests ?? 6} onChange={(v) => set({ parallelRequests: v ?? 6 })} testId="parallel-requests" />
        <NumberField label={t('retentionDays')} min={MIN_RETENTION_DAYS} max={MAX_RETENTION_DAYS} value={settings.retentionDays ?? DEFAULT_RETENTION_DAYS} onChange={(v) => setSettings({ ...settings, retentionDays: v })} testId="retention-days" />
        <NumberField label={t('handoverMinutes')} value={inst.handoverMinutes} onChange={(v) => set({ handoverMinutes: v ?? 15 })} />
        <ChoiceSelect label={t('clickToCallNumber')} value={settings.clickToCallNumber} choices={dictionaries.value?.virtualNumbers ?? []} empty={t('firstVirtualNumber')} onChange={(v) => setSettings({ ...settings, clickToCallNumber: v as string | undefined })} disabled={numberLocked} title={numberLocked ? t('lockedSettingsHint') : undefined} />
      </div>
      <p data-testid="points-today">{t('pointsToday', String(status.value?.pointsToday ?? 0))}</p>
      {status.value?.budget && <PointBudget budget={status.value.budget} coordinator={inst.role === 'coordinator'} />}
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={() => save({ installation: { ...inst, pollIntervalSec: Math.max(30, inst.pollIntervalSec) }, ...(shareLocked ? {} : { pointBudgetShare: Math.min(1, Math.max(0.05, settings.pointBudgetShare ?? 0.25)) }), ...(settings.clickToCallNumber && !numberLocked ? { clickToCallNumber: settings.clickToCallNumber } : {}), retentionDays: clampRetentionDays(settings.retentionDays) })} data-testid="save-installation">{t('save')}</button>
        {message && <span class={message.ok ? 'cg-ok' : 'cg-error'} role="status">{message.text}</span>}
      </div>
    </section>
  );
}
