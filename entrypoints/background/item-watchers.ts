import { browser, type Browser } from 'wxt/browser';
import type { ItemChanged } from '@/lib/changes';
import type { Reply } from '@/lib/messages';

/**
 * The after-call cards open on AutoCRM tabs: which tab shows which inbox item, so a change of that item is
 * pushed to that tab alone (`tabs.sendMessage`) and the card asks for it again. Content scripts cannot read
 * `storage.session` (it holds an operator's credentials; the area stays TRUSTED_CONTEXTS), so the card is
 * told by a message, and learns of no item but its own. The list lives in `storage.session` because the
 * worker sleeps between a call's end and the poll that finishes its item; a Port would die with the worker.
 */
const WATCHES_KEY = 'afterCallCards';
/** Cards on screen at once are few; an old entry whose tab is gone is dropped when a push to it fails. */
const MAX_WATCHES = 20;
/** An item in one of these states no longer changes by itself: its card stops watching. */
const FINISHED = new Set(['done', 'skipped', 'needs-fix']);

interface Watch {
  tab: number;
  frame: number;
  key: string;
}

/** Read-modify-write of the list, one at a time. */
let queue: Promise<unknown> = Promise.resolve();
function editWatches(edit: (watches: Watch[]) => Watch[]): Promise<void> {
  const next = queue.then(async () => {
    const area = browser.storage.session;
    const watches = ((await area.get(WATCHES_KEY))[WATCHES_KEY] as Watch[] | undefined) ?? [];
    await area.set({ [WATCHES_KEY]: edit(watches).slice(-MAX_WATCHES) });
  });
  queue = next.catch(() => undefined);
  return next;
}

const askedForItem = (message: unknown): message is { type: 'inbox.item'; key: string } =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'inbox.item' && typeof (message as { key?: unknown }).key === 'string';

/**
 * A content script asked for an item (`inbox.item`) and the router answered it, so the sender passed its
 * checks: its tab watches that item until the item is finished.
 */
export async function noteItemWatcher(message: unknown, sender: Browser.runtime.MessageSender, reply: Reply<unknown>): Promise<void> {
  const tab = sender.tab?.id;
  if (!reply.ok || !askedForItem(message) || tab === undefined || sender.url?.startsWith(browser.runtime.getURL('/'))) return;
  const state = (reply.value as { state?: string } | null)?.state;
  const watch: Watch = { tab, frame: sender.frameId ?? 0, key: message.key };
  const others = (watches: Watch[]) => watches.filter((w) => w.tab !== watch.tab || w.key !== watch.key);
  await editWatches((watches) => (state && FINISHED.has(state) ? others(watches) : [...others(watches), watch]));
}

/** Tells each tab watching a changed item; a tab that no longer listens (closed, navigated) is dropped. */
export async function pushItemChanges(keys: Set<string> | 'all'): Promise<void> {
  if (keys !== 'all' && keys.size === 0) return;
  const watches = ((await browser.storage.session.get(WATCHES_KEY))[WATCHES_KEY] as Watch[] | undefined) ?? [];
  const gone: Watch[] = [];
  await Promise.all(
    watches
      .filter((w) => keys === 'all' || keys.has(w.key))
      .map((w) => browser.tabs.sendMessage(w.tab, { type: 'inbox.itemChanged', key: w.key } satisfies ItemChanged, { frameId: w.frame }).catch(() => gone.push(w))),
  );
  if (gone.length > 0) await editWatches((all) => all.filter((w) => !gone.some((g) => g.tab === w.tab && g.key === w.key)));
}
