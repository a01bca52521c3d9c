import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Reply } from '@/lib/messages';
import { CALLGEAR_KEYS, CALLGEAR_OPERATOR_LOGIN } from '../sim/callgear/server';
import type { RunningServer } from '../sim/serve';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-sim');
export const CHROMIUM = '/usr/bin/chromium';

/** Every simulated host name resolves to loopback; the production match patterns stay unchanged. */
/** `unknown-dealer.autocrm.ru` does not resolve at all: a DNS failure, as for a mistyped address. */
export const UNRESOLVED_HOST = 'unknown-dealer.autocrm.ru';
export const HOST_RULES = [`${UNRESOLVED_HOST} ~NOTFOUND`, '*.autocrm.ru', '*.callgear.com', '*.uiscom.ru', '*.comagic.ru', '*.example.test']
  .map((rule) => (rule.includes(' ') ? `MAP ${rule}` : `MAP ${rule} 127.0.0.1`))
  .join(', ');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  openOptions(hash?: string): Promise<Page>;
  openPopup(): Promise<Page>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile (to restart "the same browser"); a fresh temp profile otherwise. */
  userDataDir?: string;
  /** Browser UI language, which picks the extension's locale. */
  lang?: 'ru' | 'en';
  /** Headless unless told otherwise (the demo shows a window when a display is available). */
  headless?: boolean;
}

/** Debian's Chromium, headless, with the built extension loaded: the way a user's Chrome runs it. */
export async function launchExtension({ userDataDir, lang = 'ru', headless = true }: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const profile = userDataDir ?? mkdtempSync(join(tmpdir(), 'cg-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    ignoreHTTPSErrors: true,
    locale: lang,
    viewport: { width: 1280, height: 800 },
    // On Linux, Chromium takes its UI language (and so the extension's locale) from the environment.
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'ru' ? 'ru_RU.UTF-8' : 'en_US.UTF-8' },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=${HOST_RULES}`,
      `--lang=${lang}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await serviceWorker()).url()).host;

  const openPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };

  return {
    context,
    extensionId,
    userDataDir: profile,
    serviceWorker,
    openOptions: (hash = '') => openPage(`options.html${hash}`),
    openPopup: () => openPage('popup.html'),
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !userDataDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Sends a message to the background from an extension page: the same path the product's UI uses. */
export function sendFromPage<T>(page: Page, message: unknown): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/** Asks the background from a short-lived options page and unwraps the reply (throws with its message). */
export async function askBackground<T>(browser: ExtensionBrowser, message: unknown): Promise<T> {
  const page = await browser.openOptions();
  try {
    const reply = await sendFromPage<Reply<T>>(page, message);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value;
  } finally {
    await page.close();
  }
}

/** Makes this browser a coordinator, the only role that may hold the integration's credentials. */
export const BECOME_COORDINATOR = { type: 'settings.save', settings: { installation: { role: 'coordinator', employeeId: null, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } } };

/**
 * What an admin does on a coordinator: choose the role, then the two `accounts.save` messages of the Accounts
 * dialog with the integration's credentials, pointed at the TLS simulators.
 */
export function simulatorAccounts(autocrm: RunningServer, callgear: RunningServer, names = { autocrm: 'Север', callgear: 'CallGear' }) {
  return [BECOME_COORDINATOR, ...integrationAccounts(autocrm, callgear, names)];
}

/** The integration's accounts alone (refused on an operator installation). */
export function integrationAccounts(autocrm: RunningServer, callgear: RunningServer, names = { autocrm: 'Север', callgear: 'CallGear' }) {
  return [
    { type: 'accounts.save', account: { kind: 'autocrm', name: names.autocrm, url: autocrm.url('sever.autocrm.ru'), auth: 'bearer', secret: 'sim-key-integration' } },
    {
      type: 'accounts.save',
      account: {
        kind: 'callgear', name: names.callgear, brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent,
        dataApiUrl: `${callgear.url('dataapi.callgear.com')}/v2.0`, callApiUrl: `${callgear.url('callapi.callgear.com')}/v4.0`,
      },
    },
  ];
}

/**
 * What an operator (Анна Петрова, AutoCRM user 42, CallGear employee 9001) saves in the Accounts dialog: her
 * own AutoCRM login and password, and her own CallGear login and password (the Softphone's).
 */
export function operatorAccounts(autocrm: RunningServer, callgear: RunningServer, names = { autocrm: 'Север', callgear: 'CallGear' }) {
  return [
    { type: 'accounts.save', account: { kind: 'autocrm', name: names.autocrm, url: autocrm.url('sever.autocrm.ru'), auth: 'basic', login: 'petrova', secret: 'petrova-pass' } },
    {
      type: 'accounts.save',
      account: {
        kind: 'callgear', name: names.callgear, brand: 'callgear', auth: 'login', login: CALLGEAR_OPERATOR_LOGIN.login, secret: CALLGEAR_OPERATOR_LOGIN.password,
        dataApiUrl: `${callgear.url('dataapi.callgear.com')}/v2.0`, callApiUrl: `${callgear.url('callapi.callgear.com')}/v4.0`,
      },
    },
  ];
}
