import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { SoftphoneToggle } from '@/components/overlay/SoftphoneToggle';
import { startSoftphoneBridge } from './softphone-bridge';
import './style.css';

export const SHADOW_HOST_NAME = 'callgear-autocrm';

export default defineContentScript({
  matches: ['https://*.autocrm.ru/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    startSoftphoneBridge(ctx);
    const ui = await createShadowRootUi(ctx, {
      name: SHADOW_HOST_NAME,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      onMount(container) {
        const dock = document.createElement('div');
        dock.className = 'cg-dock';
        container.append(dock);
        render(<SoftphoneToggle />, dock);
        return dock;
      },
      onRemove(dock) {
        if (dock) render(null, dock);
      },
    });
    ui.mount();
  },
});
