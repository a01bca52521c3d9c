import { describe, expect, test } from 'vitest';
import { AUTOCRM_PAGES_KEY } from '../check-session';
import { openDb } from '../db';
import { PageNotes } from './page-notes';

describe('notes that an AutoCRM page spoke', () => {
  test('a page is noted once an hour, the softphone once a minute: bursts make no bursts of writes', async () => {
    const db = openDb(`notes-${Math.random()}`);
    let now = 1_000_000;
    const notes = new PageNotes(db, () => now);
    const seen = async () => (await db.settings.get(AUTOCRM_PAGES_KEY))?.value;
    await notes.page();
    expect(await seen()).toEqual({ pageAt: 1_000_000, softphoneAt: null });
    now += 30 * 60_000;
    await notes.page();
    await notes.softphone();
    expect(await seen()).toEqual({ pageAt: now, softphoneAt: now });
    const noted = now;
    now += 30_000;
    await notes.softphone();
    await notes.page();
    expect(await seen()).toEqual({ pageAt: noted, softphoneAt: noted });
    now += 31 * 60_000;
    await notes.page();
    expect(await seen()).toEqual({ pageAt: now, softphoneAt: noted });
  });
});
