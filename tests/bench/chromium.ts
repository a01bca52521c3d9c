// Helpers for the Chromium half of `npm run bench`: a connected extension and a backlog run.
import { launchExtension, operatorAccounts, sendFromPage, simulatorAccounts, type ExtensionBrowser } from '../e2e/harness';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import { startCallGearSim, type CallGearSim } from '../sim/callgear/server';
import { accountNow } from '../sim/callgear/fixtures';
import type { RunningServer } from '../sim/serve';
import { TEST_RULES } from '../integration/pipeline-harness';
import { profileWorker } from './worker-cdp';

export interface Sims {
  autocrm: { sim: AutocrmSim; server: RunningServer };
  callgear: { sim: CallGearSim; server: RunningServer };
  origin: string;
}

export async function startTlsSims(): Promise<Sims> {
  const autocrm = await startAutocrmSim({ tls: true });
  const callgear = await startCallGearSim({ tls: true });
  return { autocrm, callgear, origin: autocrm.server.url('sever.autocrm.ru') };
}

/** A fresh profile with both accounts, the test rules, and this installation's role. */
export async function connectedExtension(sims: Sims, installation: Record<string, unknown>): Promise<{ browser: ExtensionBrowser; ask: (message: object) => Promise<unknown> }> {
  const browser = await launchExtension();
  const page = await browser.openOptions();
  const ask = (message: object) => sendFromPage(page, message);
  for (const message of simulatorAccounts(sims.autocrm.server, sims.callgear.server)) await ask(message);
  await ask({ type: 'rules.save', kind: 'incomingCalls', ruleSet: TEST_RULES.incomingCalls });
  await ask({ type: 'settings.save', settings: { installation: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0, ...installation } } });
  // An operator holds no integration key (becoming one removed them): it signs in as its own person.
  if ((installation.role ?? 'operator') === 'operator') for (const message of operatorAccounts(sims.autocrm.server, sims.callgear.server)) await ask(message);
  return { browser, ask };
}

const inquiries = (sims: Sims) => sims.autocrm.sim.createdOf('leads/request').length;

/**
 * N answered calls waiting in CallGear, processed by the extension in Chromium (intake included) with
 * AutoCRM answering after `latencyMs`, `parallel` communications at a time, from one "process now" on.
 * `nudges` counts the times the bench had to ask again. Leaves the browser open.
 */
export async function chromiumBacklog(sims: Sims, n: number, latencyMs: number, parallel: number, options: { profile?: boolean } = {}) {
  sims.autocrm.sim.reset();
  sims.callgear.sim.reset();
  for (let i = 0; i < n; i++) sims.callgear.sim.addCall({ employeeId: 9001, campaignId: i % 2 ? 701 : null, contact: `7904${String(3_000_000 + i).padStart(7, '0')}`, start: accountNow().minus({ minutes: 60 - (i % 50) }) });
  const { browser, ask } = await connectedExtension(sims, { parallelRequests: parallel });
  sims.autocrm.sim.setFaults({ latencyMs });
  const requestsBefore = sims.autocrm.sim.log.length;
  const stopProfile = options.profile ? await profileWorker(browser) : null;
  const started = performance.now();
  // One "process now", as an admin would: the runner goes on by itself while items are due. Should it stall
  // (no new inquiry for 5 s), the bench asks again and counts it: a stall is a finding, not noise.
  await ask({ type: 'pipeline.run', poll: 'all' }).catch(() => undefined);
  let nudges = 0;
  let last = { count: inquiries(sims), at: performance.now() };
  while (inquiries(sims) < n && performance.now() - started < 900_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const count = inquiries(sims);
    if (count !== last.count) last = { count, at: performance.now() };
    else if (performance.now() - last.at > 5_000) {
      nudges++;
      last = { count, at: performance.now() };
      await ask({ type: 'pipeline.run', poll: 'none' }).catch(() => undefined);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const profile = stopProfile ? await stopProfile() : null;
  sims.autocrm.sim.setFaults({ latencyMs: 0 });
  const processed = inquiries(sims);
  // AutoCRM requests actually made during the run: the physical floor is these × latency ÷ parallelism.
  const autocrmRequests = sims.autocrm.sim.log.length - requestsBefore;
  return { browser, processed, seconds, perSecond: processed / seconds, autocrmRequests, profile, nudges };
}
