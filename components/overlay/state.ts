import { signal } from '@preact/signals';
import type { CallerInfo } from '@/lib/caller-lookup';
import type { ItemView } from '@/lib/messages';

/** What the overlays show on the AutoCRM page. */
export const softphoneShown = signal(false);
export const softphonePresent = signal(false);
export const incoming = signal<{ phone: string; info: CallerInfo | null; error: string | null } | null>(null);
export const afterCard = signal<{ key: string; title: string; view: ItemView | null } | null>(null);
export const toast = signal<{ ok: boolean; text: string } | null>(null);
