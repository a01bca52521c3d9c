import { describe, expect, test } from 'vitest';
import { useSimulators } from '../sim/use-simulators';
import { duplicateMarkers, NO_DUPLICATES } from '../sim/duplicates';
import { accountNow } from '../sim/callgear/fixtures';
import { QUIRK_VARIANTS, type AutocrmQuirks } from '../sim/autocrm/quirks';
import { createPipeline, settle, TestClock, TEST_RULES } from './pipeline-harness';
import type { Rules } from '@/lib/rules/schema';

/**
 * The pipeline across AutoCRM's undocumented behaviours: every cell of a covering set of the quirk
 * switches (each pair of variants of any two switches occurs in some cell) ends with every communication
 * finished, none stopped, and nothing created twice. A few communications per cell keep it fast; answers
 * lost after the work was done force the retry paths (marker look-ups, the /call window, phone searches).
 */
const { autocrm, callgear } = useSimulators();

type Cell = AutocrmQuirks;
type Switch = keyof AutocrmQuirks;
const SWITCHES = Object.keys(QUIRK_VARIANTS) as Switch[];

/** Every combination of the switches' variants. */
function allCells(): Cell[] {
  return SWITCHES.reduce<Partial<Cell>[]>((cells, name) => cells.flatMap((cell) => (QUIRK_VARIANTS[name] as Cell[Switch][]).map((variant) => ({ ...cell, [name]: variant }))), [{}]) as Cell[];
}

const pairsOf = (cell: Cell): string[] =>
  SWITCHES.flatMap((a, i) => SWITCHES.slice(i + 1).map((b) => `${a}=${String(cell[a])}&${b}=${String(cell[b])}`));

/** A pairwise covering set, chosen greedily (deterministic: ties go to the first cell in product order). */
function coveringCells(): Cell[] {
  const candidates = allCells();
  const uncovered = new Set(candidates.flatMap(pairsOf));
  const chosen: Cell[] = [];
  while (uncovered.size > 0) {
    let best = candidates[0]!;
    let bestGain = -1;
    for (const cell of candidates) {
      const gain = pairsOf(cell).filter((pair) => uncovered.has(pair)).length;
      if (gain > bestGain) [best, bestGain] = [cell, gain];
    }
    for (const pair of pairsOf(best)) uncovered.delete(pair);
    chosen.push(best);
  }
  return chosen;
}

/** The harness's rules, with Telegram chats creating business clients (so company phones matter). */
const RULES: Rules = {
  ...TEST_RULES,
  chats: {
    ...TEST_RULES.chats,
    clarifying: [{ id: 'telegram-business', name: 'Telegram: компании', enabled: true, when: { op: 'and', items: [{ field: 'chat_channel_type', op: 'eq', value: 'telegram' }] }, fields: { clientType: 'business' } }],
  },
};

/** A few communications that reach every lookup: seeded clients' numbers, repeats of one number, each kind. */
function addCommunications(): number {
  const at = (minutes: number) => accountNow().minus({ minutes });
  const repeat = '79161230001';
  callgear.sim.addCall({ start: at(50), contact: '79123456789', employeeId: 9001, campaignId: 701 }); // client 1, stored "8 (912) 345-67-89"
  callgear.sim.addCall({ start: at(45), contact: repeat, employeeId: 9002 });
  callgear.sim.addCall({ start: at(40), contact: repeat, lost: true, employeeId: null });
  callgear.sim.addCall({ start: at(35), contact: '79031230002', scenarioId: 302, virtualNumber: '74953330000', employeeId: 9003 });
  callgear.sim.addChat({ start: at(30), channelId: 902, visitorPhone: '79261230003', employeeId: 9001 });
  callgear.sim.addChat({ start: at(25), channelId: 901, visitorPhone: repeat, employeeId: 9001 });
  callgear.sim.addLead({ start: at(20), visitorPhone: '79851230004' });
  callgear.sim.addLead({ start: at(15), visitorPhone: repeat });
  // Seeded clients stored in forms every phoneMatch finds ("+79161112233", company "74957770011"): found,
  // never created again (the duplicates check compares created clients with the seeded ones too).
  callgear.sim.addChat({ start: at(10), channelId: 901, visitorPhone: '79161112233', employeeId: 9002 });
  callgear.sim.addChat({ start: at(5), channelId: 902, visitorPhone: '74957770011', employeeId: 9003 });
  return 10;
}

describe('the pipeline across AutoCRM quirks (pairwise covering set)', () => {
  const cells = coveringCells();

  test('the covering set holds every pair of variants', () => {
    const covered = new Set(cells.flatMap(pairsOf));
    expect([...new Set(allCells().flatMap(pairsOf))].filter((pair) => !covered.has(pair))).toEqual([]);
    expect(cells.length).toBeLessThan(allCells().length);
  });

  test.each(cells.map((cell, i) => [i + 1, JSON.stringify(cell), cell] as const))('cell %i %s: 0 lost, 0 duplicates', async (index, _label, cell) => {
    autocrm.sim.setQuirks(cell);
    // Lost answers after the work was done make the product look for what it already created.
    autocrm.sim.setFaults({ timeoutRate: 0.06, timeoutMode: 'after', hangMs: 400, error5xxRate: 0.03, seed: 100 + index });
    const clock = new TestClock();
    const expected = addCommunications();
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock, rules: RULES, timeoutMs: 300 });
    await settle(p, clock, 'quirks', 40);
    const items = await p.db.inbox.toArray();
    expect(items).toHaveLength(expected);
    expect.soft(items.filter((i) => !['done', 'skipped'].includes(i.state)).map((i) => `${i.key}: ${i.state}: ${i.reason}`)).toEqual([]);
    expect(duplicateMarkers(autocrm.sim)).toEqual(NO_DUPLICATES);
    p.db.close();
  }, 120_000);
});
