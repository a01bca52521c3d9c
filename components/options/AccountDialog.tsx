import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AccountView } from '@/lib/config-store';
import { normalizeAutocrmUrl } from '@/lib/autocrm/url';
import { BRAND_HOSTS, type Brand } from '@/lib/callgear/hosts';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import './account-dialog.css';
import { errorText } from '../shared/say';

type Kind = 'autocrm' | 'callgear';

/** The host permission an account needs, asked for exactly its own origin(s). */
function originsFor(kind: Kind, form: Record<string, string>): string[] {
  if (kind === 'autocrm') return [`${normalizeAutocrmUrl(form.url ?? '').origin}/*`];
  const hosts = BRAND_HOSTS[(form.brand as Brand) ?? 'callgear'];
  return [`${new URL(hosts.dataApi).origin}/*`, `${new URL(hosts.callApi).origin}/*`];
}

/** "Add account" as in the product: name, login, write-only password with show/hide, URL or a key instead. */
/** How each role may sign in: an operator as themselves (login and password), never with an API key (lib/credential-policy.ts). */
const AUTH_CHOICES: Record<'operator' | 'coordinator', Record<Kind, string[]>> = {
  operator: { autocrm: ['basic'], callgear: ['login'] },
  coordinator: { autocrm: ['basic', 'bearer'], callgear: ['token', 'login'] },
};

export function AccountDialog({ kind, existing, role = 'operator', onClose }: { kind: Kind; existing?: AccountView; role?: 'operator' | 'coordinator'; onClose: (saved: boolean) => void }) {
  const s = existing?.settings ?? {};
  const choices = AUTH_CHOICES[role][kind];
  const storedAuth = s.auth && choices.includes(s.auth) ? s.auth : undefined;
  const [form, setForm] = useState<Record<string, string>>({
    name: existing?.name ?? (kind === 'autocrm' ? 'AutoCRM' : 'CallGear'),
    // Empty until typed: the example address is a placeholder, so it is never saved by accident.
    url: s.url ?? '',
    auth: storedAuth ?? choices[0]!,
    login: s.login ?? '',
    brand: s.brand ?? 'callgear',
    dataApiUrl: s.dataApiUrl ?? '',
    callApiUrl: s.callApiUrl ?? '',
    secret: '',
  });
  const [showSecret, setShowSecret] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);

  const set = (key: string) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const usesLogin = form.auth === 'basic' || form.auth === 'login';

  const close = () => {
    dialog.current?.close();
    onClose(false);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      // Asked inside the click, for exactly this account's origin (the prompt needs a user gesture).
      const granted = await browser.permissions.request({ origins: originsFor(kind, form) });
      if (!granted) return setError(t('permissionDenied'));
      const account =
        kind === 'autocrm'
          ? { kind, id: existing?.id, name: form.name, url: form.url, auth: form.auth, login: usesLogin ? form.login : undefined, secret: form.secret || undefined }
          : { kind, id: existing?.id, name: form.name, brand: form.brand, auth: form.auth, login: usesLogin ? form.login : undefined, secret: form.secret || undefined, dataApiUrl: form.dataApiUrl || undefined, callApiUrl: form.callApiUrl || undefined };
      if (!existing?.hasSecret && !form.secret) return setError(t('secretRequired'));
      await ask({ type: 'accounts.save', account: account as never });
      dialog.current?.close();
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <dialog ref={dialog} class="cg-dialog" aria-labelledby="account-dialog-title" onCancel={() => onClose(false)}>
      <form onSubmit={save} data-testid={`account-dialog-${kind}`}>
        <div class="cg-dialog__head">
          <h2 id="account-dialog-title">{existing ? t('editAccount') : t('addAccount')}: {kind === 'autocrm' ? 'AutoCRM' : 'CallGear'}</h2>
          <button type="button" class="cg-dialog__close" aria-label={t('dismiss')} title={t('dismiss')} data-testid="account-dialog-close" onClick={close}>
            ✕
          </button>
        </div>
        <label class="cg-field">
          <span class="cg-field__label">{t('accountName')}</span>
          <input class="cg-input" required value={form.name} onInput={set('name')} />
        </label>
        {kind === 'callgear' && (
          <label class="cg-field">
            <span class="cg-field__label">{t('brand')}</span>
            <select class="cg-input" value={form.brand} onChange={set('brand')}>
              <option value="callgear">CallGear (callgear.com)</option>
              <option value="uis">UIS (uiscom.ru)</option>
              <option value="comagic">CoMagic (comagic.ru)</option>
            </select>
          </label>
        )}
        {role === 'operator' && <p class="cg-muted" data-testid="operator-sign-in-hint">{t('operatorAccountsHint')}</p>}
        <fieldset class="cg-radios">
          <legend>{t('authMethod')}</legend>
          {choices.map((auth) => (
            <label key={auth}>
              <input type="radio" name="auth" value={auth} checked={form.auth === auth} onChange={set('auth')} /> {t(auth === 'basic' || auth === 'login' ? 'authLogin' : 'authKey')}
            </label>
          ))}
        </fieldset>
        {usesLogin && (
          <label class="cg-field">
            <span class="cg-field__label">{t('login')}*</span>
            <input class="cg-input" required autoComplete="username" value={form.login} onInput={set('login')} />
          </label>
        )}
        <div class="cg-field cg-secret">
          <label class="cg-field__label" for="account-secret">
            {usesLogin ? t('password') : t('apiKey')}
            {existing?.hasSecret ? '' : '*'}
          </label>
          <input
            id="account-secret"
            class="cg-input"
            type={showSecret ? 'text' : 'password'}
            autoComplete="new-password"
            placeholder={existing?.hasSecret ? t('secretKept') : ''}
            value={form.secret}
            onInput={set('secret')}
          />
          <button type="button" class="cg-link-button" aria-pressed={showSecret} aria-controls="account-secret" onClick={() => setShowSecret(!showSecret)}>
            {showSecret ? t('hide') : t('show')}
          </button>
        </div>
        {kind === 'autocrm' && (
          <label class="cg-field">
            <span class="cg-field__label">AutoCRM URL*</span>
            <input class="cg-input" required inputMode="url" placeholder={t('accountUrlPlaceholder')} value={form.url} onInput={set('url')} />
          </label>
        )}
        {kind === 'callgear' && (
          <details class="cg-advanced">
            <summary>{t('advanced')}</summary>
            <label class="cg-field">
              <span class="cg-field__label">Data API URL</span>
              <input class="cg-input" value={form.dataApiUrl} placeholder={BRAND_HOSTS[form.brand as Brand]?.dataApi} onInput={set('dataApiUrl')} />
            </label>
            <label class="cg-field">
              <span class="cg-field__label">Call API URL</span>
              <input class="cg-input" value={form.callApiUrl} placeholder={BRAND_HOSTS[form.brand as Brand]?.callApi} onInput={set('callApiUrl')} />
            </label>
          </details>
        )}
        {error && <p class="cg-error" role="alert">{error}</p>}
        <div class="cg-actions">
          <button type="submit" class="cg-button">{existing ? t('save') : t('add')}</button>
          <button type="button" class="cg-button cg-button--ghost" onClick={close}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
