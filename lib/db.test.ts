import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { openDb } from './db';

describe('schema migrations', () => {
  test('v1 → v2 keeps accounts and moves any secret out of their settings', async () => {
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
    expect(db.verno).toBe(2);
    db.close();
  });
});
