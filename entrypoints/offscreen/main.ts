import { browser } from 'wxt/browser';
import { createSandboxFrame } from '@/lib/templates/sandbox-frame';
import { isOffscreenRenderMessage } from '@/lib/templates/offscreen-protocol';

// A relay: the background's render requests go to the sandbox iframe and the results come back.
const sandbox = createSandboxFrame(document, browser.runtime.getURL('/templates.html'));

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== browser.runtime.id || !isOffscreenRenderMessage(message)) return false;
  sandbox.render(message.request).then(sendResponse);
  return true;
});
