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

/** When each service last became (or was again found) working: the dropdowns are read again then. */
const workingSince = (s: StatusResponse | null) =>
  [s?.connections.autocrm, s?.connections.callgear].map((c) => (c?.state === 'working' ? c.at : null)).join();

export async function refreshStatus(): Promise<void> {
  try {
    const previous = status.value;
    status.value = await ask({ type: 'status' });
    // A connection that starts working fills the lists a failed one left empty, without a reload.
    if (previous && workingSince(status.value) !== workingSince(previous)) void refreshDictionaries();
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
