import { signal } from '@preact/signals';
import { t } from '../i18n';

/** Whether the operator wants the CallGear Softphone shown (the bridge and persistence come with the in-page issue). */
export const softphoneShown = signal(false);

export function SoftphoneToggle() {
  return (
    <label class="cg-toggle" data-testid="softphone-toggle">
      <input
        type="checkbox"
        role="switch"
        checked={softphoneShown.value}
        onChange={(event) => {
          softphoneShown.value = event.currentTarget.checked;
        }}
      />
      <span class="cg-toggle__track" aria-hidden="true" />
      <span class="cg-toggle__label">{t('showSoftphone')}</span>
    </label>
  );
}
