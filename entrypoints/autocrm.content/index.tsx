import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Dock } from '@/components/overlay/Dock';
import { afterCard, incoming, softphonePresent, softphoneShown, toast } from '@/components/overlay/state';
import { ask } from '@/components/shared/useBackground';
import type { SoftphoneEvent } from '@/lib/softphone/events';
import { isItemChanged } from '@/lib/changes';
import { t, localized } from '@/components/i18n';
import { startSoftphoneBridge } from './softphone-bridge';
import { findSoftphoneWidget, setSoftphoneShown } from './softphone-widget';
import { addCallButtons, changedRoots } from './phone-buttons';
import { formatPhone } from '@/lib/phone';
import { sayText } from '@/lib/phrase';
import { errorText, journalWords } from '@/components/shared/say';
import './style.css';

export const SHADOW_HOST_NAME = 'callgear-autocrm';
const SHOWN_KEY = 'softphoneShown';

/** Keeps the softphone's visibility as the operator left it, and notices when the softphone appears. */
async function followSoftphone(ctx: ContentScriptContext) {
  softphoneShown.value = Boolean((await browser.storage.local.get(SHOWN_KEY))[SHOWN_KEY]);
  const sync = () => {
    const widget = findSoftphoneWidget();
    softphonePresent.value = widget !== null;
    if (widget) setSoftphoneShown(widget, softphoneShown.value);
  };
  sync();
  const observer = new MutationObserver(sync);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // The popup's toggle, or another AutoCRM tab, changes the same setting.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SHOWN_KEY in changes)) return;
    softphoneShown.value = Boolean(changes[SHOWN_KEY]?.newValue);
    sync();
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => {
    observer.disconnect();
    browser.storage.onChanged.removeListener(onStorage);
  });
  return async (shown: boolean) => {
    softphoneShown.value = shown;
    await browser.storage.local.set({ [SHOWN_KEY]: shown });
    sync();
  };
}

/** Reads the card's item again, unless the card now shows another one (or was closed). */
async function showItem(ctx: ContentScriptContext, key: string) {
  if (!ctx.isValid || afterCard.value?.key !== key) return;
  const view = await ask({ type: 'inbox.item', key }).catch(() => null);
  const card = afterCard.value;
  if (card?.key === key) afterCard.value = { ...card, view };
}

/**
 * Shows what the pipeline did with an ended call or chat. No timer: asking for the item makes this tab its
 * watcher, and the background tells the tab each time the item changes (entrypoints/background/item-watchers.ts).
 */
function watchItem(ctx: ContentScriptContext, key: string, title: string) {
  afterCard.value = { key, title, view: null };
  void showItem(ctx, key);
}

/** The background's word that the card's item changed: only the extension itself can message this tab. */
function followItemChanges(ctx: ContentScriptContext) {
  const listener = (message: unknown, sender: { id?: string }) => {
    if (sender.id === browser.runtime.id && isItemChanged(message) && message.key === afterCard.value?.key) void showItem(ctx, message.key);
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

function onSoftphoneEvent(ctx: ContentScriptContext, event: SoftphoneEvent) {
  if (event.type === 'call.incoming') {
    const phone = event.payload.contact_phone_number;
    incoming.value = { phone, info: null, error: null };
    ask({ type: 'caller.lookup', phone }).then(
      (info) => incoming.value?.phone === phone && (incoming.value = { phone, info, error: null }),
      (error: unknown) => incoming.value?.phone === phone && (incoming.value = { phone, info: null, error: errorText(error) }),
    );
  }
  if (event.type === 'call.ended') {
    incoming.value = null;
    watchItem(ctx, `call:${event.payload.call_session_id}`, t('afterCall', formatPhone(event.payload.contact_phone_number)));
  }
  if (event.type === 'chat.finished') {
    watchItem(ctx, `chat:${event.payload.chat_id}`, t('afterChat', event.payload.visitor_name ?? event.payload.visitor_phone_number ?? String(event.payload.chat_id)));
  }
}

async function startCall(phone: string) {
  toast.value = { ok: true, text: t('calling', phone) };
  const result = await ask({ type: 'call.start', phone }).catch((e: unknown) => ({ ok: false as const, text: { ru: String(e), en: String(e) } }));
  toast.value = result.ok ? { ok: true, text: t('callStarted', phone) } : { ok: false, text: 'said' in result ? sayText(result.said, journalWords(null, undefined)) : localized(result.text) };
  setTimeout(() => (toast.value = null), 6_000);
}

export default defineContentScript({
  matches: ['https://*.autocrm.ru/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const toggle = await followSoftphone(ctx);
    followItemChanges(ctx);
    startSoftphoneBridge(ctx, (event) => onSoftphoneEvent(ctx, event));

    const label = t('callViaCallGear');
    addCallButtons(document.body, label, startCall);
    // Later DOM changes re-scan only what changed (added subtrees, edited text), after a short pause.
    const changed = new Set<Node>();
    let scheduled = false;
    const phones = new MutationObserver((records) => {
      for (const node of changedRoots(records)) changed.add(node);
      if (scheduled) return;
      scheduled = true;
      ctx.setTimeout(() => {
        scheduled = false;
        const roots = [...changed];
        changed.clear();
        for (const root of roots) if (root.isConnected) addCallButtons(root, label, startCall);
      }, 300);
    });
    phones.observe(document.body, { childList: true, subtree: true, characterData: true });
    ctx.onInvalidated(() => phones.disconnect());

    const ui = await createShadowRootUi(ctx, {
      name: SHADOW_HOST_NAME,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      // Closed: a script on the AutoCRM page cannot read or rewrite the cards (element.shadowRoot is null).
      mode: 'closed',
      onMount(container) {
        const dock = document.createElement('div');
        dock.className = 'cg-dock';
        container.append(dock);
        render(
          <Dock
            onToggle={toggle}
            onRetry={(key) => void ask({ type: 'inbox.retryOne', key }).then(() => watchItem(ctx, key, afterCard.value?.title ?? ''))}
          />,
          dock,
        );
        return dock;
      },
      onRemove(dock) {
        if (dock) render(null, dock);
      },
    });
    ui.mount();
  },
});
