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

/** Whether the page is out of sight (a background tab, a minimised window), and when it is shown again. */
export interface PageVisibility {
  hidden(): boolean;
  /** Calls `listener` each time the page is shown; returns the function that stops it. */
  onShown(listener: () => void): () => void;
}

/** The page's own visibility (document.visibilityState). */
export const documentVisibility: PageVisibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onShown(listener) {
    if (typeof document === 'undefined') return () => {};
    const handler = () => {
      if (document.visibilityState === 'visible') listener();
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  },
};

export interface ModelOptions {
  /**
   * Announcements heard while the page is hidden fetch nothing; one fetch follows when it is shown again.
   * For models whose fetch costs the worker something (the Журнал's rows).
   */
  pauseWhileHidden?: PageVisibility;
}

export function topicModel<T>(topics: readonly Topic[], fetch: () => Promise<T>, options: ModelOptions = {}): Model<T> {
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
      stopListening = listen(topics, refresh, options.pauseWhileHidden);
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

/** Refreshes on each announcement of `topics`; while `visibility` says hidden, once when shown again instead. */
function listen(topics: readonly Topic[], refresh: () => Promise<void>, visibility: PageVisibility | undefined): () => void {
  if (!visibility) return onAnnounced(topics, () => void refresh());
  let missed = false;
  const stopAnnounced = onAnnounced(topics, () => {
    if (visibility.hidden()) missed = true;
    else void refresh();
  });
  const stopShown = visibility.onShown(() => {
    if (!missed) return;
    missed = false;
    void refresh();
  });
  return () => {
    stopAnnounced();
    stopShown();
  };
}

/** A component's view of a model: followed while the component is mounted. */
export function useModel<T>(model: Model<T>): T | undefined {
  useEffect(() => model.follow(), [model]);
  return model.value.value;
}
