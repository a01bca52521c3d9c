import { describe, expect, test } from 'vitest';
import { filesUnder, isTestFile, readSource } from './source-files';
import { pollingTimers } from './timers';

// Every message resets the service worker's idle timer: a page that asks on a timer keeps it awake for as
// long as the page is open. Pages follow the background's announcements instead (lib/changes.ts).
const PAGE_CODE = [...filesUnder('components', /\.tsx?$/), ...filesUnder('entrypoints', /\.tsx?$/).filter((path) => !path.startsWith('entrypoints/background/'))].filter(
  (path) => !isTestFile(path),
);

describe('no polling in pages or the content script', () => {
  test('no setInterval, and no setTimeout that sends a message', () => {
    expect(PAGE_CODE.length).toBeGreaterThan(40);
    const found = PAGE_CODE.flatMap((path) => pollingTimers(path, readSource(path)).map(({ line, what }) => `${path}:${line}: ${what}`));
    expect(found).toEqual([]);
  });
});

describe('the rule itself', () => {
  const check = (text: string) => pollingTimers('x.tsx', text).map(({ line, what }) => `${line}: ${what}`);

  test('finds an interval, a timer that asks, and one that asks through a function it names', () => {
    const found = check(
      [
        'const timer = setInterval(() => void refreshStatus(), 5_000);',
        "const load = () => Promise.all([ask({ type: 'inbox.list', limit: 500 })]);",
        'setTimeout(() => void load(), 3_000);',
        "async function tick() { const s = await ask({ type: 'userSync.state' }); if (s) setTimeout(tick, 700); }",
        "ctx.setTimeout(() => browser.runtime.sendMessage({ type: 'status' }), 1_500);",
        'setTimeout(() => journalRows.refresh(), 1_000);',
      ].join('\n'),
    );
    expect(found).toEqual([
      '1: setInterval',
      '3: setTimeout whose callback calls ask',
      '4: setTimeout whose callback calls ask',
      '5: setTimeout whose callback calls sendMessage',
      '6: setTimeout whose callback calls refresh',
    ]);
  });

  test('a timer that only changes the page is fine', () => {
    const found = check(
      [
        'const timer = setTimeout(() => setLint(lintTemplate(value, kind)), LINT_DELAY_MS);',
        'setTimeout(() => (toast.value = null), 6_000);',
        "const ask = () => 1; const hide = () => (shown.value = false); setTimeout(hide, 300); void ask;",
      ].join('\n'),
    );
    expect(found).toEqual([]);
  });
});
