import type { WeeklySchedule } from '@/lib/schedule/working-hours';
import { t } from '../i18n';
import { MultiCheck } from './controls';
import { dictionaries } from './state';
import { isLockedSetting, LockedNote } from './policy-lock';
import { useSettings } from './useSettings';
import { SaveStatus } from './SaveStatus';
import { Hint } from '../shared/Hint';

const days = () => t('days').split(',').map((name, i) => ({ id: i + 1, name }));
const ZONES = ['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka', 'Asia/Almaty'];
/** AutoCRM instances also run in Kazakhstan's western zones (UTC+5). */
const AUTOCRM_ZONES = [...ZONES, 'Asia/Aqtau', 'Asia/Aqtobe', 'Asia/Atyrau', 'Asia/Oral'];
const DEFAULT_AUTOCRM_ZONE = 'Europe/Moscow';

/** AutoCRM's own zone (the times it writes and its `/call` filters); a zone set elsewhere stays choosable. */
function AutocrmZoneField({ zone, locked, onChange }: { zone: string; locked: boolean; onChange: (zone: string) => void }) {
  const zones = AUTOCRM_ZONES.includes(zone) ? AUTOCRM_ZONES : [...AUTOCRM_ZONES, zone];
  return (
    <div class="cg-grid">
      <label class="cg-field" title={locked ? t('lockedSettingsHint') : undefined}>
        <span class="cg-field__label">{t('autocrmZone')}</span>
        <select class="cg-input" data-testid="autocrm-zone" aria-describedby="autocrm-zone-hint" value={zone} disabled={locked} onChange={(e) => onChange(e.currentTarget.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>{z}</option>
          ))}
        </select>
      </label>
      <p class="cg-muted" id="autocrm-zone-hint">{t('autocrmZoneHint')}</p>
    </div>
  );
}

function ScheduleEditor({ id, schedule, onChange }: { id: string; schedule: WeeklySchedule; onChange: (s: WeeklySchedule) => void }) {
  return (
    <div class="cg-grid" data-testid={`schedule-${id}`}>
      <label class="cg-field">
        <span class="cg-field__label">{t('hoursFrom')}</span>
        <input class="cg-input" type="time" value={schedule.from} onInput={(e) => onChange({ ...schedule, from: e.currentTarget.value })} />
      </label>
      <label class="cg-field">
        <span class="cg-field__label">{t('hoursTo')}</span>
        <input class="cg-input" type="time" value={schedule.to} onInput={(e) => onChange({ ...schedule, to: e.currentTarget.value })} />
      </label>
      <label class="cg-field">
        <span class="cg-field__label">{t('timeZone')}</span>
        <select class="cg-input" value={schedule.zone} onChange={(e) => onChange({ ...schedule, zone: e.currentTarget.value })}>
          {ZONES.map((z) => (
            <option key={z} value={z}>{z}</option>
          ))}
        </select>
      </label>
      <MultiCheck legend={t('daysOfWeek')} choices={days()} selected={schedule.days} onChange={(days) => onChange({ ...schedule, days: (days as number[]).sort() })} />
    </div>
  );
}

/** Delayed creation, as in the product: two checkboxes, from/to, days and zone; per-employee schedules. */
export function HoursSection() {
  const { settings, setSettings, save, message, dirty } = useSettings();
  if (!settings) return <p class="cg-muted">{t('loading')}</p>;
  const hours = settings.hours;
  const set = (patch: Partial<typeof hours>) => setSettings({ ...settings, hours: { ...hours, ...patch } });
  const users = dictionaries.value?.users ?? [];
  const own = Object.entries(hours.employeeSchedules);
  const autocrmZone = settings.autocrmZone ?? DEFAULT_AUTOCRM_ZONE;
  const zoneLocked = isLockedSetting('autocrmZone');
  const hoursLocked = isLockedSetting('hours');
  return (
    <section class="cg-card" data-testid="hours">
      <h2>{t('hoursHeading')}</h2>
      <p class="cg-muted">{t('hoursHint')}</p>
      {hoursLocked && <LockedNote testId="hours-locked" />}
      {/* A disabled fieldset disables every control inside it. */}
      <fieldset class="cg-plain-fieldset" disabled={hoursLocked} data-testid="hours-controls">
      <div class="cg-check-row">
        <label class="cg-check">
          <input type="checkbox" checked={hours.onlyInWorkingHours} onChange={(e) => set({ onlyInWorkingHours: e.currentTarget.checked })} /> {t('onlyInWorkingHours')}
        </label>
        <Hint text={t('onlyInWorkingHoursInfo')} testId="hint-onlyInWorkingHours" />
      </div>
      <div class="cg-check-row">
        <label class="cg-check">
          <input type="checkbox" checked={hours.considerResponsibleHours} onChange={(e) => set({ considerResponsibleHours: e.currentTarget.checked })} /> {t('considerResponsibleHours')}
        </label>
        <Hint text={t('considerResponsibleHoursInfo')} testId="hint-considerResponsibleHours" />
      </div>
      <label class="cg-check">
        <input type="checkbox" checked={hours.applyToCalls} onChange={(e) => set({ applyToCalls: e.currentTarget.checked })} /> {t('applyToCalls')}
      </label>
      <ScheduleEditor id="integration" schedule={hours.schedule} onChange={(schedule) => set({ schedule })} />
      </fieldset>
      <AutocrmZoneField zone={autocrmZone} locked={zoneLocked} onChange={(zone) => setSettings({ ...settings, autocrmZone: zone })} />
      <fieldset class="cg-plain-fieldset" disabled={hoursLocked}>
      <h3>{t('employeeSchedules')}</h3>
      <p class="cg-muted">{t('employeeSchedulesHint')}</p>
      {own.map(([userId, schedule]) => (
        <div key={userId} class="cg-subcard">
          <strong>{users.find((u) => String(u.id) === userId)?.name ?? `#${userId}`}</strong>
          <button type="button" class="cg-link-button" onClick={() => { const { [userId]: _, ...rest } = hours.employeeSchedules; set({ employeeSchedules: rest }); }}>{t('delete')}</button>
          <ScheduleEditor id={`user-${userId}`} schedule={schedule} onChange={(s) => set({ employeeSchedules: { ...hours.employeeSchedules, [userId]: s } })} />
        </div>
      ))}
      <label class="cg-field">
        <span class="cg-field__label">{t('addEmployeeSchedule')}</span>
        <select class="cg-input" value="" onChange={(e) => e.currentTarget.value && set({ employeeSchedules: { ...hours.employeeSchedules, [e.currentTarget.value]: { ...hours.schedule } } })}>
          <option value="">—</option>
          {users.filter((u) => !(String(u.id) in hours.employeeSchedules)).map((u) => (
            <option key={u.id} value={String(u.id)}>{u.name}</option>
          ))}
        </select>
      </label>
      </fieldset>
      <div class="cg-actions">
        <button type="button" class="cg-button" disabled={hoursLocked && zoneLocked} onClick={() => save({ ...(hoursLocked ? {} : { hours }), ...(zoneLocked ? {} : { autocrmZone }) })} data-testid="save-hours">{t('save')}</button>
        <SaveStatus dirty={dirty} message={message} />
      </div>
    </section>
  );
}
