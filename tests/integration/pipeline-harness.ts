import { AutocrmClient } from '@/lib/autocrm/client';
import { CallGearClient } from '@/lib/callgear/client';
import { NEVER, openDb, type AppDb } from '@/lib/db';
import { isApiError } from '@/lib/api-error';
import { Inbox } from '@/lib/pipeline/inbox';
import { Intake, reportSourceOf } from '@/lib/pipeline/intake';
import { Processor } from '@/lib/pipeline/processor';
import { DEFAULT_HOURS, DEFAULT_INSTALLATION, DEFAULT_INTAKE, type InstallationSettings, type PipelineConfig } from '@/lib/pipeline/config';
import { inProcessRenderer } from '@/lib/templates/engine';
import type { TemplateRenderer } from '@/lib/templates/render-protocol';
import type { Rules } from '@/lib/rules/schema';
import { DEFAULT_TEMPLATES } from '@/lib/rules/defaults';
import { CALLGEAR_KEYS } from '../sim/callgear/server';
import { seededRandom } from '../sim/http-util';

/** The interpreter in Node: the same module the service worker renders with. */
export function nodeRenderer(): TemplateRenderer {
  return inProcessRenderer;
}

/** A clock the test moves forward (retries, leases, deferrals) while the simulators keep real time. */
export class TestClock {
  offset = 0;
  now = () => Date.now() + this.offset;
  advance(minutes: number) {
    this.offset += minutes * 60_000;
  }
}

/** A dealership's rules exercising every path: inquiries, service inquiries, worksheets, nothing, tasks, filters. */
export const TEST_RULES: Rules = {
  incomingCalls: {
    base: {
      entity: 'inquiry', salonId: 1, contactType: 5, requestTypeId: 1, responsibleId: null,
      templates: { comment: DEFAULT_TEMPLATES.incomingCalls.comment, source: '{{ campaign_name or "Телефония CallGear" }}', subSource: '{{ utm_campaign }}' },
      missedTask: { enabled: true, authorId: 1, executorId: 43, hours: 2 },
    },
    clarifying: [
      { id: 'service-ivr', name: 'Сервис (IVR 2)', enabled: true, when: { op: 'and', items: [{ field: 'scenario_id', op: 'eq', value: 302 }] }, fields: { entity: 'serviceInquiry', salonId: 3, responsibleId: 45, templates: { source: 'Сервис: {{ virtual_phone_number | phone }}' } } },
      { id: 'spam', name: 'Спам', enabled: true, when: { op: 'and', items: [{ field: 'tag_id', op: 'eq', value: 603 }] }, fields: { entity: 'nothing' } },
    ],
  },
  outgoingCalls: { base: { entity: 'nothing' }, clarifying: [] },
  chats: {
    base: { entity: 'worksheet', repeatEntity: 'inquiry', caseKind: 'retail', brandId: 152, modelId: 19585, salonId: 1, contactType: 11, requestTypeId: 1, responsibleId: 42, templates: { source: '{{ chat_channel_name }}', comment: DEFAULT_TEMPLATES.chats.comment } },
    clarifying: [],
  },
  leads: {
    base: { entity: 'inquiry', salonId: 1, contactType: 11, requestTypeId: 1, responsibleId: 43, inquiryStatuses: [1, 2], templates: { source: '{{ campaign_name or site_domain_name }}', subSource: '{{ form_name }}', comment: DEFAULT_TEMPLATES.leads.comment } },
    clarifying: [],
  },
};

export const EMPLOYEE_USERS: Record<number, number> = { 9001: 42, 9002: 43, 9003: 44 };

export interface PipelineOptions {
  autocrmUrl: string;
  callgearUrl: string;
  clock: TestClock;
  installation?: Partial<InstallationSettings>;
  rules?: Rules;
  /** Wraps the AutoCRM client (fault injection of the worker itself). */
  wrapAutocrm?: (client: AutocrmClient) => AutocrmClient;
  dbName?: string;
  timeoutMs?: number;
}

export interface TestPipeline {
  db: AppDb;
  inbox: Inbox;
  intake: Intake;
  processor: Processor;
  autocrm: AutocrmClient;
  callgear: CallGearClient;
  config: PipelineConfig;
  /** Polls every kind, as a coordinator's alarm would. */
  pollAll(): Promise<void>;
}

export function createPipeline(o: PipelineOptions): TestPipeline {
  const db = openDb(o.dbName ?? `pipeline-${Math.random()}`);
  const inbox = new Inbox(db, o.clock.now);
  const base = new AutocrmClient({ url: o.autocrmUrl, auth: { kind: 'bearer', token: 'sim-key-integration' }, timeoutMs: o.timeoutMs ?? 1_000 });
  const autocrm = o.wrapAutocrm ? o.wrapAutocrm(base) : base;
  const callgear = new CallGearClient({ dataApiUrl: `${o.callgearUrl}/v2.0`, callApiUrl: `${o.callgearUrl}/v4.0`, auth: { kind: 'token', token: CALLGEAR_KEYS.permanent }, timeoutMs: o.timeoutMs ?? 1_000 });
  const config: PipelineConfig = {
    rules: o.rules ?? TEST_RULES,
    hours: DEFAULT_HOURS,
    installation: { ...DEFAULT_INSTALLATION, ...o.installation },
    intake: DEFAULT_INTAKE,
    dealershipZone: 'Europe/Moscow',
  };
  const intake = new Intake(db, inbox, reportSourceOf(callgear), config.intake, o.clock.now);
  const processor = new Processor({
    db, inbox, autocrm, renderer: nodeRenderer(), now: o.clock.now,
    config: async () => config,
    userOfEmployee: async (employeeId) => EMPLOYEE_USERS[employeeId] ?? null,
    random: seededRandom(11),
  });
  return {
    db, inbox, intake, processor, autocrm, callgear, config,
    async pollAll() {
      for (const kind of ['call', 'chat', 'lead'] as const) await intake.poll(kind);
    },
  };
}

/**
 * Simulates a service worker killed mid-step: after `afterCalls` AutoCRM requests, every further
 * request from this worker hangs forever (a dead worker does nothing more). Optionally the request
 * that "kills" it reaches AutoCRM first, so its effect exists without the worker having recorded it.
 */
export function killable(afterCalls: number, { reachServer = true } = {}) {
  let calls = 0;
  const state = { dead: false };
  const wrap = (client: AutocrmClient): AutocrmClient =>
    new Proxy(client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (state.dead) return new Promise(() => undefined);
          calls++;
          if (calls < afterCalls) return value.apply(target, args);
          state.dead = true;
          if (!reachServer) return new Promise(() => undefined);
          return (value.apply(target, args) as Promise<unknown>).then(() => new Promise(() => undefined));
        };
      },
    });
  return { wrap, state };
}

/** Runs a drain that may never finish (a killed worker): gives up on it after `ms`. */
export async function drainOrAbandon(pipeline: TestPipeline, owner: string, ms: number): Promise<'finished' | 'abandoned'> {
  const timer = new Promise<'abandoned'>((resolve) => setTimeout(() => resolve('abandoned'), ms));
  return Promise.race([pipeline.processor.drain({ owner, budgetMs: 60 * 60_000 }).then(() => 'finished' as const), timer]);
}

/**
 * Polls (a failed poll is retried next round, as the alarm would) and drains, moving the clock past
 * retries, leases, hand-overs and deferrals, until every item is finished.
 */
export async function settle(p: TestPipeline, clock: TestClock, owner = 'worker', rounds = 30): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    let polled = true;
    try {
      await p.pollAll();
    } catch (error) {
      if (!isApiError(error) || !error.retryable) throw error;
      polled = false;
    }
    await p.processor.drain({ owner: `${owner}-${round}` });
    const waiting = await p.db.inbox.where('dueAt').below(NEVER).count();
    if (waiting === 0 && polled && round > 0) return;
    clock.advance(20);
  }
}
