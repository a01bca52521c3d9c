import { t } from '../i18n';
import { softphonePresent, softphoneShown } from './state';

export const SOFTPHONE_STORE_URL = 'https://chromewebstore.google.com/detail/callgear/gmepbeelpjhhlnkccmclgijnnleadijl';

/** "Показать softphone": shows or hides the CallGear Softphone on the page, or says how to get it. */
export function SoftphoneToggle({ onToggle }: { onToggle: (shown: boolean) => void }) {
  if (!softphonePresent.value) {
    return (
      <div class="cg-toggle cg-toggle--absent" data-testid="softphone-toggle">
        <span class="cg-toggle__label">{t('softphoneMissing')}</span>
        <a href={SOFTPHONE_STORE_URL} target="_blank" rel="noreferrer">{t('softphoneInstall')}</a>
      </div>
    );
  }
  return (
    <label class="cg-toggle" data-testid="softphone-toggle">
      <input type="checkbox" role="switch" checked={softphoneShown.value} onChange={(event) => onToggle(event.currentTarget.checked)} />
      <span class="cg-toggle__track" aria-hidden="true" />
      <span class="cg-toggle__label">{t('showSoftphone')}</span>
    </label>
  );
}
