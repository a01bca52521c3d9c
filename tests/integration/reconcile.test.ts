import { beforeEach, describe, expect, test } from 'vitest';
import { useSimulators } from '../sim/use-simulators';
import { duplicateMarkers, NO_DUPLICATES } from '../sim/duplicates';
import { accountNow } from '../sim/callgear/fixtures';
import { createPipeline, TestClock, type TestPipeline } from './pipeline-harness';
import { reportSourceOf } from '@/lib/pipeline/intake';
import { cursorsOf, inboxItemsSince, reconcile, reconcileSourceOf, takeIn } from '@/lib/pipeline/reconcile';

const { autocrm, callgear } = useSimulators();
let clock: TestClock;

beforeEach(() => {
  clock = new TestClock();
});

const ZONE = 'Europe/Moscow';

function reconcileOf(p: TestPipeline) {
  const source = reconcileSourceOf(p.callgear, () => reportSourceOf(p.callgear).timezone());
  return (days = 7) => reconcile({ source, itemsSince: inboxItemsSince(p.db), readUpTo: cursorsOf(p.db, p.config.intake), zone: ZONE, now: clock.now }, days);
}

const takeInOf = (p: TestPipeline) => (kind: 'call' | 'chat' | 'lead', ids: number[]) =>
  takeIn({ source: reportSourceOf(p.callgear), inbox: p.inbox, db: p.db, now: clock.now }, kind, ids, 7);

const totals = (rows: Awaited<ReturnType<ReturnType<typeof reconcileOf>>>['rows'], kind: string) =>
  rows.filter((r) => r.kind === kind).reduce((sum, r) => ({ inCallGear: sum.inCallGear + r.inCallGear, inInbox: sum.inInbox + r.inInbox, created: sum.created + r.created, skipped: sum.skipped + r.skipped }), { inCallGear: 0, inInbox: 0, created: 0, skipped: 0 });

describe('reconciliation against the strict simulators', () => {
  test('finds a planted gap with its id, takes it in, the pipeline processes it, and nothing is duplicated', async () => {
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock });
    const answered = callgear.sim.addCall({ start: accountNow().minus({ hours: 2 }), employeeId: 9001, contact: '79161110001' });
    const outgoing = callgear.sim.addCall({ start: accountNow().minus({ hours: 2 }), direction: 'out', employeeId: 9002, contact: '79161110002' });
    const lead = callgear.sim.addLead({ start: accountNow().minus({ hours: 1 }), visitorPhone: '79161110003' });
    await p.pollAll();
    clock.advance(20); // past the hand-over to the coordinator
    await p.processor.drain({ owner: 'w1' });

    // Gap 1: a call CallGear lists late, with a start before the re-read window (cursor − overlap − longest call).
    const late = callgear.sim.addCall({ start: accountNow().minus({ hours: 6 }), employeeId: 9001, contact: '79161110004' });
    await p.pollAll();
    expect(await p.db.inbox.get(`call:${late.id}`)).toBeUndefined();
    // Gap 2: an inbox item lost with its record of what was created, after it was processed (its AutoCRM
    // inquiry exists, marked).
    expect(await p.db.inbox.get(`lead:${lead.id}`)).toMatchObject({ state: 'done' });
    await p.db.inbox.delete(`lead:${lead.id}`);
    await p.db.links.delete(`lead:${lead.id}`);

    // Not a gap: a call the next poll reads (it re-reads from the cursor less the overlap on).
    const fresh = callgear.sim.addCall({ start: accountNow().minus({ minutes: 1 }), employeeId: 9001, contact: '79161110005' });
    clock.advance(1);

    const before = callgear.sim.pointsUsed;
    const result = await reconcileOf(p)();
    expect(result.gaps.map((g) => [g.kind, g.id, g.reconcileKind]).sort()).toEqual([['call', late.id, 'callIn'], ['lead', lead.id, 'lead']].sort());
    expect(totals(result.rows, 'callIn')).toMatchObject({ inCallGear: 3, inInbox: 1, created: 1 });
    expect(result.rows.reduce((n, r) => n + r.notYetRead, 0)).toBe(1);
    expect(result.gaps.map((g) => g.id)).not.toContain(fresh.id);
    expect(totals(result.rows, 'callOut')).toMatchObject({ inCallGear: 1, inInbox: 1, skipped: 1 });
    expect(totals(result.rows, 'lead')).toMatchObject({ inCallGear: 1, inInbox: 0 });
    // The run costs what it says: one page per report here, plus get.account for the zone (not cached
    // in this test), within the bound shown before it ran.
    expect(result.points).toBe(callgear.sim.pointsUsed - before);
    expect(result.points).toBe(result.cost.expected + 1);
    expect(result.points).toBeLessThanOrEqual(result.cost.max);
    expect(outgoing.id).toBeGreaterThan(0);

    expect(await takeInOf(p)('call', [late.id])).toEqual({ taken: 1, already: [], notFound: [], unreadable: [] });
    expect(await takeInOf(p)('lead', [lead.id])).toEqual({ taken: 1, already: [], notFound: [], unreadable: [] });
    // A second click takes nothing in twice.
    expect(await takeInOf(p)('call', [late.id])).toMatchObject({ taken: 0, already: [late.id] });
    clock.advance(20);
    await p.processor.drain({ owner: 'w2' });

    expect(await p.db.inbox.get(`call:${late.id}`)).toMatchObject({ state: 'done', created: [expect.objectContaining({ entity: 'inquiry' })] });
    // The lead's inquiry existed already: the leads rule (open inquiries in statuses 1, 2) skips it, saying which.
    expect(await p.db.inbox.get(`lead:${lead.id}`)).toMatchObject({ state: 'skipped', reason: { key: 'pipeline.reason.openInquiry', params: { id: expect.any(Number) } } });
    expect(autocrm.sim.createdOf('leads/request').filter((c) => (c.body as { external_id?: string }).external_id === `callgear:lead:${lead.id}`)).toHaveLength(1);
    expect(duplicateMarkers(autocrm.sim)).toEqual(NO_DUPLICATES);

    const after = await reconcileOf(p)();
    expect(after.gaps).toEqual([]);
    expect(answered.id).not.toBe(late.id);
  });

  test('an id the report no longer lists is said so, not taken in', async () => {
    const p = createPipeline({ autocrmUrl: autocrm.server.url(), callgearUrl: callgear.server.url(), clock });
    expect(await takeInOf(p)('chat', [123_456])).toEqual({ taken: 0, already: [], notFound: [123_456], unreadable: [] });
    expect(await p.db.inbox.count()).toBe(0);
  });
});
