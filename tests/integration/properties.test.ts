import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { toCommunication } from '@/lib/domain/communication';
import { callRowSchema } from '@/lib/callgear/types';
import { decide } from '@/lib/pipeline/decide';
import { DEFAULT_HOURS } from '@/lib/pipeline/config';
import { defaultRules } from '@/lib/rules/defaults';
import { formatPhone, phoneSearchVariants, toE164 } from '@/lib/phone';
import { render } from '@/lib/templates/engine';
import { templateContext } from '@/lib/templates/context';
import { Inbox } from '@/lib/pipeline/inbox';
import { Intake, type ReportSource } from '@/lib/pipeline/intake';
import { openDb } from '@/lib/db';

const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: false }), fc.array(fc.string(), { maxLength: 3 }));
/** Report rows as CallGear might send them, valid or not: known fields with random types, plus junk. */
const looseCallRow = fc.record(
  {
    id: fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.string(), fc.constant(null)),
    start_time: fc.oneof(fc.constant('2026-11-24 10:00:00'), fc.string(), fc.constant(null)),
    direction: fc.oneof(fc.constantFrom('in', 'out'), fc.string()),
    is_lost: fc.oneof(fc.boolean(), value),
    contact_phone_number: fc.oneof(fc.string(), fc.constant('79123456789'), fc.constant(null)),
    last_answered_employee_id: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
    tags: fc.oneof(fc.constant([]), fc.array(fc.record({ tag_id: fc.integer(), tag_name: fc.string() }), { maxLength: 3 }), value),
  },
  { requiredKeys: [] },
);

describe('properties: generated input never crashes the pipeline; bad rows are quarantined with a reason, or a page of only bad rows is one error', () => {
  test('intake turns every row into an inbox item or a quarantined one with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(looseCallRow, { maxLength: 12 }), async (rows) => {
        const db = openDb(`prop-${Math.random()}`);
        const inbox = new Inbox(db);
        const source: ReportSource = {
          timezone: async () => 'Europe/Moscow',
          page: async () => {
            const good: Record<string, unknown>[] = [];
            const rejected: { id: unknown; raw: unknown; reason: string }[] = [];
            for (const row of rows) {
              const parsed = callRowSchema.safeParse(row);
              if (parsed.success) good.push(parsed.data);
              else rejected.push({ id: (row as { id?: unknown }).id, raw: row, reason: parsed.error.issues[0]!.message });
            }
            return { rows: good as never, rejected, total: rows.length };
          },
          communications: async () => ({ rows: [], rejected: [], total: 0 }),
          pointsUsed: () => 0,
        };
        const polled = await new Intake(db, inbox, source).poll('call').then(() => null, (error: unknown) => error);
        const items = await db.inbox.toArray();
        const ids = new Set(rows.map((r) => (r as { id?: unknown }).id).filter((id) => typeof id === 'number'));
        if (polled) {
          // A page with no readable row is one shape error; nothing is taken and the cursor stays for a re-read.
          expect(polled).toMatchObject({ kind: 'invalid-response' });
          expect(items).toEqual([]);
          expect(await db.cursors.get('call')).toBeUndefined();
        } else expect(items.length).toBe(ids.size); // every row with an id is accounted for, once
        for (const item of items.filter((i) => i.state === 'needs-fix')) expect(item.reason).toEqual({ key: 'pipeline.reason.unreadRow' });
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  test('decide gives a plan for any readable call under the default rules', () => {
    fc.assert(
      fc.property(looseCallRow, fc.integer({ min: 0, max: 6 * 24 }), (row, hours) => {
        const parsed = callRowSchema.safeParse(row);
        fc.pre(parsed.success);
        let comm;
        try {
          comm = toCommunication('call', parsed.data as never, 'Europe/Moscow');
        } catch (error) {
          expect(String(error)).toMatch(/report time/); // quarantined by intake with this reason
          return;
        }
        const plan = decide({ comm, ruleSet: defaultRules().incomingCalls, lookups: { takerUserId: null }, hours: { ...DEFAULT_HOURS, onlyInWorkingHours: true, applyToCalls: true }, now: DateTime.fromISO('2026-11-23T00:00', { zone: 'Europe/Moscow' }).plus({ hours }) });
        expect(['create', 'skip', 'defer', 'misconfigured']).toContain(plan.outcome.type);
        expect(plan.explanation.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  test('phone numbers in any format: normalisation never throws, and what it accepts round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+8]?[\d ()-]{7,20}$/)), (text) => {
        const e164 = toE164(text);
        if (e164) {
          expect(e164).toMatch(/^\+\d{11,15}$/);
          expect(toE164(formatPhone(e164))).toBe(e164);
          expect(phoneSearchVariants(text)[0]).toBe(e164);
        } else expect(phoneSearchVariants(text)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  test('any template renders or fails with a message; it never throws and never exceeds the field limit', () => {
    const piece = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('{{', '}}', '{%', '%}', ' or ', ' | upper', ' | phone', 'campaign_name', '"x"', ' if ', 'endif', '~', '(', ')', '.constructor', '[', ']'));
    const ctx = templateContext(toCommunication('call', { id: 1, start_time: '2026-11-24 10:00:00', direction: 'in', is_lost: false, contact_phone_number: '79123456789', campaign_name: 'Директ' }, 'Europe/Moscow'), 'Europe/Moscow');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const result = render({ template: parts.join(''), context: ctx, maxLength: 255 });
        if (result.ok) expect(result.text.length).toBeLessThanOrEqual(255);
        else expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
