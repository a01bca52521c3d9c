import type { InboxState } from '@/lib/inbox-states';
import type { MessageKey } from '../i18n';

/** Each inbox state as the pages name it (public/_locales/{ru,en}/messages.json). */
export const STATE_TEXT: Record<InboxState, MessageKey> = {
  new: 'state_new', planned: 'state_planned', deferred: 'state_deferred', processing: 'state_processing',
  done: 'state_done', skipped: 'state_skipped', failed: 'state_failed', 'needs-fix': 'state_needs_fix',
};
