import { describe, expect, test } from 'vitest';
import { CALL_URL, DATA_URL, fakeRpc, rpcErr, type RpcCall } from '../../tests/tools/fake-callgear-rpc';
import { CallGearClient } from '../callgear/client';
import { openDb } from '../db';
import { PersonalManagerSync, notePersonalManager } from './personal-managers';

const NOW = Date.parse('2026-11-30T10:00:00Z');

async function setUp(answer: (call: RpcCall) => ReturnType<Parameters<typeof fakeRpc>[0]>) {
  const db = openDb(`pm-${Math.random()}`);
  await db.userMap.put({ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Анна' });
  const rpc = fakeRpc(answer);
  const client = new CallGearClient({ dataApiUrl: DATA_URL, callApiUrl: CALL_URL, auth: { kind: 'token', token: 'k' }, fetch: rpc.fetch });
  let now = NOW;
  const sync = new PersonalManagerSync(db, client, () => now);
  return { db, rpc, sync, later: (ms: number) => (now += ms) };
}
const wish = (phone: string) => ({ phone, autocrmUserId: 42, clientName: 'Клиент', contactId: null });

describe('contact search by phone', () => {
  test('uses the documented jsquery operator on phone_numbers, never overlap', async () => {
    const { db, rpc, sync } = await setUp((call) =>
      call.method === 'get.contacts' ? { body: { result: { data: [{ id: 7, last_name: 'Иванова', phone_numbers: ['79161234567'], personal_manager_id: null }] } } } : { body: { result: { data: { id: 7 } } } },
    );
    await notePersonalManager(db, wish('+7 916 123-45-67'), NOW);
    await sync.run();
    expect(rpc.calls[0]).toMatchObject({ method: 'get.contacts', params: { filter: { field: 'phone_numbers', operator: 'jsquery', value: '# = "79161234567"' } } });
    expect(rpc.calls[1]).toMatchObject({ method: 'update.contacts', params: { id: 7, personal_manager_id: 9001, phone_numbers: ['79161234567'] } });
  });

  test.each(['filter_prohibited', 'invalid_parameter_value'])('a refused search (%s) skips with the reason, creates no contact, and is remembered for a day', async (mnemonic) => {
    const { db, rpc, sync, later } = await setUp((call) => (call.method === 'get.contacts' ? { body: rpcErr(-32602, mnemonic) } : { body: { result: { data: { id: 8 } } } }));
    await notePersonalManager(db, wish('79161234567'), NOW);
    await notePersonalManager(db, wish('79167654321'), NOW);
    const result = await sync.run();
    expect(result).toMatchObject({ done: 0, skipped: 2, failed: 0 });
    expect(rpc.calls.map((c) => c.method)).toEqual(['get.contacts']); // the second row did not ask again
    expect(await db.personalManagers.get('+79167654321')).toMatchObject({ state: 'skipped', reason: { key: 'pmWhySearchRefused', params: { code: mnemonic } } });
    later(25 * 3600_000);
    await notePersonalManager(db, wish('79160000000'), NOW + 25 * 3600_000);
    await sync.run();
    expect(rpc.calls.map((c) => c.method)).toEqual(['get.contacts', 'get.contacts']); // asked again after a day
  });
});
