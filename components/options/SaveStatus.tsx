import { t } from '../i18n';

/** Next to a section's «Сохранить»: unsaved changes, else the last save's outcome (an old «Сохранено» never hides new edits). */
export function SaveStatus({ dirty, message }: { dirty: boolean; message: { ok: boolean; text: string } | null }) {
  if (dirty) return <span class="cg-warning" role="status" data-testid="unsaved-note">{t('unsavedNote')}</span>;
  return message ? <span class={message.ok ? 'cg-ok' : 'cg-error'} role="status">{message.text}</span> : null;
}
