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
    await expect(db.accounts.get('a1')).resolves.toEqual({ id: 'a1', kind: 'autocrm', name: 'Север', settings: { url: 'https://sever.autocrm.ru', login: 'api' } });
    await expect(db.secrets.get('a1')).resolves.toEqual({ id: 'a1', secret: 'secret-pass' });
    await expect(db.settings.get('role')).resolves.toEqual({ key: 'role', value: 'coordinator' });
    expect(db.verno).toBe(4);
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
    expect(db.verno).toBe(4);
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
    expect(db.verno).toBe(4);
    db.close();
  });
});
