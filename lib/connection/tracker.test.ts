import { describe, expect, test } from 'vitest';
import { openDb } from '../db';
import { ConnectionTracker } from './tracker';
import { outcomeOfCheck, outcomeOfReport } from './state';
import type { CheckReport } from '../integration-check/types';

const wrongPassword = { ok: false as const, kind: 'authentication', text: { ru: 'Неверный логин или пароль AutoCRM.', en: 'Wrong AutoCRM login or password.' } };
const good = { ok: true as const, text: { ru: 'Подключено.', en: 'Connected.' }, details: [] };

function tracker() {
  let clock = 1_000;
  const t = new ConnectionTracker(openDb(`conn-${Math.random()}`), () => clock);
  return { t, tick: (ms: number) => (clock += ms) };
}

describe('the connection state', () => {
  test('a saved account is "configured", never "working", until a check succeeds', async () => {
    const { t } = tracker();
    expect(await t.state('autocrm', false)).toEqual({ state: 'absent' });
    expect(await t.state('autocrm', true)).toEqual({ state: 'configured' });
  });

  test('a wrong password is "failing" with its reason; a later good check makes it "working"', async () => {
    const { t, tick } = tracker();
    const first = t.begin('autocrm');
    expect((await t.state('autocrm', true)).state).toBe('checking');
    await t.finish('autocrm', first, outcomeOfCheck(wrongPassword, 1_000));
    expect(await t.state('autocrm', true)).toEqual({ state: 'failing', at: 1_000, problem: { kind: 'authentication', text: wrongPassword.text } });
    tick(5_000);
    const second = t.begin('autocrm');
    await t.finish('autocrm', second, outcomeOfCheck(good, 6_000));
    expect(await t.state('autocrm', true)).toEqual({ state: 'working', at: 6_000 });
  });

  test('a hanging check stays "checking" until it ends; a cancelled one leaves the last outcome and its late answer is dropped', async () => {
    const { t } = tracker();
    const hanging = t.begin('callgear');
    expect((await t.state('callgear', true)).state).toBe('checking');
    t.cancel('callgear');
    expect(await t.state('callgear', true)).toEqual({ state: 'configured' });
    expect(await t.finish('callgear', hanging, outcomeOfCheck(good, 2_000))).toBe(false);
    expect(await t.state('callgear', true)).toEqual({ state: 'configured' });
  });

  test('saving the account forgets what was known about the old one', async () => {
    const { t } = tracker();
    await t.finish('autocrm', t.begin('autocrm'), outcomeOfCheck(good, 1_000));
    await t.forget('autocrm');
    expect(await t.state('autocrm', true)).toEqual({ state: 'configured' });
  });

  test('the integration check counts as a check of credentials, and a newer manual outcome is not overwritten by an older report', async () => {
    const { t } = tracker();
    const report: CheckReport = {
      startedAt: 500, finishedAt: 900, pointsUsed: 0,
      items: [{ id: 'callgear.credentials', group: 'callgear', status: 'red', title: { ru: 'Доступ', en: 'Access' }, meaning: { ru: 'Ключ не принят.', en: 'Key refused.' }, action: null, details: ['authentication'] }],
    };
    const outcome = outcomeOfReport(report, 'callgear');
    expect(outcome).toEqual({ ok: false, at: 900, problem: { kind: 'authentication', text: { ru: 'Ключ не принят.', en: 'Key refused.' } } });
    expect(outcomeOfReport(report, 'autocrm')).toBeNull();
    await t.finish('callgear', t.begin('callgear'), outcomeOfCheck(good, 1_000));
    await t.record('callgear', outcome!);
    expect((await t.state('callgear', true)).state).toBe('working');
    expect((await t.state('callgear', true, true)).state).toBe('working');
    expect((await t.state('autocrm', true, true)).state).toBe('checking');
  });

  test('"not added" is not a check', () => {
    expect(outcomeOfCheck({ ok: false, kind: 'not-configured', text: { ru: '', en: '' } }, 1)).toBeNull();
  });
});

describe('announcing a check that only lives in memory', () => {
  test('starting, cancelling and finishing a check each tell the pages', async () => {
    let told = 0;
    const t = new ConnectionTracker(openDb(`conn-${Math.random()}`), () => 1_000, () => void told++);
    const first = t.begin('autocrm');
    t.cancel('autocrm');
    expect(told).toBe(2);
    const second = t.begin('callgear');
    await t.finish('callgear', second, outcomeOfCheck(good, 1_000));
    expect(told).toBe(4);
    // A cancelled check's late answer changes nothing, and says nothing.
    await t.finish('autocrm', first, outcomeOfCheck(good, 1_000));
    expect(told).toBe(4);
  });
});
