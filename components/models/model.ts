import { signal, type ReadonlySignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { topicsOfKeys, type Topic } from '@/lib/changes';
import { errorText } from '../shared/say';

/**
 * Calls `onChange` whenever the background announces one of `topics` (a revision bumped in
 * `storage.session`, lib/changes.ts). Listening sends nothing, so an open page lets the worker sleep.
 * Returns the function that stops listening.
 */
export function onAnnounced(topics: readonly Topic[], onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && topicsOfKeys(Object.keys(changes)).some((topic) => topics.includes(topic))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** What a page shows from the background, outside any component: fetched once, then again on each announcement. */
export interface Model<T> {
  /** Undefined until the first answer. */
  readonly value: ReadonlySignal<T | undefined>;
  /** The last fetch's failure, cleared by the next success. */
  readonly error: ReadonlySignal<string | null>;
  /** Fetches now; a call during a fetch is answered by one more fetch after it (never two at once). */
  refresh(): Promise<void>;
  /** The first follower fetches and starts listening; returns the unfollow (the last one stops listening). */
  follow(): () => void;
}


export function topicModel<T>(topics: readonly Topic[], fetch: () => Promise<T>): Model<T> {
  const value = signal<T | undefined>(undefined);
  const error = signal<string | null>(null);
  let running: Promise<void> | null = null;
  let again = false;
  let followers = 0;
  let stopListening = () => {};

  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          value.value = await fetch();
          error.value = null;
        } catch (e) {
          error.value = errorText(e);
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const follow = () => {
    if (followers++ === 0) {
      stopListening = onAnnounced(topics, () => void refresh());
      void refresh();
    }
    let followed = true;
    return () => {
      if (!followed) return;
      followed = false;
      if (--followers === 0) stopListening();
    };
  };

  return { value, error, refresh, follow };
}

/** A component's view of a model: followed while the component is mounted. */
export function useModel<T>(model: Model<T>): T | undefined {
  useEffect(() => model.follow(), [model]);
  return model.value.value;
}
