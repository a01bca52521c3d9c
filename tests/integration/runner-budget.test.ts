import { describe, expect, test } from 'vitest';
import { DEFAULT_INSTALLATION } from '@/lib/pipeline/config';
import { ConfigStore } from '@/lib/config-store';
import { openDb } from '@/lib/db';
import { PipelineRunner } from '@/lib/pipeline/runner';
import { pollPacing } from '@/lib/pipeline/poll-pacing';
import { CALLGEAR_LOGIN } from '../sim/callgear/server';
import { accountNow } from '../sim/callgear/fixtures';
import { TEST_RULES } from './pipeline-harness';
import { useSimulators } from '../sim/use-simulators';

const { autocrm, callgear } = useSimulators();

async function coordinator(text = '') {
  const db = openDb(`runner-budget-${Math.random()}`);
  const config = new ConfigStore(db);
  await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator' } }); // integration credentials are a coordinator's
  await config.saveAccount({ kind: 'autocrm', name: 'a', url: autocrm.server.url(), auth: 'bearer', secret: 'sim-key-integration' });
  await config.saveAccount({ kind: 'callgear', name: 'c', brand: 'callgear', auth: 'login', login: CALLGEAR_LOGIN.login, secret: CALLGEAR_LOGIN.password, dataApiUrl: `${callgear.server.url()}/v2.0`, callApiUrl: `${callgear.server.url()}/v4.0` });
  const runner = new PipelineRunner({ db, config, renderer: { render: async () => ({ ok: true, text }) }, wakeups: { wakeAt: () => undefined }, owner: 'test' });
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

describe('a backlog larger than one drain', () => {
  test('goes on at once when a drain spends its budget, without waiting for an alarm (at least 30 s in Chrome)', async () => {
    const { config, runner } = await coordinator('x');
    for (const [kind, ruleSet] of Object.entries(TEST_RULES)) await config.saveRuleSet(kind as keyof typeof TEST_RULES, ruleSet);
    // The coordinator is also employee 9001's installation: that employee's calls are its own.
    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator', employeeId: 9001, parallelRequests: 1 } });
    for (let i = 0; i < 4; i++) callgear.sim.addCall({ employeeId: 9001, contact: `7903555${String(1000 + i)}`, start: accountNow().minus({ minutes: 10 + i }) });
    autocrm.sim.setFaults({ latencyMs: 30 }); // one communication's four requests outlast the budget
    const inquiries = () => autocrm.sim.createdOf('leads/request').length;
    try {
      const first = await runner.run('all', 50);
      expect(first.processed).toBe(1);
      expect(first.nextDueAt).not.toBeNull();
      // No other run is asked for and the test's wake-ups do nothing: the runner goes on by itself.
      await expect.poll(inquiries, { timeout: 10_000 }).toBe(4);
    } finally {
      autocrm.sim.setFaults({ latencyMs: 0 });
    }
  });

  test('a drain that ran out of items does not go on: what is due later waits for its alarm', async () => {
    const { config, runner } = await coordinator('x');
    for (const [kind, ruleSet] of Object.entries(TEST_RULES)) await config.saveRuleSet(kind as keyof typeof TEST_RULES, ruleSet);
    await config.saveSettings({ installation: { ...DEFAULT_INSTALLATION, role: 'coordinator', employeeId: 9001 } });
    callgear.sim.addCall({ employeeId: 9001, contact: '79035552000', start: accountNow().minus({ minutes: 10 }) });
    const summary = await runner.run('all');
    expect(summary.processed).toBe(1);
    expect(autocrm.sim.createdOf('leads/request')).toHaveLength(1);
    const after = autocrm.sim.log.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(autocrm.sim.log.length).toBe(after); // no further cycle started by itself
  });
});
