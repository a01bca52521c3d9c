import { describe, expect, test } from 'vitest';
import { DEFAULT_INSTALLATION } from '@/lib/pipeline/config';
import { ConfigStore } from '@/lib/config-store';
import { openDb } from '@/lib/db';
import { PipelineRunner } from '@/lib/pipeline/runner';
import { pollPacing } from '@/lib/pipeline/poll-pacing';
import { CALLGEAR_LOGIN } from '../sim/callgear/server';
import { useSimulators } from '../sim/use-simulators';

const { autocrm, callgear } = useSimulators();

async function coordinator() {
  const db = openDb(`runner-budget-${Math.random()}`);
  const config = new ConfigStore(db);
  await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // integration credentials are a coordinator's
  await config.saveAccount({ kind: 'autocrm', name: 'a', url: autocrm.server.url(), auth: 'bearer', secret: 'sim-key-integration' });
  await config.saveAccount({ kind: 'callgear', name: 'c', brand: 'callgear', auth: 'login', login: CALLGEAR_LOGIN.login, secret: CALLGEAR_LOGIN.password, dataApiUrl: `${callgear.server.url()}/v2.0`, callApiUrl: `${callgear.server.url()}/v4.0` });
  const runner = new PipelineRunner({ db, config, renderer: { render: async () => ({ ok: true, text: '' }) }, wakeups: { wakeAt: () => undefined }, owner: 'test' });
  return { config, runner };
}

describe('an idle coordinator against the simulator', () => {
  test('polls log in once, record what an idle poll costs and the account’s limits, and the pace follows them', async () => {
    const { config, runner } = await coordinator();
    await runner.run('changed'); // first contact reads every kind
    for (let i = 0; i < 5; i++) await runner.run('changed');
    expect(callgear.sim.log.filter((l) => l.method === 'login.user')).toHaveLength(1);
    const cost = await config.idlePollCost();
    expect(cost).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await config.limits())?.limits.day_limit ?? 0).toBeGreaterThan(0); // saved as the answers arrive
    const stored = await config.limits();
    const pacing = await pollPacing(config);
    expect(pacing.dayLimit).toBe(stored!.limits.day_limit);
    expect(pacing.delayMs).toBeGreaterThanOrEqual(Math.max(60_000, (cost! * 86_400_000) / (stored!.limits.day_limit * 0.25)) - 1);
  });

  test('a report that keeps failing does not starve the other kinds: the lead is still taken in', async () => {
    const { runner } = await coordinator();
    const lead = callgear.sim.addLead({ visitorPhone: '79035550303' });
    callgear.sim.setFaults({ limitExceededRequests: 1_000, limitExceededMethods: ['get.calls_report'] });
    const summary = await runner.run('all');
    expect(summary.pollError).toMatchObject({ kind: 'rate-limited' });
    expect(summary.polled).toEqual(['call', 'chat', 'lead']);
    expect(await runner.inbox.steps(`lead:${lead.id}`)).not.toHaveLength(0);
  });
});
