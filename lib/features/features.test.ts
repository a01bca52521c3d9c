import { describe, expect, test } from 'vitest';
import { fakeServices, ruleSet } from '../../tests/tools/background-services';
import { toConfigFile } from '../config-file';
import { MANAGED_KEY } from '../managed-config';
import type { PipelineRunner, PollRequest } from '../pipeline/runner';
import type { SenderKind } from './define';
import { dispatch, parseRequest } from './parse';
import type { BackgroundServices } from './services';

/** A message as the router handles it: parsed for its sender, then given to its handler. */
async function send(services: BackgroundServices, raw: unknown, kind: SenderKind = 'page') {
  const parsed = parseRequest(raw, kind);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return dispatch(parsed.request, services, { kind, tab: kind === 'content' ? 'tab:1' : kind });
}

/** A runner whose inbox retries `retried` items and holds unread rows of `rereads` kinds. */
function fakeRunner(retried: number, rereads: ('call' | 'chat' | 'lead')[], runs: unknown[]): PipelineRunner {
  const inbox = { retry: async () => retried, pendingRereads: async () => rereads.map((kind) => ({ kind })) };
  const run = async (poll: PollRequest) => void runs.push(poll);
  return { inbox, run } as unknown as PipelineRunner;
}

describe('config.import', () => {
  test('a good file saves what no policy locks, then alarms follow and the check is asked for', async () => {
    const { services, recorded } = fakeServices();
    const lockedBefore = (await services.config.rules()).chats;
    const file = toConfigFile(await services.config.pipelineConfig());
    file.rules = { leads: ruleSet('Заявка'), chats: ruleSet('Чат') };
    file.settings.dealershipZone = 'Asia/Almaty';
    file.settings.autocrmZone = 'Asia/Aqtau';
    await services.db.settings.put({ key: MANAGED_KEY, value: { present: true, lockedRules: ['chats'], lockedSettings: ['autocrmZone'], error: null } });
    await expect(send(services, { type: 'config.import', text: JSON.stringify(file) })).resolves.toEqual({ ok: true });
    const [rules, settings] = [await services.config.rules(), await services.config.pipelineConfig()];
    expect(rules.leads.base.templates?.comment).toBe('Заявка');
    expect(rules.chats).toEqual(lockedBefore);
    expect([settings.dealershipZone, settings.autocrmZone]).toEqual(['Asia/Almaty', 'Europe/Moscow']);
    expect(recorded).toMatchObject({ settingsChanged: 1, checksSoon: 1 });
  });

  test('a file with a broken template, or not a file at all, changes nothing', async () => {
    const { services, recorded } = fakeServices();
    const before = await services.config.rules();
    const file = { ...toConfigFile(await services.config.pipelineConfig()), rules: { leads: ruleSet('{{ contact_phone_number') } };
    await expect(send(services, { type: 'config.import', text: JSON.stringify(file) })).resolves.toMatchObject({ ok: false, field: 'rules.leads' });
    await expect(send(services, { type: 'config.import', text: 'not json' })).resolves.toMatchObject({ ok: false, field: '(file)' });
    expect(await services.config.rules()).toEqual(before);
    expect(recorded).toMatchObject({ settingsChanged: 0, checksSoon: 0 });
  });
});

describe('rules.save and userMap.save ask for the integration check', () => {
  test('after a save, not after a refusal', async () => {
    const { services, recorded } = fakeServices();
    await expect(send(services, { type: 'rules.save', kind: 'leads', ruleSet: ruleSet('{% if x %}') })).rejects.toThrow(/rulesBrokenTemplate/);
    expect(recorded.checksSoon).toBe(0);
    await expect(send(services, { type: 'rules.save', kind: 'leads', ruleSet: ruleSet('ok') })).resolves.toEqual({ saved: true });
    expect(recorded.checksSoon).toBe(1);
  });

  test('userMap.save replaces the whole mapping', async () => {
    const { services, recorded } = fakeServices();
    await send(services, { type: 'userMap.save', records: [{ autocrmUserId: 1, callgearEmployeeId: 10, name: 'Анна' }, { autocrmUserId: 2, callgearEmployeeId: 20, name: 'Олег' }] });
    await expect(send(services, { type: 'userMap.save', records: [{ autocrmUserId: 3, callgearEmployeeId: 30, name: 'Ирина' }] })).resolves.toEqual({ saved: 1 });
    expect((await services.db.userMap.toArray()).map((u) => u.name)).toEqual(['Ирина']);
    expect(recorded.checksSoon).toBe(2);
  });
});

describe('retries', () => {
  test('a retried row whose report row was not read is read again by a poll of its kind', async () => {
    const runs: unknown[] = [];
    const { services } = fakeServices({ runner: fakeRunner(2, ['lead', 'call', 'lead'], runs) });
    await expect(send(services, { type: 'inbox.retry' })).resolves.toEqual({ retried: 2 });
    expect(runs).toEqual([['lead', 'call']]);
  });

  test('the after-call card retries its own item; with nothing to read again only the processor runs', async () => {
    const runs: unknown[] = [];
    const { services } = fakeServices({ runner: fakeRunner(1, [], runs) });
    await expect(send(services, { type: 'inbox.retryOne', key: 'call:5' }, 'content')).resolves.toEqual({ retried: 1 });
    expect(runs).toEqual(['none']);
  });
});

describe('the softphone and the user sync', () => {
  test('a finished call triggers a poll of calls; the event itself writes no record', async () => {
    const runs: unknown[] = [];
    const polls: string[] = [];
    const guard = { poll: (kind: string, run: () => void) => (polls.push(kind), run()) } as unknown as BackgroundServices['guard'];
    const { services } = fakeServices({ runner: fakeRunner(0, [], runs), guard });
    const event = { type: 'call.ended', payload: { call_session_id: 77, contact_phone_number: '79123456789', direction: 'in' } };
    await expect(send(services, { type: 'softphone.event', event }, 'content')).resolves.toEqual({ accepted: true });
    expect([polls, runs]).toEqual([['call'], [['call']]]);
  });

  test('userSync.disable needs CallGear connected', async () => {
    const { services } = fakeServices();
    await expect(send(services, { type: 'userSync.disable', employeeId: 5 })).rejects.toMatchObject({ said: { key: 'call.refused.callgearNotConnected' } });
  });
});
