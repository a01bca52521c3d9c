import { afterAll, beforeAll } from 'vitest';
import { launchExtension, type ExtensionBrowser, type LaunchOptions } from './harness';

/** The extension in a fresh profile for a test file: launched before its tests, closed after them. */
export function useExtension(options: LaunchOptions = {}): ExtensionBrowser {
  const browser = {} as ExtensionBrowser;
  beforeAll(async () => {
    Object.assign(browser, await launchExtension(options));
  });
  afterAll(async () => {
    await browser.close?.();
  });
  return browser;
}
