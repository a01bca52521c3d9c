import { describe, expect, test } from 'vitest';
import { openDb } from '../db';
import { Inbox } from './inbox';
import { toCommunication } from '../domain/communication';

const call = (id: number) => toCommunication('call', { id, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false }, 'Europe/Moscow');

describe('Inbox', () => {
  test('ingest ignores duplicates and re-reads; a claim leases items; another worker cannot update them', async () => {
    const inbox = new Inbox(openDb(`inbox-${Math.random()}`));
    expect(await inbox.ingest([call(1), call(2), call(1)])).toBe(2);
    expect(await inbox.ingest([call(2)])).toBe(0);
    const claimed = await inbox.claim('a', 10);
    expect(claimed.map((i) => [i.key, i.state, i.attempts])).toEqual([['call:1', 'processing', 1], ['call:2', 'processing', 1]]);
    expect(await inbox.claim('b', 10)).toEqual([]);
    expect(await inbox.update('call:1', 'b', { state: 'done' })).toBe(false);
    expect(await inbox.update('call:1', 'a', { state: 'done' })).toBe(true);
  });

  test('a new worker life releases the leases of the previous one at once', async () => {
    const inbox = new Inbox(openDb(`inbox-${Math.random()}`));
    await inbox.ingest([call(1), call(2)]);
    await inbox.claim('dead-worker', 10);
    expect(await inbox.releaseLeasesNotOwnedBy('new-worker')).toBe(2);
    expect((await inbox.claim('new-worker', 10)).map((i) => i.attempts)).toEqual([2, 2]);
  });
});
