import { AutocrmClient } from '@/lib/autocrm/client';
import { CallGearClient } from '@/lib/callgear/client';
import { openDb } from '@/lib/db';
import { runIntegrationCheck } from '@/lib/integration-check/run';
import type { CheckReport } from '@/lib/integration-check/types';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE } from '@/lib/pipeline/config';
import type { AutocrmSim } from '../sim/autocrm/server';
import { accountNow } from '../sim/callgear/fixtures';
import { CALLGEAR_KEYS, type CallGearSim } from '../sim/callgear/server';
import type { RunningServer } from '../sim/serve';
import { TEST_RULES } from '../integration/pipeline-harness';

interface Sim<S> {
  sim: S;
  server: RunningServer;
}

export interface CheckBench {
  seconds: number;
  /** CallGear Data API points, as the simulator charged them. */
  points: number;
  report: CheckReport;
}

/** One integration check against the simulators, with a day of calls of both directions to compare and play. */
export async function benchIntegrationCheck(autocrm: Sim<AutocrmSim>, callgear: Sim<CallGearSim>): Promise<CheckBench> {
  for (let i = 0; i < 20; i++) callgear.sim.addCall({ direction: i % 4 ? 'in' : 'out', employeeId: 9001, start: accountNow().minus({ minutes: 30 + i * 20 }) });
  const url = callgear.server.url();
  const before = callgear.sim.pointsUsed;
  const started = performance.now();
  const report = await runIntegrationCheck({
    callgear: new CallGearClient({ dataApiUrl: `${url}/v2.0`, callApiUrl: `${url}/v4.0`, auth: { kind: 'token', token: CALLGEAR_KEYS.permanent } }),
    autocrm: new AutocrmClient({ url: autocrm.server.url(), auth: { kind: 'bearer', token: 'sim-key-integration' } }),
    config: { rules: TEST_RULES, hours: DEFAULT_HOURS, installation: DEFAULT_INSTALLATION, intake: DEFAULT_INTAKE, dealershipZone: 'Europe/Moscow' },
    db: openDb(`bench-check-${Math.random()}`),
    installation: { role: 'coordinator', coordinatorSeen: true, softphoneSeen: null },
  });
  return { seconds: (performance.now() - started) / 1000, points: callgear.sim.pointsUsed - before, report };
}

/** The bench table's row: the check's duration and point cost against the 30 s. */
export function checkBenchRow({ seconds, points, report }: CheckBench): [string, string, string, boolean] {
  return ['integration check (Node, simulators)', `${seconds.toFixed(1)} s, ${points} CallGear points, ${report.items.length} items`, '≤ 30 s', seconds <= 30];
}
