import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startAutocrmSim, type AutocrmSim } from './autocrm/server';
import { startCallGearSim, type CallGearSim } from './callgear/server';
import type { RunningServer } from './serve';

export interface Running<S> {
  sim: S;
  server: RunningServer;
}

/**
 * Both simulators for a test file: started once, closed at the end, and reset before each test unless a
 * file's tests build on each other (`resetEachTest: false`). The handles are filled in place when the
 * file's tests start, so they can be destructured at the top of the file. Browser tests use `tls`.
 */
export function useSimulators({ tls = false, resetEachTest = true } = {}): { autocrm: Running<AutocrmSim>; callgear: Running<CallGearSim> } {
  const autocrm = {} as Running<AutocrmSim>;
  const callgear = {} as Running<CallGearSim>;
  beforeAll(async () => {
    Object.assign(autocrm, await startAutocrmSim({ tls }));
    Object.assign(callgear, await startCallGearSim({ tls }));
  });
  afterAll(async () => {
    await autocrm.server?.close();
    await callgear.server?.close();
  });
  beforeEach(() => {
    if (!resetEachTest) return;
    autocrm.sim.reset();
    callgear.sim.reset();
  });
  return { autocrm, callgear };
}
