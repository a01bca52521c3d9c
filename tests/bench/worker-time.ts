// Where the service worker's time goes in a profiled run: shared by `npm run bench` and tests/bench/overhead.ts.
import { existsSync, readFileSync } from 'node:fs';
import { groupOf, sourceLocator } from './bundle-bench';
import { selfTimes, type CpuProfile } from './worker-cdp';

/** The simulator build the bench profiles (built with BUNDLE_SOURCEMAP=1 so frames name their sources). */
export const SIM_SOURCE_MAP = '.output/chrome-mv3-sim/background.js.map';

export interface WorkerTime {
  /** Share of the sampled time the worker was idle (waiting on other processes). */
  idleShare: number;
  sampledSeconds: number;
  /** Self time per source or native frame, in ms per communication, largest first. */
  perItem: [name: string, ms: number][];
}

/** Self time per source module (through the source map) or native frame, per processed communication. */
export function workerTime(profile: CpuProfile, processed: number, mapFile = SIM_SOURCE_MAP): WorkerTime {
  const locate = existsSync(mapFile) ? sourceLocator(JSON.parse(readFileSync(mapFile, 'utf8'))) : null;
  const times = selfTimes(profile, (frame) => {
    if (frame.url.endsWith('/background.js') && locate) {
      const source = locate(frame.lineNumber, frame.columnNumber);
      if (source) return groupOf(source);
    }
    return frame.url ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}` : frame.functionName || '(native)';
  });
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const idle = times.get('(idle)') ?? 0;
  const perItem = [...times]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .map(([k, us]): [string, number] => [k, us / 1000 / Math.max(1, processed)]);
  return { idleShare: total ? idle / total : 0, sampledSeconds: total / 1e6, perItem };
}

const listed = (entries: [string, number][]) => entries.map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`);

/** The profile as the bench prints it: a detail line and a table row. */
export function whereWorkerTimeGoes(profile: CpuProfile, processed: number): { detail: string; row: [string, string, string, null] } {
  const t = workerTime(profile, processed);
  const idle = `idle ${(t.idleShare * 100).toFixed(0)}%`;
  return {
    detail: `Worker CPU profile (CDP Profiler, ${processed} communications at 0 ms): ${t.sampledSeconds.toFixed(1)} s sampled, ${idle}. Self time per communication: ${listed(t.perItem.slice(0, 8)).join('; ')}.`,
    row: ["  where the worker's time goes (CDP profile, self time per communication)", `${idle}; ${listed(t.perItem.slice(0, 4)).join(', ')}`, '—', null],
  };
}
