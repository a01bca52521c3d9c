import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { openDb } from '@/lib/db';
import { createRouter } from './router';
import { createOffscreenRenderer } from './offscreen-renderer';

export default defineBackground(() => {
  const db = openDb();
  const renderer = createOffscreenRenderer();
  const route = createRouter({ db, renderer });

  // Registered synchronously so a message that wakes the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if ((message as { target?: unknown } | null)?.target === 'offscreen') return false;
    route(message, sender).then(sendResponse);
    return true;
  });
});
