// Flat with history, in Chromium: the status, the Журнал's first page and a claim with an empty store, a
// store holding one page, and 100,000 finished + 10,000 waiting items; and how long the options page takes
// to open on the Журнал with that store. The store is the extension's own IndexedDB, seeded from one of its
// pages with the product's store code (browser-store.ts, bundled here with esbuild).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchExtension, sendFromPage, type ExtensionBrowser } from '../e2e/harness';
import type { InboxItem } from '@/lib/db';
import { LEASE_MS } from '@/lib/pipeline/inbox';
import { JOURNAL_PAGE } from '@/lib/journal/query';
import type { BenchRow } from './store-bench';

const FINISHED = Number(process.env.BENCH_STORE_FINISHED ?? 100_000);
const WAITING = Number(process.env.BENCH_STORE_WAITING ?? 10_000);
const REPS = Number(process.env.BENCH_STORE_REPS ?? 9);
const PAGE = JOURNAL_PAGE; // what the Журнал asks for first (components/models/pages.ts)
const CLAIM = 6; // the default parallelism: one claim for every free slot

const root = fileURLToPath(new URL('../..', import.meta.url));

async function storeScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser-store.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    plugins: [{ name: 'at-alias', setup: (b) => b.onResolve({ filter: /^@\// }, async (args) => b.resolve(`./${args.path.slice(2)}`, { resolveDir: root, kind: args.kind })) }],
  });
  return result.outputFiles[0]!.text;
}

const progress = (what: string) => { if (process.env.BENCH_VERBOSE) console.error(`[store ${new Date().toISOString().slice(11, 19)}] ${what}`); };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(reps: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let rep = -2; rep < reps; rep++) {
    const started = performance.now();
    await run();
    if (rep >= 0) times.push(performance.now() - started);
  }
  return median(times);
}

interface Costs {
  status: number;
  firstPage: number;
  /** The first page's reply as JSON, in bytes: what crosses the extension's messaging each time. */
  firstPageBytes: number;
  claim: number;
}

/** What the options page sees: a status and a first page through the worker; a claim on the same store. */
async function costs(page: Page): Promise<Costs> {
  const status = await timed(REPS, () => sendFromPage(page, { type: 'status' }));
  // The Журнал's own message: its first page of rows, no filter.
  const firstPageMessage = { type: 'journal.rows', limit: PAGE };
  const firstPage = await timed(REPS, () => sendFromPage(page, firstPageMessage));
  const firstPageBytes = Buffer.byteLength(JSON.stringify(await sendFromPage(page, firstPageMessage)));
  const claims: number[] = [];
  for (let rep = -2; rep < REPS; rep++) {
    const ms = await page.evaluate(([limit, lease]) => (globalThis as unknown as { benchStore: { claim(l: number, m: number): Promise<number> } }).benchStore.claim(limit, lease), [CLAIM, LEASE_MS] as const);
    if (rep >= 0) claims.push(ms);
  }
  return { status, firstPage, firstPageBytes, claim: median(claims) };
}

/**
 * Notes, in an extension page, when each message to the worker was sent and answered and when the
 * document was parsed (ms since the page's time origin): where the options page's first second goes.
 */
function notePageTimings() {
  const notes: string[] = [];
  (globalThis as unknown as { pageTimings: string[] }).pageTimings = notes;
  const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
  const send = runtime?.sendMessage?.bind(runtime);
  if (runtime && send) {
    runtime.sendMessage = (...args: unknown[]) => {
      const sent = Math.round(performance.now());
      const answer = send(...args);
      const type = (args[0] as { type?: string } | undefined)?.type;
      void Promise.resolve(answer).finally(() => notes.push(`${type} ${sent}→${Math.round(performance.now())}`));
      return answer;
    };
  }
  document.addEventListener('DOMContentLoaded', () => {
    notes.push(`parsed ${Math.round(performance.now())}`);
    const drawn = new MutationObserver(() => {
      if (!document.querySelector('.cg-journal tbody tr[data-testid^="activity-"]')) return;
      const at = performance.now();
      (globalThis as unknown as { firstRowDrawn: number }).firstRowDrawn = at;
      notes.push(`first row drawn ${Math.round(at)}`);
      drawn.disconnect();
    });
    drawn.observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * From options.html#activity opened to the Журнал's first communication drawn (not the empty table's
 * placeholder), by the page's own clock (navigation start to the row in the DOM); `wallMs` is the same
 * seen from here, which adds Playwright's polling of the locator (up to half a second).
 */
async function openJournal(browser: ExtensionBrowser): Promise<{ ms: number; wallMs: number; timings: string }> {
  const page = await browser.context.newPage();
  const started = performance.now();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#activity`);
  await page.locator('.cg-journal tbody tr[data-testid^="activity-"]').first().waitFor({ timeout: 30_000 });
  const wallMs = performance.now() - started;
  const { drawn, timings } = await page.evaluate(() => {
    const g = globalThis as unknown as { pageTimings?: string[]; firstRowDrawn?: number };
    return { drawn: g.firstRowDrawn, timings: g.pageTimings?.join(', ') ?? '' };
  });
  await page.close();
  return { ms: drawn ?? wallMs, wallMs, timings };
}

export async function chromiumStoreBench(templates: InboxItem[]): Promise<{ rows: BenchRow[]; detail: string[] }> {
  // No accounts: the worker answers the pages but processes nothing, so the seeded items stay as they are.
  const browser = await launchExtension();
  await browser.context.addInitScript(notePageTimings);
  // The popup, not the options page: an open Журнал fetches and redraws its rows on every inbox
  // announcement, which would time the redraws instead of the store.
  const page = await browser.openPopup();
  if (process.env.BENCH_VERBOSE) page.on('console', (m) => progress(`page: ${m.text()}`));
  await page.evaluate(await storeScript());
  const seedAndCount = (finished: number, waiting: number, dueEvery: number, firstId: number) =>
    page.evaluate(async (args: unknown[]) => {
      const store = (globalThis as unknown as { benchStore: { seed(...a: unknown[]): Promise<void>; count(): Promise<number> } }).benchStore;
      const [t, f, w, d, id] = args;
      await store.seed(t, f, w, Date.now(), d, id);
      return store.count();
    }, [templates as unknown, finished, waiting, dueEvery, firstId]);

  progress('store code loaded');
  const empty = await costs(page);
  progress('empty measured');
  const onePageDue = (REPS + 2) * CLAIM;
  await seedAndCount(PAGE, onePageDue, 1, 10_000_000);
  const onePage = await costs(page);
  progress('one page measured');
  const { ms: openOnePage } = await openJournal(browser);
  const seedStarted = performance.now();
  const total = await seedAndCount(FINISHED, WAITING, 5, 20_000_000);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  progress('large seeded');
  const large = await costs(page);
  const opens = [await openJournal(browser), await openJournal(browser), await openJournal(browser)];
  const medianOpen = [...opens].sort((a, b) => a.ms - b.ms)[1]!;
  const openLarge = medianOpen.ms;
  // The same store measured again after the opens: Chromium's IndexedDB keeps compacting for a while
  // after a large write, so the first measure right after seeding can be slower than the store is.
  const largeLater = await costs(page);
  await browser.close();

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ratio = (x: number, y: number) => x / Math.max(y, 1e-3);
  const size = `${FINISHED / 1000}k + ${WAITING / 1000}k`;
  const rows: BenchRow[] = [
    [`status, ${size} store vs empty (Chromium)`, `${ms(large.status)} vs ${ms(empty.status)}: ${ratio(large.status, empty.status).toFixed(2)}×`, '≤ 1.5×', ratio(large.status, empty.status) <= 1.5],
    [`Журнал first page (${PAGE}), ${size} vs one page (Chromium)`, `${ms(large.firstPage)} vs ${ms(onePage.firstPage)}: ${ratio(large.firstPage, onePage.firstPage).toFixed(2)}× (empty: ${ms(empty.firstPage)})`, '≤ 1.5×', ratio(large.firstPage, onePage.firstPage) <= 1.5],
    [`claim of ${CLAIM}, ${size} vs one page + ${onePageDue} due (Chromium)`, `${ms(large.claim)} vs ${ms(onePage.claim)}: ${ratio(large.claim, onePage.claim).toFixed(2)}× (empty: ${ms(empty.claim)})`, '≤ 1.5×', ratio(large.claim, onePage.claim) <= 1.5],
    [`options page opens on the Журнал, ${size} store (Chromium; navigation to the first row drawn)`, `${ms(openLarge)} (one page: ${ms(openOnePage)})`, '< 1 s', openLarge < 1000],
  ];
  const detail = [
    `Chromium store: ${total.toLocaleString('en')} items after seeding ${size} in ${seedSeconds.toFixed(1)} s (the extension's own IndexedDB, product's Dexie schema). Medians of ${REPS}: status and first page are messages to the worker from the popup page, a claim is Inbox.claim run in that page on the same database.`,
    `| operation | empty | one page + ${onePageDue} due | ${size} |`,
    '|---|---|---|---|',
    `| status | ${ms(empty.status)} | ${ms(onePage.status)} | ${ms(large.status)} |`,
    `| Журнал first page | ${ms(empty.firstPage)} | ${ms(onePage.firstPage)} | ${ms(large.firstPage)} |`,
    `| claim of ${CLAIM} | ${ms(empty.claim)} | ${ms(onePage.claim)} | ${ms(large.claim)} |`,
    `| the same three on ${size}, measured again after the options page opened 3 times | | | status ${ms(largeLater.status)}, first page ${ms(largeLater.firstPage)}, claim ${ms(largeLater.claim)} |`,
    `| Журнал first page reply (JSON) | ${kb(empty.firstPageBytes)} | ${kb(onePage.firstPageBytes)} | ${kb(large.firstPageBytes)} |`,
    '',
    `Options page opening on the Журнал, ${size} store, the median of 3 (ms since the page's start; message sent→answered): ${medianOpen.timings}. Seen from Playwright: ${ms(medianOpen.wallMs)}.`,
  ];
  return { rows, detail };
}
