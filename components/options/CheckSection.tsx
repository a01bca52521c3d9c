import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { checkReportAsText } from '@/lib/integration-check/text';
import { checkMeaning } from '@/lib/integration-check/text';
import type { CheckGroup, CheckItem, CheckReport, CheckStatus } from '@/lib/integration-check/types';
import { t, uiText, type MessageKey } from '../i18n';
import { sayPlain, uiLang } from '../shared/say';
import { ask } from '../shared/useBackground';
import { checkProgress } from '../models/pages';
import './check.css';

const GROUPS: { id: CheckGroup; label: () => string }[] = [
  { id: 'callgear', label: () => 'CallGear' },
  { id: 'autocrm', label: () => 'AutoCRM' },
  { id: 'installation', label: () => t('checkGroup_installation') },
];
const STATUSES: CheckStatus[] = ['green', 'yellow', 'red', 'skipped'];

const svg = (path: ComponentChildren) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
    {path}
  </svg>
);
const STATUS_ICON: Record<CheckStatus, () => ComponentChildren> = {
  green: () => svg(<path d="M5 12.5l4.5 4.5L19 7.5" />),
  yellow: () => svg(<path d="M12 6v8M12 18h.01" />),
  red: () => svg(<path d="M6 6l12 12M18 6L6 18" />),
  skipped: () => svg(<path d="M6 12h12" />),
};

const message = (e: unknown) => String(e instanceof Error ? e.message : e);

/** A status as a badge: colour, icon and word, so it reads without colour too. */
function StatusBadge({ status }: { status: CheckStatus }) {
  return (
    <span class={`cg-check-status cg-check-status--${status}`} data-testid="check-status" data-status={status}>
      {STATUS_ICON[status]()}
      {t(`checkStatus_${status}` as MessageKey)}
    </span>
  );
}

function CheckLine({ item }: { item: CheckItem }) {
  return (
    <li class="cg-check-item" data-testid={`check-item-${item.id}`} data-status={item.status}>
      <StatusBadge status={item.status} />
      <div>
        <strong>{sayPlain(item.title)}</strong>
        <p>{checkMeaning(item, sayPlain)}</p>
        {item.action && (
          <p class="cg-check-action" data-testid="check-action">
            <strong>{t('checkAction')}</strong> {sayPlain(item.action)}
          </p>
        )}
        {item.details && item.details.length > 0 && (
          <ul class="cg-check-details">
            {item.details.map((detail) => <li key={detail}>{detail}</li>)}
          </ul>
        )}
      </div>
    </li>
  );
}

function Summary({ report }: { report: CheckReport }) {
  const count = (status: CheckStatus) => String(report.items.filter((i) => i.status === status).length);
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 });
  return (
    <>
      <p class="cg-muted" data-testid="check-last-run">{t('checkLastRun', [new Date(report.finishedAt).toLocaleString(), seconds, String(report.pointsUsed)])}</p>
      <p class="cg-check-summary" data-testid="check-summary">{t('checkSummary', STATUSES.map(count))}</p>
    </>
  );
}

/**
 * «Проверка интеграции»: the checklist of what works on the dealership's own accounts, grouped CallGear /
 * AutoCRM / this installation, with what each finding means and what to do; run on request (joining a run
 * the background already started), its progress followed as the background announces it, the result copied as text for support.
 */
export function CheckSection() {
  const [report, setReport] = useState<CheckReport | null>(null);
  const [running, setRunning] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async () => {
    setRunning(true);
    setNote(null);
    try {
      setReport(await ask({ type: 'check.run' }));
    } catch (e) {
      setNote({ ok: false, text: t('checkFailed', message(e)) });
    } finally {
      setRunning(false);
    }
  };

  useEffect(() => {
    ask({ type: 'check.last' }).then(setReport, (e: unknown) => setNote({ ok: false, text: message(e) }));
    // A run the background started (after a change, or the daily one): join it to show its progress and result.
    void ask({ type: 'check.progress' }).then((p) => p && run(), () => undefined);
  }, []);

  // Followed only while a run goes on: each step the background records is announced (lib/changes.ts).
  useEffect(() => (running ? checkProgress.follow() : undefined), [running]);
  const progress = running ? checkProgress.value.value : null;

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(checkReportAsText(report, uiLang(), uiText));
      setNote({ ok: true, text: t('checkCopied') });
    } catch {
      setNote({ ok: false, text: t('checkCopyFailed') });
    }
  };

  return (
    <section class="cg-card" data-testid="integration-check" aria-busy={running}>
      <h2>{t('checkHeading')}</h2>
      <p class="cg-muted">{t('checkHint')}</p>
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={() => void run()} disabled={running} data-testid="run-check">{running ? t('checkRunning') : t('checkRun')}</button>
        <button type="button" class="cg-button cg-button--ghost" onClick={() => void copy()} disabled={!report || running} data-testid="copy-check">{t('checkCopy')}</button>
        {note && <span class={note.ok ? 'cg-ok' : 'cg-error'} role="status" data-testid="check-note">{note.text}</span>}
      </div>
      {running && (
        <div class="cg-check-progress" role="status" aria-live="polite" data-testid="check-progress">
          <progress max={progress?.total ?? 1} value={progress?.done ?? 0} />
          <span>{progress ? t('checkProgress', [String(Math.min(progress.done + 1, progress.total)), String(progress.total), sayPlain(progress.current)]) : t('checkRunning')}</span>
        </div>
      )}
      {!report && !running && <p class="cg-muted" data-testid="check-never">{t('checkNever')}</p>}
      {report && <Summary report={report} />}
      {report &&
        GROUPS.map((group) => {
          const items = report.items.filter((i) => i.group === group.id);
          if (items.length === 0) return null;
          return (
            <div key={group.id} data-testid={`check-group-${group.id}`}>
              <h3>{group.label()}</h3>
              <ul class="cg-checklist">{items.map((item) => <CheckLine key={item.id} item={item} />)}</ul>
            </div>
          );
        })}
    </section>
  );
}
