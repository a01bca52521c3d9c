import { useMemo, useRef, useState } from 'preact/hooks';
import { needsAttention } from '@/lib/inbox-states';
import type { DryRunResult } from '@/lib/pipeline/dry-run';
import type { DroppedFieldsView } from '@/lib/pipeline/dropped-fields';
import type { RuleKind } from '@/lib/domain/communication';
import { outcomeSaid } from '@/lib/journal/timeline';
import type { JournalDetails, JournalRow } from '@/lib/journal/rows';
import { JOURNAL_MAX_ROWS, JOURNAL_PAGE } from '@/lib/journal/query';
import { localized, t, type MessageKey } from '../i18n';
import { ask } from '../shared/useBackground';
import { dictionaries, refreshStatus, status } from './state';
import { ReconcilePanel } from './ReconcilePanel';
import { journalWords, say, sayPlain, templateFailureText } from '../shared/say';
import { EntityLink, StepsTimeline } from './StepsTimeline';
import { useSettings } from './useSettings';
import { useModel } from '../models/model';
import { askJournal, droppedFields, journalQuery, journalRows } from '../models/pages';
import { STATE_TEXT } from '../shared/inbox-state-text';
import { JournalFilters, KIND_LABEL } from './JournalFilters';

/** One communication's kind as a person says it: «Входящий звонок», not «incomingCalls». */
const COMM_KIND: Record<RuleKind, MessageKey> = { incomingCalls: 'journalKind_incomingCalls', outgoingCalls: 'journalKind_outgoingCalls', chats: 'journalKind_chats', leads: 'journalKind_leads' };
// One formatter each, made once: `toLocaleString` with options builds a new one per call, twice per row.
const SHORT_TIME = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
/** What `toLocaleString()` shows: the date and the time with seconds. */
const FULL_TIME = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
const shortTime = (iso: string) => SHORT_TIME.format(new Date(iso));

/** Every communication: time, kind, number, state, rule, what was created or why not, and its steps. */
export function ActivitySection() {
  const page = useModel(journalRows);
  const rows: JournalRow[] = page?.rows ?? [];
  const dropped: DroppedFieldsView | undefined = useModel(droppedFields);
  const [open, setOpen] = useState<string | null>(null);
  const [details, setDetails] = useState<(JournalDetails & { key: string }) | null>(null);
  const [dry, setDry] = useState<{ key: string; result?: DryRunResult; error?: string } | null>(null);
  const { settings } = useSettings();
  const ctx = useMemo(() => journalWords(dictionaries.value, settings?.dealershipZone), [dictionaries.value, settings?.dealershipZone]);

  const asked = useRef<string | null>(null);
  const toggle = async (key: string) => {
    if (open === key) return setOpen(null);
    setOpen(key);
    asked.current = key;
    const answer = await ask({ type: 'journal.details', key });
    // Only the answer for the row opened last: a slow one for a row opened before never replaces it.
    if (asked.current === key) setDetails({ key, ...answer });
  };
  const retry = async (keys?: string[]) => {
    await ask({ type: 'inbox.retry', keys });
    await journalRows.refresh();
    void refreshStatus();
  };
  const dryRun = async (key: string) => {
    setDry({ key });
    try {
      setDry({ key, result: await ask({ type: 'dryRun', key }) });
    } catch (e) {
      setDry({ key, error: String(e instanceof Error ? e.message : e) });
    }
  };
  const dryRunById = (raw: string) => {
    const key = raw.includes(':') ? raw : (rows.find((i) => String(i.id) === raw)?.key ?? `call:${raw}`);
    setOpen(null);
    void dryRun(key);
  };
  const s = status.value;
  // What «retry all» retries: every failed and needs-fix item, not only those on this page.
  const needsFix = s ? s.counts.failed + s.counts['needs-fix'] : 0;

  return (
    <section class="cg-card" data-testid="activity">
      <h2>{t('activityHeading')}</h2>
      {s && (
        <p class="cg-muted" data-testid="backlog">
          {t('backlog', [String(s.counts.new + s.counts.planned + s.counts.processing + s.counts.failed + s.counts.deferred), s.lastPoll ? new Date(s.lastPoll.at).toLocaleString() : '—'])}
          {s.lastPoll?.error && <span class="cg-error"> {localized(s.lastPoll.error)}</span>}
          {needsFix > 0 && <button type="button" class="cg-link-button" onClick={() => retry()} data-testid="retry-all">{t('retryAll', String(needsFix))}</button>}
        </p>
      )}
      {dropped?.text && <p class="cg-note cg-note--error" role="status" data-testid="dropped-fields">{sayPlain(dropped.text)}</p>}
      <JournalFilters onDryRun={dryRunById} />
      {dry && !rows.some((i) => i.key === dry.key) && (
        <div class="cg-note cg-note--error" data-testid="dry-run">{dry.error ?? t('checking')}</div>
      )}
      <table class="cg-table cg-journal">
        <thead>
          <tr><th>{t('colTime')}</th><th>{t('colKind')}</th><th>{t('colNumber')}</th><th>{t('colState')}</th><th>{t('colRule')}</th><th>{t('colResult')}</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <>
              <tr key={item.key} data-testid={`activity-${item.key}`} class={`cg-row--${item.state}`}>
                <td class="cg-nowrap" title={FULL_TIME.format(new Date(item.at))}>{shortTime(item.at)}</td>
                <td class="cg-nowrap">{t(COMM_KIND[item.ruleKind] ?? KIND_LABEL[item.kind]!)}</td>
                <td class="cg-nowrap">{item.contactPhone ?? '—'}</td>
                <td><span class={`cg-state cg-state--${item.state}`}>{t(STATE_TEXT[item.state])}</span></td>
                <td>{item.ruleName ? say(item.ruleName, ctx) : '—'}</td>
                <td>
                  <div class="cg-journal__links">{item.created.map((c) => <EntityLink key={`${c.entity}-${c.id}`} entity={c} />)}</div>
                  {item.reason && <span class={needsAttention(item.state) ? 'cg-error' : 'cg-muted'} data-testid="row-reason">{say(item.reason, ctx)}</span>}
                </td>
                <td class="cg-journal__actions">
                  <button type="button" class="cg-link-button" aria-expanded={open === item.key} onClick={() => toggle(item.key)}>{t('journalHowItWent')}</button>
                  <button type="button" class="cg-link-button" onClick={() => dryRun(item.key)}>{t('dryRun')}</button>
                  {(needsAttention(item.state)) && <button type="button" class="cg-link-button" onClick={() => retry([item.key])}>{t('retry')}</button>}
                </td>
              </tr>
              {open === item.key && (
                <tr key={`${item.key}-steps`}>
                  <td colSpan={7}>
                    {details?.key !== item.key && <p class="cg-muted">{t('loading')}</p>}
                    {details?.key === item.key && (
                      <>
                        {details.explanation.length > 0 && <ul class="cg-list">{details.explanation.map((line, i) => <li key={i}>{say(line, ctx)}</li>)}</ul>}
                        <StepsTimeline entries={details.steps} ctx={ctx} />
                      </>
                    )}
                  </td>
                </tr>
              )}
              {dry?.key === item.key && (
                <tr key={`${item.key}-dry`}>
                  <td colSpan={7} data-testid="dry-run">
                    <strong>{t('dryRunHeading')}</strong>
                    {!dry.result && !dry.error && <p class="cg-muted">{t('checking')}</p>}
                    {dry.error && <p class="cg-error">{dry.error}</p>}
                    {dry.result && (
                      <>
                        <ul class="cg-list">{dry.result.plan.explanation.map((line, i) => <li key={i}>{say(line, ctx)}</li>)}</ul>
                        <p class="cg-journal__outcome" data-testid="dry-run-outcome">{say(outcomeSaid(dry.result.plan.outcome), ctx)}</p>
                        {dry.result.texts && <p class="cg-muted">{t('fieldSource')}: «{dry.result.texts.source}» · {t('fieldSubSource')}: «{dry.result.texts.subSource}» · {t('fieldComment')}: «{dry.result.texts.comment}»</p>}
                        {dry.result.templateError && <p class="cg-error" data-testid="dry-run-template-error">{templateFailureText({ ...dry.result.templateError.error, field: dry.result.templateError.field })}</p>}
                      </>
                    )}
                  </td>
                </tr>
              )}
            </>
          ))}
          {page && rows.length === 0 && <tr><td colSpan={7} class="cg-muted">{t('nothingYet')}</td></tr>}
        </tbody>
      </table>
      {page?.searchedOnly && <p class="cg-muted" data-testid="journal-searched-only">{t('journalSearchedOnly', page.searchedOnly.toLocaleString())}</p>}
      {page?.more && journalQuery.value.limit < JOURNAL_MAX_ROWS && (
        <button type="button" class="cg-button cg-button--ghost" data-testid="journal-more" onClick={() => void askJournal({ limit: Math.min(JOURNAL_MAX_ROWS, journalQuery.value.limit + JOURNAL_PAGE) })}>
          {t('journalShowMore')}
        </button>
      )}
      <ReconcilePanel />
    </section>
  );
}
