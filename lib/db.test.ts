import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { openDb } from './db';
import { INBOX_COUNTS_KEY } from './inbox-counts';

describe('schema migrations', () => {
  test('v1 → v3 keeps accounts and moves any secret out of their settings', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ accounts: 'id, kind', settings: 'key' });
    await v1.table('accounts').put({ id: 'a1', kind: 'autocrm', name: 'Север', settings: { url: 'https://sever.autocrm.ru', login: 'api', password: 'secret-pass' } });
    await v1.table('settings').put({ key: 'role', value: 'coordinator' });
    v1.close();

    const db = openDb(name);
    await expect(db.accounts.get('a1')).resolves.toEqual({ id: 'a1', kind: 'autocrm', name: 'Север', settings: { url: 'https://sever.autocrm.ru', login: 'api', identity: 'integration' } });
    await expect(db.secrets.get('a1')).resolves.toEqual({ id: 'a1', secret: 'secret-pass' });
    await expect(db.settings.get('role')).resolves.toEqual({ key: 'role', value: 'coordinator' });
    expect(db.verno).toBe(5);
    db.close();
  });

  test('v2 → v3 keeps the inbox and the mapping, and adds the personal-manager rows', async () => {
    const name = `migrate-${Math.random()}`;
    const old = new Dexie(name);
    old.version(2).stores({ accounts: 'id, kind', settings: 'key', secrets: 'id', inbox: 'key, state, dueAt, at, kind, communicationId', steps: '++seq, key', cursors: 'kind', rules: 'kind', userMap: 'autocrmUserId, callgearEmployeeId', links: 'key', cache: 'key' });
    await old.table('userMap').put({ autocrmUserId: 42, callgearEmployeeId: 9001, name: 'Петрова Анна' });
    old.close();

    const db = openDb(name);
    await expect(db.userMap.get(42)).resolves.toMatchObject({ callgearEmployeeId: 9001 });
    await db.personalManagers.put({ phone: '+79035554433', autocrmUserId: 42, clientName: null, contactId: null, state: 'pending', attempts: 0, dueAt: 0, updatedAt: 0 });
    await expect(db.personalManagers.where('state').equals('pending').count()).resolves.toBe(1);
    expect(db.verno).toBe(5);
    db.close();
  });

  test('v3 → v5: an installation that never chose a role was a coordinator and keeps its keys', async () => {
    const name = `migrate-${Math.random()}`;
    const old = new Dexie(name);
    old.version(3).stores({ accounts: 'id, kind', settings: 'key', secrets: 'id', personalManagers: 'phone, state, dueAt, updatedAt' });
    await old.table('accounts').put({ id: 'a1', kind: 'autocrm', name: 'Север', settings: { url: 'https://sever.autocrm.ru', auth: 'bearer' } });
    await old.table('secrets').put({ id: 'a1', secret: 'sim-key-integration' });
    old.close();

    const db = openDb(name);
    await expect(db.settings.get('installation')).resolves.toMatchObject({ value: { role: 'coordinator' } });
    await expect(db.secrets.get('a1')).resolves.toEqual({ id: 'a1', secret: 'sim-key-integration' });
    await expect(db.accounts.get('a1')).resolves.toMatchObject({ settings: { identity: 'integration' } });
    db.close();
  });

  test('v3 → v5: an operator gives up the integration secrets and session keys it kept', async () => {
    const name = `migrate-${Math.random()}`;
    const old = new Dexie(name);
    old.version(3).stores({ accounts: 'id, kind', settings: 'key', secrets: 'id', personalManagers: 'phone, state, dueAt, updatedAt' });
    await old.table('accounts').put({ id: 'c1', kind: 'callgear', name: 'CG', settings: { brand: 'callgear', auth: 'token' } });
    await old.table('secrets').bulkPut([{ id: 'c1', secret: 'cg-sim-permanent-key' }, { id: 'c1:session:data', secret: '{"token":"t","expiresAt":1}' }]);
    await old.table('settings').put({ key: 'installation', value: { role: 'operator', employeeId: 9001, handoverMinutes: 15, pollIntervalSec: 60, standbyMinutes: 0 } });
    old.close();

    const db = openDb(name);
    expect(await db.secrets.count()).toBe(0);
    await expect(db.accounts.get('c1')).resolves.toMatchObject({ settings: { brand: 'callgear', identity: 'integration' } });
    db.close();
  });

  test('v3 → v4 counts the inbox it finds, and the counts then follow every write', async () => {
    const name = `migrate-${Math.random()}`;
    const old = new Dexie(name);
    old.version(3).stores({ accounts: 'id, kind', settings: 'key', secrets: 'id', inbox: 'key, state, dueAt, at, kind, communicationId', steps: '++seq, key', cursors: 'kind', rules: 'kind', userMap: 'autocrmUserId, callgearEmployeeId', links: 'key', cache: 'key', personalManagers: 'phone, state, dueAt, updatedAt' });
    await old.table('inbox').bulkPut([{ key: 'call:1', state: 'done', at: 'a' }, { key: 'call:2', state: 'done', at: 'b' }, { key: 'call:3', state: 'new', at: 'c' }]);
    old.close();

    const db = openDb(name);
    expect((await db.tallies.get(INBOX_COUNTS_KEY))?.counts).toEqual({ done: 2, new: 1 });
    await db.inbox.update('call:3', { state: 'done' });
    await db.inbox.delete('call:1');
    expect((await db.tallies.get(INBOX_COUNTS_KEY))?.counts).toEqual({ done: 2, new: 0 });
    expect(db.verno).toBe(5);
    db.close();
  });
});
