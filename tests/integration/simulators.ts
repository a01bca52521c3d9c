import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import { startCallGearSim, type CallGearSim } from '../sim/callgear/server';
import type { RunningServer } from '../sim/serve';

export interface Running<S> {
  sim: S;
  server: RunningServer;
}

/**
 * Both simulators for a test file: started once, reset before each test, closed at the end. The handles
 * are filled in place when the file's tests start, so they can be destructured at the top of the file.
 */
export function useSimulators(): { autocrm: Running<AutocrmSim>; callgear: Running<CallGearSim> } {
  const autocrm = {} as Running<AutocrmSim>;
  const callgear = {} as Running<CallGearSim>;
  beforeAll(async () => {
    Object.assign(autocrm, await startAutocrmSim());
    Object.assign(callgear, await startCallGearSim());
  });
  afterAll(async () => {
    await autocrm.server?.close();
    await callgear.server?.close();
  });
  beforeEach(() => {
    autocrm.sim.reset();
    callgear.sim.reset();
  });
  return { autocrm, callgear };
}
