// The store as the history grows: what the status, the Журнал's first page and a claim cost with a
// year's worth of items against an empty store, and how many bytes a finished communication keeps.
// Part of `npm run bench`; alone: `npx tsx tests/bench/store-bench.ts`. Node with fake-indexeddb: the
// absolute times are not Chromium's, the ratios between stores are what this measures.
import 'fake-indexeddb/auto';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { NEVER, openDb, type AppDb, type LinkRecord } from '@/lib/db';
import { Inbox, LEASE_MS } from '@/lib/pipeline/inbox';
import { DEFAULT_RETENTION_DAYS, DETAIL_DAYS, prune } from '@/lib/pipeline/prune';
import { seed } from './store-seed';
import { accountNow } from '../sim/callgear/fixtures';
import { createPipeline, TestClock, TEST_RULES } from '../integration/pipeline-harness';
import { startAutocrmSim } from '../sim/autocrm/server';
import { startCallGearSim } from '../sim/callgear/server';

export type BenchRow = [string, string, string, boolean | null];

type Sims = { autocrm: Awaited<ReturnType<typeof startAutocrmSim>>; callgear: Awaited<ReturnType<typeof startCallGearSim>> };

const FINISHED = Number(process.env.BENCH_STORE_FINISHED ?? 100_000);
const WAITING = Number(process.env.BENCH_STORE_WAITING ?? 10_000);
const REPS = 40;
const PAGE = 500; // what the Журнал asks for (components/options/ActivitySection.tsx)
const CLAIM = 6; // the default parallelism: one claim for every free slot
const DAY = 86_400_000;
const PER_DAY = 500;

const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Finished communications made by the real pipeline against the simulators: rows, steps and links as stored. */
export async function sample({ autocrm, callgear }: Sims, count = 60) {
  autocrm.sim.reset();
  callgear.sim.reset();
  for (let i = 0; i < count; i++) {
    const start = accountNow().minus({ minutes: 90 - i });
    const phone = `7926${String(3_000_000 + i).padStart(7, '0')}`;
    if (i % 5 === 3) callgear.sim.addChat({ start, visitorPhone: phone, employeeId: 9001 });
    else if (i % 5 === 4) callgear.sim.addLead({ start, visitorPhone: phone });
    else callgear.sim.addCall({ start, contact: phone, employeeId: 9001, campaignId: i % 2 ? 701 : null, lost: i % 7 === 0 });
  }
  const clock = new TestClock();
  const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, installation: { employeeId: 9001 }, rules: TEST_RULES });
  await p.pollAll();
  await p.processor.drain({ owner: 'sample', budgetMs: 60_000 });
  const items = (await p.db.inbox.where('dueAt').equals(NEVER).toArray()).filter((i) => i.state === 'done' || i.state === 'skipped');
  const steps = await p.db.steps.where('key').anyOf(items.map((i) => i.key)).toArray();
  const links = (await p.db.links.bulkGet(items.map((i) => i.key))).filter((l): l is LinkRecord => !!l);
  const bytes = { rows: items.reduce((s, i) => s + utf8(i), 0), variables: items.reduce((s, i) => s + utf8(i.comm.variables), 0), steps: steps.reduce((s, x) => s + utf8(x), 0), links: links.reduce((s, l) => s + utf8(l), 0) };
  // The same items past the detail period, as pruning leaves them.
  await prune(p.db, { retentionDays: DEFAULT_RETENTION_DAYS, now: () => clock.now() + (DETAIL_DAYS + 2) * DAY });
  const keys = items.map((i) => i.key);
  const compact = (await p.db.inbox.bulkGet(keys)).reduce((s, i) => s + utf8(i), 0) + (await p.db.steps.where('key').anyOf(keys).toArray()).reduce((s, x) => s + utf8(x), 0) + (await p.db.links.bulkGet(keys)).reduce((s, l) => s + (l ? utf8(l) : 0), 0);
  p.db.close();
  const n = Math.max(1, items.length);
  return { items, steps, bytes, perItem: (bytes.rows + bytes.steps + bytes.links) / n, perCompactItem: compact / n };
}

const medianOf = (times: number[]) => [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;

/**
 * Times one operation on every store, the stores taking turns within each repetition, so that the
 * JIT's warm-up and the garbage collector (the large store holds hundreds of MB) weigh on each alike.
 */
async function interleaved(stores: unknown[], reps: number, run: (store: number) => Promise<unknown>): Promise<number[]> {
  const times: number[][] = stores.map(() => []);
  for (let rep = -3; rep < reps; rep++) {
    for (let i = 0; i < stores.length; i++) {
      const started = performance.now();
      await run(i);
      if (rep >= 0) times[i]!.push(performance.now() - started);
    }
  }
  return times.map(medianOf);
}

/** The status as it was before issue 18: a count per state, and every waiting item read and sorted. */
async function summaryBefore(db: AppDb) {
  const states = ['new', 'planned', 'deferred', 'processing', 'done', 'skipped', 'failed', 'needs-fix'];
  await Promise.all(states.map((s) => db.inbox.where('state').equals(s).count()));
  const waiting = await db.inbox.where('dueAt').below(NEVER).sortBy('at');
  await db.inbox.orderBy('dueAt').first();
  return waiting[0]?.at ?? null;
}

interface Costs {
  status: number;
  statusBefore: number;
  firstPage: number;
  claim: number;
}

async function costs(dbs: AppDb[], start: number): Promise<Costs[]> {
  const clocks = dbs.map(() => start);
  const inboxes = dbs.map((db, i) => new Inbox(db, () => clocks[i]!));
  const status = await interleaved(dbs, REPS, (i) => inboxes[i]!.summary());
  const statusBefore = await interleaved(dbs, 5, (i) => summaryBefore(dbs[i]!));
  const firstPage = await interleaved(dbs, REPS, (i) => inboxes[i]!.latest(PAGE));
  // Each claim leases CLAIM due items; moving the clock past the lease makes them due again.
  const claim = await interleaved(dbs, REPS, (i) => {
    clocks[i]! += LEASE_MS + 1;
    return inboxes[i]!.claim('bench', CLAIM);
  });
  return dbs.map((_, i) => ({ status: status[i]!, statusBefore: statusBefore[i]!, firstPage: firstPage[i]!, claim: claim[i]! }));
}

/** What a finished communication keeps, and a year at 500 a day with the default retention. */
export function storageRows(made: Awaited<ReturnType<typeof sample>>): { rows: BenchRow[]; detail: string[] } {
  const rows: BenchRow[] = [];
  const detail: string[] = [];
  // Bytes: what a finished communication keeps, and a year at 500 a day.
  const perItem = made.perItem;
  const mb = (bytes: number) => bytes / 1e6;
  const kept = mb(PER_DAY * (DETAIL_DAYS * perItem + (DEFAULT_RETENTION_DAYS - DETAIL_DAYS) * made.perCompactItem));
  const unpruned = mb(perItem * PER_DAY * 365);
  detail.push(`Bytes per finished communication (JSON of what is stored, ${made.items.length} made by the pipeline against the simulators): ${(perItem / 1024).toFixed(1)} KB — row ${(made.bytes.rows / made.items.length / 1024).toFixed(1)} KB (of which variables ${(made.bytes.variables / made.items.length / 1024).toFixed(1)} KB), steps ${(made.bytes.steps / made.items.length / 1024).toFixed(1)} KB (${(made.steps.length / made.items.length).toFixed(1)} lines), link ${(made.bytes.links / made.items.length / 1024).toFixed(2)} KB.`);
  rows.push(['bytes per finished communication (JSON as stored)', `${(perItem / 1024).toFixed(1)} KB; after ${DETAIL_DAYS} days ${(made.perCompactItem / 1024).toFixed(1)} KB`, '—', null]);
  rows.push([`a year at ${PER_DAY} communications a day, retention ${DEFAULT_RETENTION_DAYS} days`, `${kept.toFixed(0)} MB (${DETAIL_DAYS} days in full, ${DEFAULT_RETENTION_DAYS - DETAIL_DAYS} compacted; without pruning: ${unpruned.toFixed(0)} MB)`, '< 100 MB', kept < 100]);

  return { rows, detail };
}

export async function storeBench(sims: Sims): Promise<{ rows: BenchRow[]; detail: string[] }> {
  const rows: BenchRow[] = [];
  const detail: string[] = [];
  const now = Date.now();

  const made = await sample(sims);
  const empty = openDb(`store-empty-${Math.random()}`);
  const day1 = openDb(`store-day1-${Math.random()}`);
  const big = openDb(`store-big-${Math.random()}`);
  // Enough due items that every claim takes new ones, as in the large store (same work in both).
  const DAY1_DUE = (REPS + 3) * CLAIM;
  await seed(day1, made.items, PAGE, DAY1_DUE, now, 1);
  const seedStarted = performance.now();
  await seed(big, made.items, FINISHED, WAITING, now);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const [e, d, b] = (await costs([empty, day1, big], now)) as [Costs, Costs, Costs];
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const ratio = (x: number, y: number) => x / Math.max(y, 1e-6);
  detail.push(`Store: ${FINISHED.toLocaleString('en')} finished + ${WAITING.toLocaleString('en')} waiting items seeded in ${seedSeconds.toFixed(1)} s (bulkAdd, 5,000 a transaction; those older than ${DETAIL_DAYS} days compacted); medians of ${REPS} runs (stores taking turns), Node ${process.version}, ${cpus().length} CPUs, fake-indexeddb.`);
  detail.push(`| operation | empty store | one page + ${DAY1_DUE} due | ${FINISHED / 1000}k + ${WAITING / 1000}k | ratio to empty | ratio to one page |`);
  detail.push('|---|---|---|---|---|---|');
  const line = (what: string, x: keyof Costs) => detail.push(`| ${what} | ${ms(e[x])} | ${ms(d[x])} | ${ms(b[x])} | ${ratio(b[x], e[x]).toFixed(2)}× | ${ratio(b[x], d[x]).toFixed(2)}× |`);
  line('status (`summary()`)', 'status');
  line('status as before (every waiting item read)', 'statusBefore');
  line(`Журнал first page (${PAGE} rows)`, 'firstPage');
  line(`claim of ${CLAIM}`, 'claim');

  rows.push([`status with ${FINISHED / 1000}k finished + ${WAITING / 1000}k waiting vs empty (Node)`, `${ms(b.status)} vs ${ms(e.status)}: ${ratio(b.status, e.status).toFixed(2)}× (before: ${ms(b.statusBefore)})`, '≤ 1.5×', ratio(b.status, e.status) <= 1.5]);
  // An empty store's first page holds no rows; the fair floor is a store holding one page.
  rows.push([`Журнал first page (${PAGE}) with that store vs one page`, `${ms(b.firstPage)} vs ${ms(d.firstPage)}: ${ratio(b.firstPage, d.firstPage).toFixed(2)}× (vs empty ${ratio(b.firstPage, e.firstPage).toFixed(1)}×)`, '≤ 1.5×', ratio(b.firstPage, d.firstPage) <= 1.5]);
  rows.push([`claim of ${CLAIM} with that store vs one page + ${DAY1_DUE} due`, `${ms(b.claim)} vs ${ms(d.claim)}: ${ratio(b.claim, d.claim).toFixed(2)}× (vs empty ${ratio(b.claim, e.claim).toFixed(1)}×)`, '≤ 1.5×', ratio(b.claim, d.claim) <= 1.5]);

  // Pruning the seeded store: items older than the retention go in short transactions.
  let longest = 0;
  let pruned = 0;
  const pruneStarted = performance.now();
  for (let batch = 0; batch < 8; batch++) {
    const started = performance.now();
    const result = await prune(big, { retentionDays: DEFAULT_RETENTION_DAYS, now: () => now, maxBatches: 1 });
    longest = Math.max(longest, performance.now() - started);
    pruned += result.items;
    if (!result.more) break;
  }
  const pruneSeconds = (performance.now() - pruneStarted) / 1000;
  rows.push(['pruning: one batch (200 items, one transaction)', `longest ${ms(longest)}; ${pruned.toLocaleString('en')} items in ${pruneSeconds.toFixed(1)} s`, '—', null]);

  const storage = storageRows(made);
  rows.push(...storage.rows);
  detail.push('', ...storage.detail);

  for (const db of [empty, day1, big]) db.close();
  return { rows, detail };
}

export const printRows = (rows: BenchRow[]) => {
  const cells = rows.map(([a, b, c, met]) => [a, b, c, met === null ? '—' : met ? 'met' : 'NOT met']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((r) => r[i]!.length), ['measure', 'value', 'target', 'status'][i]!.length));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  console.log(line(['measure', 'value', 'target', 'status']));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of cells) console.log(line(row));
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const autocrm = await startAutocrmSim();
  const callgear = await startCallGearSim();
  const { rows, detail } = await storeBench({ autocrm, callgear });
  console.log(detail.join('\n'));
  console.log('');
  printRows(rows);
  await autocrm.server.close();
  await callgear.server.close();
}
