import { browser } from 'wxt/browser';
import { VOLATILE_PREFIX, type VolatileSecrets } from '@/lib/volatile-secrets';

/**
 * An operator's own credentials in `chrome.storage.session`: memory only, gone after a browser restart, and
 * not readable by content scripts (the area's default access level is TRUSTED_CONTEXTS, which this code
 * never widens).
 */
export function storageSessionSecrets(): VolatileSecrets {
  const area = browser.storage.session;
  return {
    async get(key) {
      const value = (await area.get(key))[key];
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value) {
      await area.set({ [key]: value });
    },
    async delete(keys) {
      if (keys.length > 0) await area.remove(keys);
    },
    async keys() {
      return Object.keys(await area.get(null)).filter((k) => k.startsWith(VOLATILE_PREFIX));
    },
  };
}
