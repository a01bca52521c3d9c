import type { CommKind } from '@/lib/domain/communication';
import { INBOX_STATES, type InboxState } from '@/lib/inbox-states';
import { JOURNAL_NUMBER_MAX } from '@/lib/journal/query';
import { t, type MessageKey } from '../i18n';
import { askJournal, journalQuery } from '../models/pages';
import { STATE_TEXT } from '../shared/inbox-state-text';

export const KIND_LABEL: Record<CommKind, MessageKey> = { call: 'kindCall', chat: 'kindChat', lead: 'kindLead' };

/**
 * The Журнал's filters: each change asks the worker for the first page that matches (the worker filters,
 * so the page never holds more rows than it shows). Then the dry run by communication number.
 */
export function JournalFilters({ onDryRun }: { onDryRun: (raw: string) => void }) {
  const q = journalQuery.value;
  return (
    <div class="cg-filters cg-journal-filters">
      <select class="cg-input" aria-label={t('filterState')} value={q.state ?? ''} onChange={(e) => void askJournal({ state: (e.currentTarget.value || undefined) as InboxState | undefined })}>
        <option value="">{t('allStates')}</option>
        {INBOX_STATES.map((st) => <option key={st} value={st}>{t(STATE_TEXT[st])}</option>)}
      </select>
      <select class="cg-input" aria-label={t('filterKind')} value={q.kind ?? ''} onChange={(e) => void askJournal({ kind: (e.currentTarget.value || undefined) as CommKind | undefined })}>
        <option value="">{t('allKinds')}</option>
        {Object.entries(KIND_LABEL).map(([k, label]) => <option key={k} value={k}>{t(label)}</option>)}
      </select>
      <input class="cg-input" type="date" aria-label={t('filterDate')} value={q.date ?? ''} onInput={(e) => void askJournal({ date: e.currentTarget.value || undefined })} />
      <input class="cg-input" type="search" aria-label={t('filterNumber')} placeholder={t('filterNumber')} maxLength={JOURNAL_NUMBER_MAX} value={q.number ?? ''} onInput={(e) => void askJournal({ number: e.currentTarget.value || undefined })} />
      <form
        class="cg-journal-dry"
        onSubmit={(e) => {
          e.preventDefault();
          onDryRun((new FormData(e.currentTarget).get('id') as string).trim());
        }}
      >
        <input class="cg-input" name="id" aria-label={t('dryRunById')} placeholder={t('journalDryRunIdPlaceholder')} />
        <button type="submit" class="cg-button cg-button--ghost">{t('dryRun')}</button>
      </form>
    </div>
  );
}
