import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ask } from '@/components/shared/useBackground';
import { parseSoftphoneMessage, type SoftphoneEvent } from '@/lib/softphone/events';

/**
 * The one place that listens to the CallGear Softphone on the page (docs/softphone-events.md): page
 * messages from this window, of the contract's shape, go to the background as `softphone.event`.
 * Everything in them is untrusted page data; the background validates it again.
 */
export function startSoftphoneBridge(ctx: ContentScriptContext, onEvent: (event: SoftphoneEvent) => void = () => undefined): void {
  ctx.addEventListener(window, 'message', (event: MessageEvent) => {
    if (event.source !== window || event.origin !== location.origin) return;
    const parsed = parseSoftphoneMessage(event.data);
    if (!parsed) return;
    onEvent(parsed);
    ask({ type: 'softphone.event', event: parsed }).catch(() => undefined);
  });
}
