import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { ConfigStore } from '@/lib/config-store';
import { openDb } from '@/lib/db';
import { PipelineRunner } from '@/lib/pipeline/runner';
import { createRouter } from './router';
import { inProcessRenderer } from '@/lib/templates/engine';
import { onAlarm, syncPollAlarm, wakeups } from './alarms';
import { applyManagedConfig } from '@/lib/managed-config';
import { resumeUserSync, runNightlySync, scheduleNightlySync } from './user-sync';
import { CheckSession } from '@/lib/check-session';
import { ConnectionTracker } from '@/lib/connection/tracker';
import { outcomeOfReport } from '@/lib/connection/state';
import { NetErrorLog } from '@/lib/connection/net-failure';
import { runScheduledCheck, scheduleDailyCheck } from './integration-check';
import { storageSessionSecrets } from './session-secrets';
import { startAnnouncing } from './announce';
import { noteItemWatcher } from './item-watchers';
import { loadLocaleCatalog } from './locale-catalog';

export default defineBackground(() => {
  // Both languages of lib's phrases (ApiError.text) come from the extension's own locale files.
  void loadLocaleCatalog().catch(() => undefined);
  const db = openDb();
  // Pages listen instead of polling: every committed write is announced (entrypoints/background/announce.ts).
  const changes = startAnnouncing(db.name);
  // An operator's own credentials stay in memory (storage.session); a coordinator's integration ones in IndexedDB.
  const config = new ConfigStore(db, undefined, storageSessionSecrets());
  // Templates render right here: the interpreter evaluates no strings as code (lib/templates/engine.ts).
  const renderer = inProcessRenderer;
  // A fresh owner per service-worker life: leases of a killed worker simply run out.
  const owner = `sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const runner = new PipelineRunner({ db, config, renderer, wakeups, owner });
  const check = new CheckSession(db, config);
  const connections = new ConnectionTracker(db, Date.now, () => changes.announce('status'));
  check.onReport = async (report) => {
    for (const service of ['autocrm', 'callgear'] as const) {
      const outcome = outcomeOfReport(report, service);
      if (outcome) await connections.record(service, outcome);
    }
  };
  // Chromium names the network error of a failed request (DNS, refused, certificate…) only here.
  const netErrors = new NetErrorLog();
  browser.webRequest.onErrorOccurred.addListener((d) => netErrors.note(d.url, d.error, Date.now()), { urls: ['<all_urls>'] });
  const onSettingsChanged = async () => {
    await syncPollAlarm(config, { replace: false });
    await scheduleNightlySync(config);
    await scheduleDailyCheck(config);
  };
  const route = createRouter({ db, config, renderer, runner, check, onSettingsChanged, connections, netErrors });

  // Every listener is registered synchronously, so an event that wakes the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // A tab that asked for an item is its watcher before it has the answer: no change falls in between.
    route(message, sender).then(async (reply) => {
      await noteItemWatcher(message, sender, reply).catch(() => undefined);
      sendResponse(reply);
    });
    return true;
  });
  // A worker stopped mid-step leaves leased items (and perhaps a user sync); this life carries them on.
  void runner.run('none');
  void resumeUserSync(db, config).catch(() => undefined);
  browser.alarms.onAlarm.addListener(onAlarm(runner, config, { resume: () => resumeUserSync(db, config), nightly: () => runNightlySync(db, config) }, () => runScheduledCheck(check, config)));
  const applyPolicy = () =>
    browser.storage.managed
      .get()
      .then((managed) => applyManagedConfig(db, config, managed))
      .catch(() => undefined); // no policy on this machine
  browser.storage.onChanged.addListener((_, area) => area === 'managed' && void applyPolicy());
  browser.runtime.onInstalled.addListener(() => {
    void onSettingsChanged();
    void applyPolicy();
  });
  browser.runtime.onStartup.addListener(() => {
    void onSettingsChanged();
    void applyPolicy();
    void runner.run('changed'); // catch up on what arrived while the browser was closed
  });
});
