import type { PlannedAction, PlannedRow, PlanReason } from '@/lib/users/plan';
import { planCounts } from '@/lib/users/plan';
import { t, type MessageKey } from '../i18n';

const ACTION: Record<PlannedAction, MessageKey> = {
  create: 'syncAction_create', update: 'syncAction_update', keep: 'syncAction_keep', disable: 'syncAction_disable', ambiguous: 'syncAction_ambiguous', excluded: 'syncAction_excluded',
};
const ACTION_LOOK: Record<PlannedAction, string> = { create: 'done', update: 'planned', disable: 'failed', keep: 'new', ambiguous: 'needs-fix', excluded: 'skipped' };

/** A reason of the plan in the page's language; `done` words a change as made rather than to be made. */
export function syncReasonText(reason: PlanReason, done = false): string {
  if (reason.key === 'syncWhyChanged') {
    const fields = (reason.params?.[0] ?? '').split(',').filter(Boolean).map((f) => t(`syncField_${f}` as MessageKey));
    return t(done ? 'syncDidChange' : 'syncWhyChanged', fields.join(', '));
  }
  return t(reason.key as MessageKey, reason.params);
}

interface Props {
  rows?: PlannedRow[];
  running?: boolean;
  onApply: () => void;
  onCancel: () => void;
}

/** What "sync now" would do in CallGear, per user and why; nothing is written until "apply". */
export function SyncPreview({ rows, running, onApply, onCancel }: Props) {
  if (!rows) return <div class="cg-subcard" data-testid="sync-preview"><p class="cg-muted">{t('syncPreviewLoading')}</p></div>;
  const c = planCounts(rows);
  const writes = c.create + c.update + c.disable;
  return (
    <div class="cg-subcard cg-sync-preview" data-testid="sync-preview">
      <h3>{t('syncPreviewHeading')}</h3>
      <p data-testid="sync-preview-counts">{t('syncPreviewCounts', [String(c.create), String(c.update), String(c.disable), String(c.keep), String(c.ambiguous), String(c.excluded)])}</p>
      <table class="cg-table">
        <thead><tr><th>{t('autocrmUser')}</th><th>{t('syncColAction')}</th><th>{t('callgearEmployee')}</th><th>{t('syncReason')}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.userId} data-testid={`preview-row-${row.userId}`}>
              <td>{row.name}</td>
              <td><span class={`cg-state cg-state--${ACTION_LOOK[row.action]}`}>{t(ACTION[row.action])}</span></td>
              <td>{row.action === 'create' ? t('syncNewEmployee', row.name) : (row.employeeName ?? '—')}</td>
              <td class="cg-muted">{row.reasons.map((why) => syncReasonText(why)).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="cg-actions">
        <button type="button" class="cg-button" disabled={writes === 0 || running} onClick={onApply} data-testid="sync-apply">{t('syncApply', String(writes))}</button>
        <button type="button" class="cg-button cg-button--ghost" onClick={onCancel} data-testid="sync-cancel">{t('syncCancel')}</button>
        {writes === 0 && <span class="cg-muted">{t('syncNothingToDo')}</span>}
      </div>
    </div>
  );
}
