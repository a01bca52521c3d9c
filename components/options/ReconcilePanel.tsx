import { useState } from 'preact/hooks';
import type { CommKind } from '@/lib/domain/communication';
import type { DayKindRow, Gap, ReconcileKind, ReconcileResult, TakeInResult } from '@/lib/pipeline/reconcile';
import { clampDays, DEFAULT_RECONCILE_DAYS, MAX_RECONCILE_DAYS, reconcileCost } from '@/lib/pipeline/reconcile-cost';
import { t, type MessageKey } from '../i18n';
import { ask } from '../shared/useBackground';
import { dictionaries, refreshStatus } from './state';
import { sayText, saidFromId } from '@/lib/phrase';
import { journalWords } from '../shared/say';

const KIND: Record<ReconcileKind, MessageKey> = { callIn: 'rcKind_callIn', callOut: 'rcKind_callOut', chat: 'rcKind_chat', lead: 'rcKind_lead' };
const COUNTS = ['inCallGear', 'inInbox', 'created', 'skipped', 'waiting', 'failed', 'notYetRead'] as const;
const COLUMN: Record<(typeof COUNTS)[number], MessageKey> = {
  inCallGear: 'rcColCallGear', inInbox: 'rcColInbox', created: 'rcColCreated', skipped: 'rcColSkipped', waiting: 'rcColWaiting', failed: 'rcColFailed', notYetRead: 'rcColNotYetRead',
};

const hasAnything = (row: DayKindRow) => row.inCallGear > 0 || row.inInbox > 0;

/** Skip reasons of the whole run, most frequent first. */
function skipReasons(rows: DayKindRow[]): [string, number][] {
  const all = new Map<string, number>();
  for (const row of rows) for (const [reason, n] of Object.entries(row.skipReasons)) all.set(reason, (all.get(reason) ?? 0) + n);
  return [...all.entries()].sort((a, b) => b[1] - a[1]);
}

/** A skip reason in the page's language (reasons are grouped by their `saidId`). */
const reasonText = (id: string) => sayText(saidFromId(id), journalWords(dictionaries.value, undefined));

function gapsByKind(gaps: Gap[]): [CommKind, number[]][] {
  const byKind = new Map<CommKind, number[]>();
  for (const gap of gaps) byKind.set(gap.kind, [...(byKind.get(gap.kind) ?? []), gap.id]);
  return [...byKind.entries()];
}

/**
 * Reconciliation: per day and kind, what CallGear's reports list against what the inbox took in and how
 * it ended; the gaps with their ids and one click to take them in. The point cost shows before it runs.
 */
export function ReconcilePanel() {
  const [days, setDays] = useState(DEFAULT_RECONCILE_DAYS);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReconcileResult | null>(null);
  const [taken, setTaken] = useState<TakeInResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cost = reconcileCost(days);

  const run = async () => {
    setBusy(true);
    setError(null);
    setTaken(null);
    try {
      setResult(await ask({ type: 'reconcile.run', days }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const takeInAll = async () => {
    if (!result) return;
    setBusy(true);
    setError(null);
    try {
      const total: TakeInResult = { taken: 0, already: [], notFound: [], unreadable: [] };
      for (const [kind, ids] of gapsByKind(result.gaps)) {
        const one = await ask({ type: 'reconcile.takeIn', kind, ids, days: result.days });
        total.taken += one.taken;
        total.already.push(...one.already);
        total.notFound.push(...one.notFound);
        total.unreadable.push(...one.unreadable);
      }
      setTaken(total);
      const left = new Set([...total.notFound, ...total.unreadable.map((u) => u.id)]);
      setResult({ ...result, gaps: result.gaps.filter((g) => left.has(g.id)) });
      void refreshStatus();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const shown = result?.rows.filter(hasAnything) ?? [];
  const reasons = result ? skipReasons(result.rows) : [];

  return (
    <div data-testid="reconcile">
      <h3>{t('rcHeading')}</h3>
      <p class="cg-muted">{t('rcHint')}</p>
      <div class="cg-actions">
        <label>
          {t('rcDays')}{' '}
          <input
            class="cg-input"
            type="number"
            min={1}
            max={MAX_RECONCILE_DAYS}
            value={days}
            onInput={(e) => setDays(clampDays(Number(e.currentTarget.value) || DEFAULT_RECONCILE_DAYS))}
            data-testid="reconcile-days"
          />
        </label>
        <button type="button" class="cg-button" disabled={busy} onClick={run} data-testid="reconcile-run">{busy ? t('rcRunning') : t('rcRun')}</button>
        <span class="cg-muted" data-testid="reconcile-cost">{t('rcCost', [String(cost.expected), String(cost.max)])}</span>
      </div>
      {error && <p class="cg-error" role="alert">{error}</p>}
      {result && (
        <>
          <p data-testid="reconcile-summary">{t('rcSpent', [String(result.points), String(result.gaps.length)])}</p>
          {result.truncated.length > 0 && <p class="cg-note cg-note--error">{t('rcTruncated')}</p>}
          {result.unreadable > 0 && <p class="cg-note cg-note--error">{t('rcUnreadable', String(result.unreadable))}</p>}
          <table class="cg-table" data-testid="reconcile-table">
            <thead>
              <tr><th>{t('rcColDay')}</th><th>{t('colKind')}</th>{COUNTS.map((c) => <th key={c}>{t(COLUMN[c])}</th>)}<th>{t('rcColGaps')}</th></tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={`${row.day}-${row.kind}`} data-testid={`reconcile-${row.day}-${row.kind}`} class={row.gaps.length ? 'cg-row--failed' : undefined}>
                  <td>{row.day}</td>
                  <td>{t(KIND[row.kind])}</td>
                  {COUNTS.map((c) => (
                    <td key={c} title={c === 'skipped' ? Object.entries(row.skipReasons).map(([r, n]) => `${n} × ${reasonText(r)}`).join('\n') : undefined}>{row[c]}</td>
                  ))}
                  <td>{row.gaps.length ? row.gaps.join(', ') : '—'}</td>
                </tr>
              ))}
              {shown.length === 0 && <tr><td colSpan={COUNTS.length + 3} class="cg-muted">{t('rcNothing')}</td></tr>}
            </tbody>
          </table>
          {reasons.length > 0 && (
            <details>
              <summary>{t('rcSkipReasons')}</summary>
              <ul class="cg-list">{reasons.map(([reason, n]) => <li key={reason}>{n} × {reasonText(reason)}</li>)}</ul>
            </details>
          )}
          {result.gaps.length > 0 ? (
            <div class="cg-actions" data-testid="reconcile-gaps">
              <span>{t('rcGaps', [String(result.gaps.length), result.gaps.map((g) => `${t(KIND[g.reconcileKind])} #${g.id}`).join(', ')])}</span>
              <button type="button" class="cg-button" disabled={busy} onClick={takeInAll} data-testid="reconcile-take-in">{t('rcTakeIn', String(result.gaps.length))}</button>
            </div>
          ) : (
            <p class="cg-ok" data-testid="reconcile-no-gaps">{t('rcNoGaps')}</p>
          )}
        </>
      )}
      {taken && (
        <p role="status" data-testid="reconcile-taken">
          {t('rcTaken', [String(taken.taken), String(taken.already.length)])}
          {taken.notFound.length > 0 && <span class="cg-error"> {t('rcNotFound', taken.notFound.join(', '))}</span>}
          {taken.unreadable.length > 0 && <span class="cg-error"> {t('rcUnreadableRows', taken.unreadable.map((u) => `#${u.id}: ${u.reason}`).join('; '))}</span>}
        </p>
      )}
    </div>
  );
}
