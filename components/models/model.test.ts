import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { revisionKey } from '@/lib/changes';
import { onAnnounced, topicModel, type PageVisibility } from './model';

/** What the background does when a topic changes: bumps its revision in storage.session. */
let revision = 0;
const announce = (...topics: Parameters<typeof revisionKey>[0][]) => fakeBrowser.storage.session.set(Object.fromEntries(topics.map((t) => [revisionKey(t), ++revision])));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => fakeBrowser.reset());

describe('listening to announcements', () => {
  test('only the topics asked for, and only until stopped', async () => {
    const heard: string[] = [];
    const stop = onAnnounced(['inbox'], () => heard.push('inbox'));
    await announce('status');
    await announce('inbox', 'status');
    await fakeBrowser.storage.session.set({ afterCallCards: [] });
    stop();
    await announce('inbox');
    expect(heard).toEqual(['inbox']);
  });
});

describe('a page model', () => {
  test('the first follower fetches; each announcement fetches again; the last unfollow stops listening', async () => {
    let fetches = 0;
    const model = topicModel(['inbox'], async () => ++fetches);
    const first = model.follow();
    const second = model.follow();
    await settle();
    expect(model.value.value).toBe(1);
    await announce('inbox');
    await settle();
    expect(model.value.value).toBe(2);
    first();
    first(); // a second call of the same unfollow counts once
    await announce('inbox');
    await settle();
    expect(fetches).toBe(3);
    second();
    await announce('inbox');
    await settle();
    expect(fetches).toBe(3);
  });

  test('announcements during a fetch make one more fetch after it, never two at once', async () => {
    let running = 0;
    let most = 0;
    let fetches = 0;
    const release: (() => void)[] = [];
    const model = topicModel(['status'], async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return ++fetches;
    });
    const done = model.refresh();
    void model.refresh();
    void model.refresh();
    release.shift()!();
    await settle();
    release.shift()!();
    await done;
    expect({ fetches, most, value: model.value.value }).toEqual({ fetches: 2, most: 1, value: 2 });
  });

  test('a failed fetch is kept as the error until a fetch succeeds', async () => {
    let fail = true;
    const model = topicModel(['check'], async () => {
      if (fail) throw new Error('no background');
      return 'ok';
    });
    await model.refresh();
    expect(model.error.value).toBe('no background');
    fail = false;
    await model.refresh();
    expect({ value: model.value.value, error: model.error.value }).toEqual({ value: 'ok', error: null });
  });

  test('paused while the page is hidden: announcements then fetch nothing, and one fetch follows when it is shown', async () => {
    let hidden = false;
    const shown = new Set<() => void>();
    const visibility: PageVisibility = {
      hidden: () => hidden,
      onShown: (listener) => {
        shown.add(listener);
        return () => shown.delete(listener);
      },
    };
    const show = () => {
      hidden = false;
      shown.forEach((listener) => listener());
    };
    let fetches = 0;
    const model = topicModel(['inbox'], async () => ++fetches, { pauseWhileHidden: visibility });
    const unfollow = model.follow();
    await settle();
    hidden = true;
    await announce('inbox');
    await announce('inbox');
    await settle();
    expect(fetches).toBe(1);
    show();
    await settle();
    expect(fetches).toBe(2);
    show(); // shown again with nothing missed: no fetch
    await settle();
    expect(fetches).toBe(2);
    unfollow();
    expect(shown.size).toBe(0);
  });
});
