// The pipeline's own overhead in Chromium, alone: a backlog at 0 ms AutoCRM latency with the worker
// profiled (the "Overhead" row of `npm run bench`, without the rest of the bench). Needs the simulator
// build with source maps: `BUNDLE_SOURCEMAP=1 npx wxt build --mode sim`. Then `npx tsx tests/bench/overhead.ts`;
// OVERHEAD_N sets the backlog (default 100), OVERHEAD_PARALLEL the slots (default 6), OVERHEAD_LATENCY_MS
// AutoCRM's latency (default 0; at 50 ms it is the bench's "Backlog" run, with its floor). Never asserts on time.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromiumBacklog, startTlsSims } from './chromium';
import { SIM_SOURCE_MAP, workerTime } from './worker-time';

const N = Number(process.env.OVERHEAD_N ?? 100);
const PARALLEL = Number(process.env.OVERHEAD_PARALLEL ?? 6);
const LATENCY_MS = Number(process.env.OVERHEAD_LATENCY_MS ?? 0);

if (!existsSync('.output/chrome-mv3-sim/manifest.json')) throw new Error('Build first: BUNDLE_SOURCEMAP=1 npx wxt build --mode sim');
if (!existsSync(SIM_SOURCE_MAP)) console.error('No source map: frames of background.js are not named by source (build with BUNDLE_SOURCEMAP=1).');

const load = loadavg().map((l) => l.toFixed(1)).join(' ');
const sims = await startTlsSims();
const run = await chromiumBacklog(sims, N, LATENCY_MS, PARALLEL, { profile: true });
await run.browser.close();
// AutoCRM requests of the run by method and path (ids folded), per communication.
const byPath = new Map<string, number>();
for (const r of sims.autocrm.sim.log.slice(sims.autocrm.sim.log.length - run.autocrmRequests)) {
  const key = `${r.method} ${r.path.replace(/\/\d+/g, '/:id')}`;
  byPath.set(key, (byPath.get(key) ?? 0) + 1);
}
await sims.autocrm.server.close();
await sims.callgear.server.close();

const overhead = (run.seconds * 1000) / Math.max(1, run.processed);
console.log(`load average before: ${load}; after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${run.processed} of ${N} in ${run.seconds.toFixed(1)} s at ${LATENCY_MS} ms, ${PARALLEL} at a time (intake included; one "process now", asked again ${run.nudges}× after 5 s without progress)`);
if (LATENCY_MS > 0) {
  const floor = (run.autocrmRequests * LATENCY_MS) / 1000 / PARALLEL;
  console.log(`floor: ${run.autocrmRequests} AutoCRM requests × ${LATENCY_MS} ms ÷ ${PARALLEL} = ${floor.toFixed(1)} s; ${(run.seconds / floor).toFixed(2)}× the floor`);
}
console.log(`${LATENCY_MS > 0 ? 'time' : 'overhead'} per communication: ${overhead.toFixed(1)} ms (${run.perSecond.toFixed(1)}/s); AutoCRM requests each: ${(run.autocrmRequests / Math.max(1, run.processed)).toFixed(2)}`);
console.log(`AutoCRM requests per communication: ${[...byPath].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${(n / Math.max(1, run.processed)).toFixed(2)}`).join('; ')}`);
if (run.profile) {
  const t = workerTime(run.profile, run.processed);
  const busy = t.perItem.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`worker profile: ${t.sampledSeconds.toFixed(1)} s sampled, idle ${(t.idleShare * 100).toFixed(0)}%, busy ${busy.toFixed(1)} ms per communication`);
  console.log('self time per communication:');
  for (const [name, ms] of t.perItem.slice(0, 25)) console.log(`  ${ms.toFixed(2).padStart(7)} ms  ${name}`);
}
