import { signal } from '@preact/signals';
import type { Dictionaries } from '@/lib/dictionaries';
import type { ManagedState, StatusResponse } from '@/lib/messages';
import { ask } from '../shared/useBackground';

/** Page-wide state read from the background: status, live dictionaries, the enterprise policy. */
export const status = signal<StatusResponse | null>(null);
export const dictionaries = signal<Dictionaries | null>(null);
export const managed = signal<ManagedState | null>(null);
export const pageError = signal<string | null>(null);

const message = (e: unknown) => String(e instanceof Error ? e.message : e);

export async function refreshStatus(): Promise<void> {
  try {
    status.value = await ask({ type: 'status' });
  } catch (e) {
    pageError.value = message(e);
  }
}

export async function refreshDictionaries(): Promise<void> {
  try {
    dictionaries.value = await ask({ type: 'dictionaries.get' });
  } catch (e) {
    pageError.value = message(e);
  }
}

export async function refreshManaged(): Promise<void> {
  managed.value = await ask({ type: 'config.managed' }).catch(() => null);
}
