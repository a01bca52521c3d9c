import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AutocrmClient } from '@/lib/autocrm/client';
import { lookupCaller, LookupRefused } from '@/lib/caller-lookup';
import { startAutocrmSim, type AutocrmSim } from '../sim/autocrm/server';
import type { RunningServer } from '../sim/serve';

let sim: AutocrmSim;
let server: RunningServer;
let client: AutocrmClient;

beforeAll(async () => {
  ({ sim, server } = await startAutocrmSim());
});
afterAll(() => server.close());
beforeEach(() => {
  sim.reset();
  client = new AutocrmClient({ url: server.url(), auth: { kind: 'bearer', token: 'sim-key-integration' } });
});

/** The values the look-up put into AutoCRM's phone filters (`/client?phone=`, `/leads/request?phone=`, `/retailCase?clientPhone=`). */
const phoneFilterValues = () => sim.log.flatMap((entry) => [entry.query.phone, entry.query.clientPhone].filter((v): v is string => v !== undefined));

describe('caller look-up sends only phone numbers to AutoCRM', () => {
  test.each([['%%%'], ['101'], ['abc'], ['+7 912'], ["1' OR '1'='1"]])('%s is refused before any AutoCRM request', async (raw) => {
    await expect(lookupCaller(client, raw, new Map())).rejects.toBeInstanceOf(LookupRefused);
    expect(sim.log).toEqual([]);
  });

  test('a number as written on a page is searched only in its phone forms', async () => {
    const info = await lookupCaller(client, '8 (912) 345-67-89', new Map());
    expect(info.phone).toBe('+79123456789');
    expect(info.client?.name).toBe('Иванов Сергей Петрович');
    const values = phoneFilterValues();
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => ['+79123456789', '79123456789', '9123456789', '89123456789'].includes(v))).toBe(true);
  });
});
