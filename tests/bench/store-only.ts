// The Chromium store part of `npm run bench` alone, for before/after comparisons on one machine:
// `npx wxt build --mode sim && BENCH_STORE_FINISHED=20000 BENCH_STORE_WAITING=2000 BENCH_STORE_REPS=3 npx tsx tests/bench/store-only.ts`.
import 'fake-indexeddb/auto';
import { startAutocrmSim } from '../sim/autocrm/server';
import { startCallGearSim } from '../sim/callgear/server';
import { chromiumStoreBench } from './chromium-store';
import { sample } from './store-bench';

const autocrm = await startAutocrmSim();
const callgear = await startCallGearSim();
try {
  const made = await sample({ autocrm, callgear });
  const { rows, detail } = await chromiumStoreBench(made.items);
  console.log('| measure | value | target | status |\n|---|---|---|---|');
  for (const [what, value, target, met] of rows) console.log(`| ${what} | ${value} | ${target} | ${met === null ? '—' : met ? 'met' : 'NOT met'} |`);
  console.log(['', ...detail].join('\n'));
} finally {
  await autocrm.server.close();
  await callgear.server.close();
}
