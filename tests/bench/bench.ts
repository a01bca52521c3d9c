// `npm run bench`: the numbers of docs/performance.md, printed as one table. Never run by npm test.
// BENCH_N sets the backlog size (default 1000); BENCH_LATENCY_CALLS the Chromium latency sample (default 50).
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { startAutocrmSim } from '../sim/autocrm/server';
import { CALLGEAR_KEYS, startCallGearSim } from '../sim/callgear/server';
import { accountNow } from '../sim/callgear/fixtures';
import { createPipeline, TestClock, TEST_RULES } from '../integration/pipeline-harness';
import { chromiumBacklog, connectedExtension, serviceWorkerHeap, startTlsSims } from './chromium';
import { ConfigStore } from '@/lib/config-store';
import { openDb } from '@/lib/db';
import { PipelineRunner } from '@/lib/pipeline/runner';
import { DEFAULT_INSTALLATION } from '@/lib/pipeline/config';
import { ASSUMED_DAY_LIMIT, DEFAULT_BUDGET_SHARE, idlePointsPerDay } from '@/lib/callgear/budget';
import { benchIntegrationCheck, checkBenchRow } from './integration-check-bench';
import { benchTemplateRender, NUNJUCKS_BEFORE_US } from './template-bench';
import { render } from '@/lib/templates/engine';
import { storeBench } from './store-bench';

const N = Number(process.env.BENCH_N ?? 1000);
const LATENCY_CALLS = Number(process.env.BENCH_LATENCY_CALLS ?? 50);
const rows: [string, string, string, string][] = [];
const report = (what: string, value: string, target: string, met: boolean | null) => rows.push([what, value, target, met === null ? '—' : met ? 'met' : 'NOT met']);

const autocrm = await startAutocrmSim();
const callgear = await startCallGearSim();

/** Processes an N-communication backlog with the pipeline at a given concurrency; returns communications/s. */
async function backlog(latencyMs: number, concurrency: number) {
  autocrm.sim.reset();
  callgear.sim.reset();
  for (let i = 0; i < N; i++) callgear.sim.addCall({ employeeId: 9001, campaignId: i % 2 ? 701 : null, contact: `7926${String(1_000_000 + i).padStart(7, '0')}`, start: accountNow().minus({ minutes: 60 - (i % 50) }) });
  const clock = new TestClock();
  const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES });
  await p.pollAll();
  const pointsForIntake = p.callgear.pointsUsed;
  autocrm.sim.setFaults({ latencyMs });
  const started = performance.now();
  let done = 0;
  while (done < N) {
    const finished = await p.processor.drain({ owner: `bench-${concurrency}-${done}`, concurrency, budgetMs: 60 * 60_000 });
    done += finished;
    if (finished === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const entities = autocrm.sim.createdOf('leads/request').length;
  autocrm.sim.setFaults({ latencyMs: 0 });
  return { perSecond: done / seconds, seconds, requestsPerEntity: p.autocrm.requestCount / Math.max(1, entities), pointsPer100: (pointsForIntake / N) * 100, done };
}

for (const latency of [0, 50]) {
  const ours = await backlog(latency, 6);
  const baseline = await backlog(latency, 1);
  const ratio = ours.perSecond / baseline.perSecond;
  report(`backlog ${N}, AutoCRM latency ${latency} ms (Node)`, `${ours.perSecond.toFixed(1)}/s (${ours.done} in ${ours.seconds.toFixed(1)} s)`, latency ? '1000 in ≤ 60 s' : '≥ 100/s', latency ? 1000 / ours.perSecond <= 60 : ours.perSecond >= 100);
  report(`  sequential baseline, ${latency} ms`, `${baseline.perSecond.toFixed(1)}/s; ratio ${ratio.toFixed(1)}×`, latency ? '≥ 3×' : '—', latency ? ratio >= 3 : null);
  if (latency === 0) {
    report('  pipeline overhead per communication', `${(1000 / ours.perSecond).toFixed(1)} ms`, '≤ 10 ms', 1000 / ours.perSecond <= 10);
    report('AutoCRM requests per created inquiry', ours.requestsPerEntity.toFixed(2), '≤ 5', ours.requestsPerEntity <= 5);
    report('CallGear points per 100 communications (intake)', ours.pointsPer100.toFixed(2), '—', null);
  }
}

// An idle coordinator at default settings: one cheap poll a minute for an hour.
{
  callgear.sim.reset();
  autocrm.sim.reset();
  const db = openDb(`bench-idle-${Math.random()}`);
  const config = new ConfigStore(db);
  await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // integration keys are a coordinator's
  await config.saveAccount({ kind: 'autocrm', name: 'a', url: autocrm.server.url(), auth: 'bearer', secret: 'sim-key-integration' });
  await config.saveAccount({ kind: 'callgear', name: 'c', brand: 'callgear', auth: 'token', secret: CALLGEAR_KEYS.permanent, dataApiUrl: `${callgear.server.url()}/v2.0`, callApiUrl: `${callgear.server.url()}/v4.0` });
  const runner = new PipelineRunner({ db, config, renderer: { render: async () => ({ ok: true, text: '' }) }, wakeups: { wakeAt: () => undefined }, owner: 'idle' });
  await runner.run('changed'); // first contact: every kind is read once
  const before = callgear.sim.pointsUsed;
  for (let minute = 0; minute < 60; minute++) await runner.run('changed');
  const perHour = callgear.sim.pointsUsed - before;
  report('CallGear points per idle hour (coordinator, 60 s polls)', String(perHour), '≤ 60', perHour <= 60);
  // The same idle poll at the paced interval (lib/callgear/budget.ts), over a day, at default settings
  // against the only public day limit (1,000 points): what an idle coordinator spends per day now.
  const pointsPerPoll = Math.max(1, perHour / 60);
  const settings = await config.pipelineConfig();
  const day = idlePointsPerDay(
    { pollIntervalSec: settings.installation.pollIntervalSec, share: DEFAULT_BUDGET_SHARE, limits: null, pointsPerPoll, hours: settings.hours },
    Date.parse('2026-12-01T00:00:00Z'),
  );
  const quarter = ASSUMED_DAY_LIMIT * DEFAULT_BUDGET_SHARE;
  report(`idle coordinator CallGear points per day (default settings, ${ASSUMED_DAY_LIMIT}-point day limit)`, `${day.points.toFixed(0)} (${day.polls} polls × ${pointsPerPoll.toFixed(2)}; unpaced 60 s polls: ${(pointsPerPoll * 1440).toFixed(0)})`, `≤ ${quarter}`, day.points <= quarter);
}

// The integration check: how long it takes and what it costs in CallGear points.
{
  callgear.sim.reset();
  autocrm.sim.reset();
  report(...checkBenchRow(await benchIntegrationCheck(autocrm, callgear)));
}

// The store as the history grows (Node, fake-indexeddb): status, Журнал first page, claim; bytes kept.
{
  const store = await storeBench({ autocrm, callgear });
  for (const [what, value, target, met] of store.rows) report(what, value, target, met);
  console.log(store.detail.join('\n'));
}

// Footprint: gzipped size of what each entrypoint loads, from the production build.
{
  const out = '.output/chrome-mv3';
  const gz = (file: string) => gzipSync(readFileSync(join(out, file))).length;
  const scriptsOf = (html: string) => [...readFileSync(join(out, html), 'utf8').matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  if (!existsSync(join(out, 'manifest.json'))) throw new Error('Run `npm run build` first (the bench script does).');
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const content = gz('content-scripts/autocrm.js') + gz('content-scripts/autocrm.css');
  const background = gz('background.js');
  const options = scriptsOf('options.html').reduce((sum, f) => sum + gz(f), 0);
  report('gzip: content script', kb(content), '≤ 40 KB', content <= 40 * 1024);
  report('gzip: background', kb(background), '≤ 150 KB', background <= 150 * 1024);
  report('gzip: options page', kb(options), '≤ 250 KB', options <= 250 * 1024);
}

// Templates: the render cost per communication (its comment, source and sub-source), in-process.
{
  const after = benchTemplateRender((template, context) => render({ template, context }));
  report('template render per communication (Node, default templates)', `${after.toFixed(1)} µs (before: nunjucks ${NUNJUCKS_BEFORE_US} µs, plus 3 sandbox round trips in Chromium)`, '—', null);
}

// Chromium: the extension itself, over TLS to the simulators.
{
  const sims = await startTlsSims();

  // Latency: the softphone's "call ended" → the inquiry in the AutoCRM simulator.
  const { browser } = await connectedExtension(sims, {});
  const crm = await browser.context.newPage();
  await crm.goto(`${sims.origin}/clients/1`);
  await crm.waitForFunction(() => 'fakeSoftphone' in window);
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) {
    const call = sims.callgear.sim.addCall({ employeeId: 9001, contact: `7903${String(2_000_000 + i).padStart(7, '0')}` });
    const started = performance.now();
    await crm.evaluate((id) => {
      const p = (window as unknown as { fakeSoftphone: { incomingCall(o: object): void; end(): void } }).fakeSoftphone;
      p.incomingCall({ callSessionId: id, contact: '79030000000' });
      p.end();
    }, call.id);
    const marker = `callgear:call:${call.id}`;
    while (!sims.autocrm.sim.createdOf('leads/request').some((c) => (c.body as { external_id?: string }).external_id === marker)) {
      if (performance.now() - started > 30_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    samples.push(performance.now() - started);
  }
  await browser.close();
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
  report(`softphone "call ended" → inquiry, ${LATENCY_CALLS} calls (Chromium)`, `p50 ${(pct(50) / 1000).toFixed(2)} s, p95 ${(pct(95) / 1000).toFixed(2)} s`, 'p95 ≤ 3 s', pct(95) <= 3000);

  // Backlog: N calls waiting, each in a fresh profile; six at a time against one at a time.
  for (const latency of [0, 50]) {
    const ours = await chromiumBacklog(sims, N, latency, 6);
    if (latency === 50) {
      const heap = await serviceWorkerHeap(ours.browser);
      report(`service worker heap after ${ours.processed} processed (Chromium)`, `${(heap / 2 ** 20).toFixed(1)} MB`, '≤ 50 MB', heap <= 50 * 2 ** 20);
    }
    await ours.browser.close();
    const baseline = await chromiumBacklog(sims, N, latency, 1);
    await baseline.browser.close();
    const ratio = ours.perSecond / baseline.perSecond;
    const scaled = ours.seconds * (1000 / N);
    report(`backlog ${N}, AutoCRM latency ${latency} ms (Chromium, incl. intake)`, `${ours.perSecond.toFixed(1)}/s (${ours.processed} in ${ours.seconds.toFixed(1)} s)`, latency ? '1000 in ≤ 60 s' : '≥ 100/s', ours.processed >= N && (latency ? scaled <= 60 : ours.perSecond >= 100));
    report(`  one at a time, ${latency} ms (Chromium)`, `${baseline.perSecond.toFixed(1)}/s; ratio ${ratio.toFixed(1)}×`, latency ? '≥ 3×' : '—', latency ? ratio >= 3 : null);
    if (latency === 0) report('  pipeline overhead per communication (Chromium)', `${(1000 / ours.perSecond).toFixed(1)} ms`, '≤ 10 ms', 1000 / ours.perSecond <= 10);
  }
  await sims.autocrm.server.close();
  await sims.callgear.server.close();
}

await autocrm.server.close();
await callgear.server.close();

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'value', 'target', 'status'][i]!.length));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(line(['measure', 'value', 'target', 'status']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));
