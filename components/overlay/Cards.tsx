import { t, type MessageKey } from '../i18n';
import { afterCard, incoming, toast } from './state';
import { formatPhone } from '@/lib/phone';
import type { ItemView } from '@/lib/messages';
import type { CardError } from '@/lib/pipeline/item-view';
import { errorShown } from '@/lib/journal/timeline';
import { journalWords, say } from '../shared/say';

/** The card has no lists of people: a name it cannot know reads as «сотрудник не из списка». */
const words = journalWords(null, undefined);
import { STATE_TEXT } from '../shared/inbox-state-text';

/** Who is calling: the matched AutoCRM client with open inquiries and worksheets, or "new client". */
export function IncomingCard({ onDismiss }: { onDismiss: () => void }) {
  const card = incoming.value;
  if (!card) return null;
  const info = card.info;
  return (
    <section class="cg-card-pop" role="status" aria-live="polite" data-testid="incoming-card">
      <header class="cg-card-pop__one-line" data-testid="incoming-header">
        <strong class="cg-card-pop__title">{t('cardIncoming')}</strong>
        <span class="cg-phone" data-testid="caller-phone">{formatPhone(card.phone)}</span>
        <button type="button" class="cg-close" aria-label={t('dismiss')} onClick={onDismiss}>✕</button>
      </header>
      {card.error && <p class="cg-error">{card.error}</p>}
      {!info && !card.error && <p class="cg-muted">{t('lookingUp')}</p>}
      {info && !info.client && <p data-testid="new-client">{t('newClient')}</p>}
      {info?.client && (
        <p>
          <a href={info.client.url} target="_blank" rel="noreferrer" data-testid="client-link">{info.client.name}</a>
        </p>
      )}
      {info && info.inquiries.length > 0 && (
        <ul class="cg-mini-list" data-testid="open-inquiries">
          {info.inquiries.map((i) => (
            <li key={i.id}>
              <a href={i.url} target="_blank" rel="noreferrer">{t('inquiryNo', String(i.id))}</a> · {i.status}
              {i.responsible && ` · ${i.responsible}`}
            </li>
          ))}
        </ul>
      )}
      {info && info.worksheets.length > 0 && (
        <ul class="cg-mini-list" data-testid="open-worksheets">
          {info.worksheets.map((w) => (
            <li key={w.id}>
              <a href={w.url} target="_blank" rel="noreferrer">{t('worksheetNo', String(w.id))}</a> · {w.state}
              {w.responsible && ` · ${w.responsible}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}


/** What the pipeline did with the call or chat that just ended, updated live. */
export function AfterCard({ onDismiss, onRetry }: { onDismiss: () => void; onRetry: (key: string) => void }) {
  const card = afterCard.value;
  if (!card) return null;
  const view = card.view;
  return (
    <section class="cg-card-pop" role="status" aria-live="polite" data-testid="after-card">
      <header>
        <strong>{card.title}</strong>
        <button type="button" class="cg-close" aria-label={t('dismiss')} onClick={onDismiss}>✕</button>
      </header>
      {!view && <p class="cg-muted">{t('waitingForReport')}</p>}
      {view && (
        <p data-testid="after-state">
          <span class={`cg-state cg-state--${view.state}`}>{t(STATE_TEXT[view.state] ?? 'state_new')}</span>
          {view.state === 'deferred' && view.dueAt && ` ${t('until', new Date(view.dueAt).toLocaleString())}`}
        </p>
      )}
      {view?.created.map((c) =>
        c.url ? (
          <p key={`${c.entity}${c.id}`}>
            <a href={c.url} target="_blank" rel="noreferrer" data-testid="created-link">{t(`entity_${c.entity}` as MessageKey)} #{c.id}</a>
          </p>
        ) : null,
      )}
      {view?.reason && !view.error && <p class="cg-muted">{say(view.reason, words)}</p>}
      {view?.error && <ErrorAdvice error={view.error} advice={view.advice} retriesItself={view.state === 'failed'} onRetry={() => onRetry(view.key)} />}
    </section>
  );
}

/**
 * An error as the operator needs it: what to do first (tell the admin, or retry when a retry can
 * help), the service's own words folded away for the admin.
 */
function ErrorAdvice(props: { error: CardError; advice: ItemView['advice']; retriesItself: boolean; onRetry: () => void }) {
  const { error, advice, retriesItself, onRetry } = props;
  const retry = advice === 'retry';
  // A failed item has its next attempt scheduled (lib/pipeline/processor.ts); a stopped one waits for a click.
  const said: MessageKey = !retry ? 'cardTellAdmin' : retriesItself ? 'cardRetryAuto' : 'cardRetryHelps';
  return (
    <div data-testid="after-error" data-advice={advice ?? 'none'}>
      <p class="cg-error" data-testid="after-advice">{t(said)}</p>
      <details class="cg-details">
        <summary>{t('cardErrorDetails')}</summary>
        <p class="cg-muted" data-testid="after-error-detail">{say(errorShown(error), words)}</p>
      </details>
      {retry && (
        <button type="button" class="cg-small-button" data-testid="after-retry" onClick={onRetry}>{t('retry')}</button>
      )}
    </div>
  );
}

export function Toast() {
  const value = toast.value;
  if (!value) return null;
  return (
    <div class={value.ok ? 'cg-toast' : 'cg-toast cg-toast--error'} role="alert" data-testid="toast">
      {value.text}
    </div>
  );
}
