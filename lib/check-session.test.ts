import { describe, expect, test } from 'vitest';
import { ConfigStore } from './config-store';
import { openDb, type InboxItem } from './db';
import { AUTOCRM_PAGES_KEY, CHECK_PROGRESS_KEY, CheckSession, installationFacts, noteAutocrmPage } from './check-session';
import type { CheckDeps } from './integration-check/run';
import type { CheckProgress, CheckReport } from './integration-check/types';
import { FOUND_BY_MARKER } from './pipeline/act';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T08:00:00Z');
const report = (startedAt: number): CheckReport => ({ startedAt, finishedAt: startedAt + 1_000, items: [], pointsUsed: 7 });
const step = (done: number): CheckProgress => ({ done, total: 3, current: { ru: `шаг ${done}`, en: `step ${done}` } });

function setup() {
  const db = openDb(`check-session-${Math.random()}`);
  return { db, config: new ConfigStore(db) };
}

/** A check the test lets finish when it wants, recording what it was given. */
function heldCheck() {
  const calls: CheckDeps[] = [];
  let finish!: (r: CheckReport) => void;
  let fail!: (e: Error) => void;
  let progress!: (p: CheckProgress) => void;
  const run = (deps: CheckDeps, onProgress?: (p: CheckProgress) => void) => {
    calls.push(deps);
    progress = (p) => onProgress?.(p);
    return new Promise<CheckReport>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { run, calls, finish: (r: CheckReport) => finish(r), fail: (e: Error) => fail(e), progress: (p: CheckProgress) => progress(p) };
}

const until = async (condition: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('CheckSession', () => {
  test('runs met at the same time join one check; its progress shows while it runs, its report stays as the last', async () => {
    const { db, config } = setup();
    const check = heldCheck();
    const session = new CheckSession(db, config, check.run, () => NOW);
    await expect(session.last()).resolves.toBeNull();

    const first = session.run();
    const second = session.run();
    await until(async () => check.calls.length > 0);
    check.progress(step(1));
    check.progress(step(2));
    await until(async () => (await session.progress())?.done === 2);
    await expect(session.progress()).resolves.toEqual(step(2));

    check.finish(report(NOW));
    await expect(first).resolves.toEqual(report(NOW));
    await expect(second).resolves.toEqual(report(NOW));
    expect(check.calls).toHaveLength(1);
    expect(check.calls[0]).toMatchObject({ callgear: null, autocrm: null, installation: { role: 'operator', coordinatorSeen: false, softphoneSeen: null } }); // a fresh installation is an operator
    await expect(session.last()).resolves.toEqual(report(NOW));
    await expect(config.pointsToday()).resolves.toBe(7); // the report's points count in today's use
    await expect(session.progress()).resolves.toBeNull();
    await expect(db.settings.get(CHECK_PROGRESS_KEY)).resolves.toEqual({ key: CHECK_PROGRESS_KEY, value: null });
  });

  test('a failed run keeps the previous report, clears its progress, and the next run checks again', async () => {
    const { db, config } = setup();
    const check = heldCheck();
    const session = new CheckSession(db, config, check.run, () => NOW);
    const ok = session.run();
    await until(async () => check.calls.length === 1);
    check.finish(report(NOW - DAY));
    await ok;

    const failing = session.run();
    await until(async () => check.calls.length === 2);
    check.progress(step(1));
    check.fail(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await expect(session.last()).resolves.toEqual(report(NOW - DAY));
    await expect(db.settings.get(CHECK_PROGRESS_KEY)).resolves.toEqual({ key: CHECK_PROGRESS_KEY, value: null });

    const again = session.run();
    await until(async () => check.calls.length === 3);
    check.finish(report(NOW));
    await expect(again).resolves.toEqual(report(NOW));
  });

  test('progress left by a worker stopped mid-run is not shown as a run under way', async () => {
    const { db, config } = setup();
    await db.settings.put({ key: CHECK_PROGRESS_KEY, value: step(2) });
    await expect(new CheckSession(db, config, heldCheck().run).progress()).resolves.toBeNull();
  });
});

describe('installationFacts', () => {
  const takenOver = (updatedAt: number) => ({ key: `call:${updatedAt}`, id: updatedAt, kind: 'call', state: 'done', reason: FOUND_BY_MARKER, updatedAt }) as unknown as InboxItem;

  test('an operator hears of a coordinator only from its own communication found already created, within two weeks', async () => {
    const { db } = setup();
    await expect(installationFacts(db, 'coordinator', NOW)).resolves.toMatchObject({ coordinatorSeen: true });
    await expect(installationFacts(db, 'operator', NOW)).resolves.toMatchObject({ role: 'operator', coordinatorSeen: false });
    await db.inbox.put(takenOver(NOW - 20 * DAY));
    await expect(installationFacts(db, 'operator', NOW)).resolves.toMatchObject({ coordinatorSeen: false });
    await db.inbox.put(takenOver(NOW - DAY));
    await expect(installationFacts(db, 'operator', NOW)).resolves.toMatchObject({ coordinatorSeen: true });
  });

  test('the softphone is unknown until an AutoCRM page speaks, absent if only pages spoke, seen once it spoke itself', async () => {
    const { db } = setup();
    await expect(installationFacts(db, 'operator', NOW)).resolves.toMatchObject({ softphoneSeen: null });
    await noteAutocrmPage(db, false, NOW - DAY);
    await expect(installationFacts(db, 'operator', NOW)).resolves.toMatchObject({ softphoneSeen: false });
    await noteAutocrmPage(db, true, NOW - DAY);
    await noteAutocrmPage(db, false, NOW);
    await expect(installationFacts(db, 'operator', NOW)).resolves.toMatchObject({ softphoneSeen: true });
    await expect(db.settings.get(AUTOCRM_PAGES_KEY)).resolves.toMatchObject({ value: { pageAt: NOW, softphoneAt: NOW - DAY } });
    await expect(installationFacts(db, 'operator', NOW + 15 * DAY)).resolves.toMatchObject({ softphoneSeen: null });
  });
});
