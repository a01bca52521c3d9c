import { useEffect, useState } from 'preact/hooks';
import type { AccountView } from '@/lib/config-store';
import { phrase } from '@/lib/phrase';
import type { CheckResult } from '@/lib/connection-check';
import { t } from '../i18n';
import { sayPlain } from '../shared/say';
import { ask } from '../shared/useBackground';
import { AccountDialog } from './AccountDialog';
import { refreshDictionaries, refreshStatus, status } from './state';

type Kind = 'autocrm' | 'callgear';

/** The two accounts: add, edit, delete, and "check connection" that says who we are or what is wrong. */
export function AccountsSection() {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [dialog, setDialog] = useState<{ kind: Kind; existing?: AccountView } | null>(null);
  const [checks, setChecks] = useState<Partial<Record<Kind, CheckResult | 'checking'>>>({});
  const role = status.value?.role ?? 'operator';

  const load = () => ask({ type: 'accounts.list' }).then(setAccounts);
  useEffect(() => void load(), []);

  const check = async (kind: Kind) => {
    setChecks((c) => ({ ...c, [kind]: 'checking' }));
    void refreshStatus();
    const result = await ask({ type: 'accounts.check', kind }).catch((e: unknown) => ({ ok: false as const, kind: 'internal', text: phrase('connCouldNotCheck', { error: String(e) }) }));
    // A cancelled check's late answer changes nothing on the page either.
    setChecks((c) => (c[kind] === 'checking' ? { ...c, [kind]: result } : c));
    void refreshStatus();
  };

  const cancel = async (kind: Kind) => {
    await ask({ type: 'accounts.check.cancel', kind });
    setChecks((c) => ({ ...c, [kind]: { ok: false, kind: 'cancelled', text: { ru: t('checkCancelled'), en: t('checkCancelled') } } }));
    void refreshStatus();
  };

  const remove = async (account: AccountView) => {
    if (!confirm(t('deleteAccountConfirm', account.name))) return;
    await ask({ type: 'accounts.delete', id: account.id });
    setChecks((c) => ({ ...c, [account.kind]: undefined }));
    await load();
    void refreshStatus();
  };

  return (
    <section class="cg-card" data-testid="accounts">
      <h2>{t('accountsHeading')}</h2>
      <p class="cg-muted">{t(role === 'operator' ? 'operatorAccountsHint' : 'accountsHint')}</p>
      {(['autocrm', 'callgear'] as Kind[]).map((kind) => {
        const account = accounts.find((a) => a.kind === kind);
        const result = checks[kind];
        return (
          <div class="cg-account" key={kind} data-testid={`account-${kind}`}>
            <div class="cg-account__head">
              <strong>{kind === 'autocrm' ? 'AutoCRM' : 'CallGear'}</strong>
              {account ? (
                <span class="cg-muted">
                  {account.name} · {account.settings.url ?? account.settings.brand} · {account.settings.login ?? t('authKey')} ·{' '}
                  {t(account.identity === 'personal' ? 'signedInAsOwn' : 'signedInAsIntegration')}
                  {!account.hasSecret && <strong data-testid={`sign-in-again-${kind}`}> · {t('signInAgain')}</strong>}
                </span>
              ) : (
                <span class="cg-muted">{t('notAdded')}</span>
              )}
            </div>
            <div class="cg-actions">
              {account ? (
                <>
                  <button type="button" class="cg-button" onClick={() => check(kind)} disabled={result === 'checking'}>
                    {kind === 'autocrm' ? t('checkAutocrm') : t('checkCallgear')}
                  </button>
                  <button type="button" class="cg-button cg-button--ghost" onClick={() => setDialog({ kind, existing: account })}>
                    {t('edit')}
                  </button>
                  <button type="button" class="cg-link-button" onClick={() => remove(account)}>
                    {t('delete')}
                  </button>
                </>
              ) : (
                <button type="button" class="cg-button cg-button--ghost" onClick={() => setDialog({ kind })}>
                  + {t('addAccount')}
                </button>
              )}
            </div>
            {result === 'checking' && (
              <p class="cg-muted" role="status" data-testid={`checking-${kind}`}>
                <progress aria-label={t('checking')} /> {t('checking')}{' '}
                <button type="button" class="cg-link-button" onClick={() => void cancel(kind)} data-testid={`cancel-check-${kind}`}>
                  {t('checkCancel')}
                </button>
              </p>
            )}
            {result && result !== 'checking' && (
              <div class={result.ok ? 'cg-note cg-note--ok' : 'cg-note cg-note--error'} role="status" data-testid={`check-${kind}`}>
                <p>{sayPlain(result.text)}</p>
                {result.ok && result.details.length > 0 && <p class="cg-muted">{result.details.join(', ')}</p>}
              </div>
            )}
          </div>
        );
      })}
      {dialog && (
        <AccountDialog
          kind={dialog.kind}
          existing={dialog.existing}
          role={role}
          onClose={(saved) => {
            setDialog(null);
            if (saved) {
              void load();
              void refreshStatus();
              void refreshDictionaries();
              void check(dialog.kind);
            }
          }}
        />
      )}
    </section>
  );
}
