import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import { ChoiceSelect, NumberField } from './controls';
import { dictionaries, status } from './state';
import { isLockedSetting } from './policy-lock';
import { useSettings } from './useSettings';
import { SaveStatus } from './SaveStatus';
import { PointBudget } from './PointBudget';
import { becomeCoordinator, coordinatorSeenElsewhere, waitsForOperators, withOperatorsToo } from './role-choice';
import { clampRetentionDays, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@/lib/pipeline/prune';
import type { InstallationSettings } from '@/lib/pipeline/config';
import './installation.css';

/** Asks before a role change that matters: a new coordinator (perhaps a second one), or a coordinator giving up its keys. */
function confirmRole(next: InstallationSettings['role'], savedRole: InstallationSettings['role'] | undefined, otherSeen: boolean): boolean {
  if (next === 'coordinator') return confirm([t('roleConfirmCoordinator'), ...(otherSeen ? [t('roleSecondCoordinatorWarning')] : [])].join('\n\n'));
  return savedRole !== 'coordinator' || confirm(t('roleConfirmOperator'));
}

/** This browser: operator or coordinator (chosen deliberately), whose it is, and its technical settings under "Advanced". */
export function InstallationSection() {
  const { settings, setSettings, save, message, dirty } = useSettings();
  const [otherSeen, setOtherSeen] = useState(false);
  const [, rerender] = useState(0);
  useEffect(() => {
    void ask({ type: 'check.last' }).then((report) => setOtherSeen(coordinatorSeenElsewhere(report)), () => undefined);
  }, []);
  if (!settings) return <p class="cg-muted">{t('loading')}</p>;
  const inst = settings.installation;
  const coordinator = inst.role === 'coordinator';
  const setInstallation = (installation: InstallationSettings) => setSettings({ ...settings, installation });
  const set = (patch: Partial<typeof inst>) => setInstallation({ ...inst, ...patch });
  const choose = (role: InstallationSettings['role']) => {
    if (role === inst.role) return;
    // A declined choice leaves the radios as they were (the re-render puts the checked one back).
    if (!confirmRole(role, status.value?.role, otherSeen)) return rerender((n) => n + 1);
    setInstallation(role === 'coordinator' ? becomeCoordinator(inst, otherSeen) : { ...inst, role });
  };
  const shareLocked = isLockedSetting('pointBudgetShare');
  const numberLocked = isLockedSetting('clickToCallNumber');
  return (
    <section class="cg-card" data-testid="installation">
      <h2>{t('installationHeading')}</h2>
      <fieldset class="cg-radios cg-role-choice" data-testid="role-choice">
        <legend>{t('role')}</legend>
        <label>
          <input type="radio" name="role" value="operator" checked={!coordinator} onChange={() => choose('operator')} data-testid="role-operator" /> {t('roleOperator')}
          <span class="cg-muted cg-role-choice__hint">{t('roleOperatorExplained')}</span>
        </label>
        <label>
          <input type="radio" name="role" value="coordinator" checked={coordinator} onChange={() => choose('coordinator')} data-testid="role-coordinator" /> {t('roleCoordinator')}
          <span class="cg-muted cg-role-choice__hint">{t('roleCoordinatorExplained')}</span>
        </label>
      </fieldset>
      {coordinator && (
        <>
          <label class="cg-check">
            <input type="checkbox" checked={waitsForOperators(inst)} onChange={(e) => setInstallation(withOperatorsToo(inst, e.currentTarget.checked))} data-testid="operators-too" /> {t('roleOperatorsToo')}
          </label>
          <p class="cg-muted">{waitsForOperators(inst) ? t('roleOperatorsTooHint', String(inst.handoverMinutes)) : t('roleAloneHint')}</p>
        </>
      )}
      <div class="cg-grid">
        <ChoiceSelect label={t('myEmployee')} value={inst.employeeId} choices={dictionaries.value?.employees ?? []} empty={t('notChosen')} onChange={(v) => set({ employeeId: (v as number | undefined) ?? null })} testId="installation-employee" />
        <ChoiceSelect label={t('clickToCallNumber')} value={settings.clickToCallNumber} choices={dictionaries.value?.virtualNumbers ?? []} empty={t('firstVirtualNumber')} onChange={(v) => setSettings({ ...settings, clickToCallNumber: v as string | undefined })} disabled={numberLocked} title={numberLocked ? t('lockedSettingsHint') : undefined} />
      </div>
      <details class="cg-advanced" data-testid="installation-advanced">
        <summary>{t('advancedSettings')}</summary>
        <p class="cg-muted">{t('advancedSettingsHint')}</p>
        <div class="cg-grid">
          {coordinator && <NumberField label={t('pollInterval')} min={30} max={3600} value={inst.pollIntervalSec} onChange={(v) => set({ pollIntervalSec: v ?? 60 })} />}
          {coordinator && <NumberField label={t('pointBudgetShare')} min={5} max={100} value={Math.round((settings.pointBudgetShare ?? 0.25) * 100)} onChange={(v) => setSettings({ ...settings, pointBudgetShare: (v ?? 25) / 100 })} testId="point-budget-share" disabled={shareLocked} title={shareLocked ? t('lockedSettingsHint') : undefined} />}
          {coordinator && waitsForOperators(inst) && <NumberField label={t('handoverMinutes')} min={1} max={24 * 60} value={inst.handoverMinutes} onChange={(v) => set({ handoverMinutes: v ?? 0 })} testId="handover-minutes" />}
          {coordinator && <NumberField label={t('standbyMinutes')} max={120} value={inst.standbyMinutes} onChange={(v) => set({ standbyMinutes: v ?? 0 })} testId="standby-minutes" />}
          <NumberField label={t('parallelRequests')} min={1} max={12} value={inst.parallelRequests ?? 6} onChange={(v) => set({ parallelRequests: v ?? 6 })} testId="parallel-requests" />
          <NumberField label={t('retentionDays')} min={MIN_RETENTION_DAYS} max={MAX_RETENTION_DAYS} value={settings.retentionDays ?? DEFAULT_RETENTION_DAYS} onChange={(v) => setSettings({ ...settings, retentionDays: v })} testId="retention-days" />
        </div>
        <p data-testid="points-today">{t('pointsToday', String(status.value?.pointsToday ?? 0))}</p>
        {status.value?.budget && <PointBudget budget={status.value.budget} coordinator={coordinator} />}
      </details>
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={() => save({ installation: { ...inst, pollIntervalSec: Math.max(30, inst.pollIntervalSec) }, ...(shareLocked ? {} : { pointBudgetShare: Math.min(1, Math.max(0.05, settings.pointBudgetShare ?? 0.25)) }), ...(settings.clickToCallNumber && !numberLocked ? { clickToCallNumber: settings.clickToCallNumber } : {}), retentionDays: clampRetentionDays(settings.retentionDays) })} data-testid="save-installation">{t('save')}</button>
        <SaveStatus dirty={dirty} message={message} />
      </div>
    </section>
  );
}
