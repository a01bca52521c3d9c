import { DateTime } from 'luxon';
import type { AutocrmClient, CaseKind } from '../autocrm/client';
import { entityUrl } from '../autocrm/links';
import { isApiError } from '../api-error';
import { markerOf, type Communication } from '../domain/communication';
import type { AppDb, EntityRef, LinkRecord } from '../db';
import { toCallFormat } from '../phone';
import type { MergedRule } from '../rules/merge';
import { FIELD_LIMITS } from './limits';
import type { RenderError, TemplateContext, TemplateRenderer } from '../templates/render-protocol';
import { neededLookups } from './decide';
import type { Inbox } from './inbox';
import type { CreatePlan, Lookups, Plan, TaskPlan } from './plan';

/** AutoCRM keeps local Moscow time without an offset (research U11). */
export const AUTOCRM_ZONE = 'Europe/Moscow';

const autocrmTime = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(AUTOCRM_ZONE).toFormat('yyyy-MM-dd HH:mm:ss');
const autocrmFilterTime = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(AUTOCRM_ZONE).toFormat('dd.MM.yyyy HH:mm');

/** A template that did not render: the item stops as needs-fix with the field and the position. */
export class TemplateFailure extends Error {
  constructor(
    readonly field: string,
    readonly error: RenderError,
  ) {
    super(`${field}: ${error.message}`);
  }
}

export interface ActDeps {
  db: AppDb;
  inbox: Inbox;
  autocrm: AutocrmClient;
  renderer: TemplateRenderer;
  now: () => number;
}

export const FOUND_BY_MARKER = 'уже было создано (найден маркер): другой установкой или прерванной попыткой';

export interface ActResult {
  state: 'done' | 'skipped';
  reason: string | null;
  created: EntityRef[];
}

/** Runs an AutoCRM request and records it in the item's steps log, with its outcome. */
async function tracked<T>(deps: ActDeps, key: string, label: string, run: () => Promise<T>, summary: (value: T) => unknown = (v) => v): Promise<T> {
  try {
    const value = await run();
    deps.inbox.note(key, 'request', { label, ok: true, result: summary(value) });
    return value;
  } catch (error) {
    deps.inbox.note(key, 'request', { label, ok: false, error: isApiError(error) ? error.toJSON() : String(error) });
    throw error;
  }
}

const idOf = (value: { id: number }) => ({ id: value.id });

/** Looks up what the merged rule needs to decide: the client, their inquiries, their worksheets. */
export async function gatherLookups(deps: ActDeps, key: string, comm: Communication, merged: MergedRule, takerUserId: number | null): Promise<Lookups> {
  const needed = neededLookups(merged);
  const lookups: Lookups = { takerUserId, fresh: true };
  const phone = comm.contactPhone;
  if (!phone) {
    if (needed.client) lookups.client = null;
    return lookups;
  }
  if (needed.client) {
    const clients = await tracked(deps, key, `найти клиента по телефону ${phone}`, () => deps.autocrm.findClientsByPhone(phone), (c) => c.map(idOf));
    lookups.client = clients[0] ? { id: clients[0].id } : null;
  }
  if (needed.inquiries) {
    const inquiries = await tracked(deps, key, `обращения клиента ${phone}`, () => deps.autocrm.findRequestsByPhone(phone), (r) => r.map((i) => ({ id: i.id, status: i.status })));
    lookups.inquiries = inquiries.map((i) => ({ id: i.id, status: i.status ?? null }));
  }
  if (needed.worksheets) {
    const kind: CaseKind = merged.fields.caseKind ?? 'retail';
    const cases = await tracked(deps, key, `рабочие листы клиента ${phone}`, () => deps.autocrm.findCases(kind, { clientPhone: phone }), (r) => r.map((c) => ({ id: c.id, state: c.state })));
    lookups.worksheets = cases.map((c) => ({ id: c.id, state: c.state ?? null, kind }));
  }
  return lookups;
}

async function render(deps: ActDeps, field: string, template: string | undefined, context: TemplateContext, maxLength: number): Promise<string> {
  if (!template) return '';
  const result = await deps.renderer.render({ template, context, maxLength });
  if (!result.ok) throw new TemplateFailure(field, result.error);
  return result.text.trim();
}

/** The rendered texts of a plan, all before any create, so a broken template changes nothing in AutoCRM. */
export async function renderTexts(deps: ActDeps, plan: Plan, context: TemplateContext) {
  const templates = plan.outcome.type === 'create' ? plan.outcome.templates : {};
  return {
    comment: await render(deps, 'comment', templates.comment, context, FIELD_LIMITS.comment),
    source: await render(deps, 'source', templates.source, context, FIELD_LIMITS.source),
    subSource: await render(deps, 'subSource', templates.subSource, context, FIELD_LIMITS.subSource),
    taskTitle: plan.task ? await render(deps, 'taskTitle', plan.task.titleTemplate, context, FIELD_LIMITS.title) : '',
  };
}
export type RenderedTexts = Awaited<ReturnType<typeof renderTexts>>;

/** Source look-ups in progress, per database: concurrent items wait for the same one. */
const sourceLookups = new WeakMap<AppDb, Map<string, Promise<number>>>();

class Shell {
  private readonly marker: string;

  constructor(
    private readonly deps: ActDeps,
    private readonly key: string,
    private readonly comm: Communication,
  ) {
    this.marker = markerOf(comm.kind, comm.id);
  }

  /** This attempt's copy of the link: read once; only this worker writes it while it holds the lease. */
  private cachedLink: LinkRecord | null = null;

  private async link(): Promise<LinkRecord> {
    this.cachedLink ??= (await this.deps.db.links.get(this.key)) ?? { key: this.key };
    return this.cachedLink;
  }

  private async saveLink(patch: Partial<LinkRecord>): Promise<void> {
    this.cachedLink = { ...(await this.link()), ...patch, key: this.key };
    await this.deps.db.links.put(this.cachedLink);
  }

  private url(entity: EntityRef['entity'], id: number): EntityRef {
    return { entity, id, url: entityUrl(this.deps.autocrm.origin, entity, id) };
  }

  /**
   * A Source (or Sub-source) id by name: cached, found, or created; a create that lost a race re-finds.
   * Items processed side by side share one look-up per name.
   */
  private sourceId(name: string, parentId?: number): Promise<number> {
    const cacheKey = parentId === undefined ? `source:${name.toLowerCase()}` : `source2:${parentId}:${name.toLowerCase()}`;
    const inflight = sourceLookups.get(this.deps.db) ?? new Map<string, Promise<number>>();
    sourceLookups.set(this.deps.db, inflight);
    const running = inflight.get(cacheKey);
    if (running) return running;
    const lookup = this.resolveSource(cacheKey, name, parentId).finally(() => inflight.delete(cacheKey));
    inflight.set(cacheKey, lookup);
    return lookup;
  }

  private async resolveSource(cacheKey: string, name: string, parentId?: number): Promise<number> {
    const cached = await this.deps.db.cache.get(cacheKey);
    if (cached) return cached.id;
    const find = async () => {
      const found = parentId === undefined ? await this.deps.autocrm.findSources(name) : await this.deps.autocrm.findSources2(name, parentId);
      return found.find((s) => s.name.toLowerCase() === name.toLowerCase())?.id;
    };
    let id = await tracked(this.deps, this.key, `найти источник «${name}»`, find);
    if (id === undefined) {
      try {
        const created = await tracked(this.deps, this.key, `создать источник «${name}»`, () =>
          parentId === undefined ? this.deps.autocrm.createSource({ name }) : this.deps.autocrm.createSource2({ name, parent_id: parentId }),
        );
        id = created.id;
      } catch (error) {
        if (!isApiError(error) || error.kind !== 'validation') throw error;
        id = await find(); // another installation created it a moment ago
        if (id === undefined) throw error;
      }
    }
    await this.deps.db.cache.put({ key: cacheKey, id, at: this.deps.now() });
    return id;
  }

  async sources(texts: RenderedTexts): Promise<{ sourceId?: number; source2Id?: number }> {
    const link = await this.link();
    if (link.sourceId !== undefined) return { sourceId: link.sourceId, source2Id: link.source2Id };
    const sourceId = texts.source ? await this.sourceId(texts.source) : undefined;
    const source2Id = texts.subSource && sourceId !== undefined ? await this.sourceId(texts.subSource, sourceId) : undefined;
    await this.saveLink({ sourceId, source2Id });
    return { sourceId, source2Id };
  }

  /** An entity another installation (or an earlier attempt) already created for this communication. */
  async existingEntity(entity: CreatePlan['entity'], caseKind: CaseKind): Promise<EntityRef | null> {
    const marker = this.marker;
    const found =
      entity === 'inquiry'
        ? await tracked(this.deps, this.key, `проверить маркер ${marker}`, () => this.deps.autocrm.findRequests({ external_id: marker }), (r) => r.map(idOf))
        : entity === 'serviceInquiry'
          ? await tracked(this.deps, this.key, `проверить маркер ${marker}`, () => this.deps.autocrm.findPreparedServiceCases({ external_id: marker }), (r) => r.map(idOf))
          : await tracked(this.deps, this.key, `проверить маркер ${marker}`, () => this.deps.autocrm.findCases(caseKind, { external_id: marker }), (r) => r.map(idOf));
    return found[0] ? this.url(entity, found[0].id) : null;
  }

  async client(plan: CreatePlan, lookups: Lookups): Promise<number | null> {
    const link = await this.link();
    if (link.clientId !== undefined) return link.clientId;
    if (lookups.client) return lookups.client.id;
    const phone = this.comm.contactPhone;
    // Looked up in this very attempt: no need to ask again. Otherwise an earlier attempt may have
    // created the client before recording it, so it is searched for first.
    if (phone && !(lookups.fresh && lookups.client === null)) {
      // An earlier attempt may have created the client before it was recorded: find it by phone first.
      const found = await tracked(this.deps, this.key, `найти клиента ${phone}`, () => this.deps.autocrm.findClientsByPhone(phone), (c) => c.map(idOf));
      if (found[0]) {
        await this.saveLink({ clientId: found[0].id });
        return found[0].id;
      }
    }
    if (!plan.createClient) return null;
    const v = this.comm.variables;
    const name = String(v.visitor_name ?? v.contact_full_name ?? '').trim() || 'Клиент CallGear';
    const type = plan.fields.clientType ?? 'individual';
    const phones = phone ? [{ type: 2, number: phone }] : [];
    const client = await tracked(this.deps, this.key, 'создать клиента', () =>
      this.deps.autocrm.createClient(type, type === 'business' ? { name, phones } : { firstName: name, email: v.visitor_email ?? undefined, phones }), idOf);
    await this.saveLink({ clientId: client.id });
    return client.id;
  }

  /** Logs a call in AutoCRM with its record link, once: an unrecorded earlier attempt is found by its call_id. */
  async logCall(salonId: number | undefined, responsibleId: number | null, sources: { sourceId?: number; source2Id?: number }): Promise<number | null> {
    if (this.comm.kind !== 'call') return null;
    const link = await this.link();
    if (link.callId !== undefined) return link.callId;
    const v = this.comm.variables;
    const customer = toCallFormat(this.comm.contactPhone ?? (v.contact_phone_number as string));
    const ours = toCallFormat(v.virtual_phone_number as string);
    const start = autocrmTime(this.comm.at);
    const previous = await tracked(this.deps, this.key, 'найти ранее записанный звонок', () =>
      this.deps.autocrm.findCalls({ start: autocrmFilterTime(this.comm.at), end: autocrmFilterTime(this.comm.at) }), (c) => c.map(idOf));
    const existing = previous.find((c) => c.call_id === this.marker);
    const seconds = Number(v.total_duration ?? 0);
    const body = {
      entry_id: String(this.comm.communicationId ?? this.comm.id),
      call_id: this.marker,
      datetime: start,
      datetime_end: DateTime.fromFormat(start, 'yyyy-MM-dd HH:mm:ss').plus({ seconds }).toFormat('yyyy-MM-dd HH:mm:ss'),
      from: this.comm.direction === 'out' ? ours : customer,
      to: this.comm.direction === 'out' ? customer : ours,
      status: this.comm.lost ? 'new' : 'answered',
      direction: this.comm.direction === 'out' ? 'outgoing' : 'incoming',
      record: (v.full_record_file_link as string | null) ?? undefined,
      user_id: responsibleId ?? undefined,
      autosalon_id: salonId,
      information_source_id: sources.sourceId,
      specifying_information_source_id: sources.source2Id,
    };
    const callId = existing?.id ?? (await tracked(this.deps, this.key, 'записать звонок с записью разговора', () => this.deps.autocrm.createCall(body), idOf)).id;
    await this.saveLink({ callId });
    return callId;
  }

  async create(plan: CreatePlan, texts: RenderedTexts, clientId: number | null, callId: number | null, sources: { sourceId?: number; source2Id?: number }): Promise<EntityRef> {
    const link = await this.link();
    if (link.entity) return link.entity;
    const f = plan.fields;
    const v = this.comm.variables;
    const phone = this.comm.contactPhone ?? undefined;
    const name = String(v.visitor_name ?? v.contact_full_name ?? '').trim() || undefined;
    let ref: EntityRef;
    if (plan.entity === 'inquiry') {
      if (sources.sourceId === undefined) throw new TemplateFailure('source', { kind: 'runtime', message: 'шаблон источника дал пустой текст, а обращению AutoCRM нужен источник' });
      const created = await tracked(this.deps, this.key, 'создать обращение', () =>
        this.deps.autocrm.createRequest({
          salon_id: f.salonId, type: f.contactType, request_type_id: f.requestTypeId, source_id: sources.sourceId, source2_id: sources.source2Id,
          client_type: f.clientType ?? 'individual', phone, first_name: name, email: v.visitor_email ?? undefined, comment: texts.comment || undefined,
          assignee_id: plan.responsibleId ?? undefined, external_id: this.marker, clientId: clientId ?? undefined, call2_id: callId ?? undefined,
          utm_source: v.utm_source ?? undefined, utm_medium: v.utm_medium ?? undefined, utm_campaign: v.utm_campaign ?? undefined, utm_content: v.utm_content ?? undefined, utm_term: v.utm_term ?? undefined,
          form_link: v.communication_page_url ?? undefined,
        }), idOf);
      ref = this.url('inquiry', created.id);
    } else if (plan.entity === 'serviceInquiry') {
      const created = await tracked(this.deps, this.key, 'создать сервисное обращение', () =>
        this.deps.autocrm.createPreparedServiceCase({
          salonId: f.salonId, primaryStatus: f.contactType ?? 5, managerId: plan.responsibleId ?? undefined, sourceId: sources.sourceId, source2Id: sources.source2Id,
          comment: texts.comment || undefined, clientId: clientId ?? undefined, phoneNumber: phone, firstName: name, email: v.visitor_email ?? undefined,
          external_id: this.marker, call2Id: callId ?? undefined,
        }), idOf);
      ref = this.url('serviceInquiry', created.id);
    } else {
      const kind: CaseKind = f.caseKind ?? 'retail';
      const created = await tracked(this.deps, this.key, 'создать рабочий лист', () =>
        this.deps.autocrm.createCase(kind, {
          salonId: f.salonId, primaryContactType: f.contactType ?? 5, assigneeId: plan.responsibleId, brandId: f.brandId, modelId: f.modelId, clientId,
          externalId: this.marker, call2Id: callId ?? undefined, informationSourceId: sources.sourceId, specifyingInformationSourceId: sources.source2Id,
        }), idOf);
      ref = this.url('worksheet', created.id);
    }
    await this.saveLink({ entity: ref });
    return ref;
  }

  async remember(entity: EntityRef): Promise<void> {
    await this.saveLink({ entity });
  }

  /**
   * A worksheet takes its comment as a case event: a step of its own, and an identical comment already
   * on the case (an earlier attempt, another installation) is not added again.
   */
  async comment(worksheet: EntityRef, comment: string): Promise<void> {
    const link = await this.link();
    if (!comment || link.commented) return;
    const events = await tracked(this.deps, this.key, 'комментарии рабочего листа', () => this.deps.autocrm.findEvents({ caseId: worksheet.id, type: 2 }), (e) => e.map(idOf));
    if (!events.some((e) => e.comment === comment)) {
      await tracked(this.deps, this.key, 'комментарий в рабочий лист', () => this.deps.autocrm.createEvent({ caseId: worksheet.id, type: 2, objectType: 1, comment }), idOf);
    }
    await this.saveLink({ commented: true });
  }

  /** Links the call to an existing inquiry or worksheet (the status filter's "attach"). */
  async attach(target: { entity: 'inquiry' | 'worksheet'; id: number }, callId: number): Promise<void> {
    const link = await this.link();
    if (link.attached) return;
    if (target.entity === 'inquiry') await tracked(this.deps, this.key, `привязать звонок к обращению #${target.id}`, () => this.deps.autocrm.updateRequest(target.id, { call2_id: callId }), idOf);
    else await tracked(this.deps, this.key, `привязать звонок к рабочему листу #${target.id}`, () => this.deps.autocrm.updateCall(callId, { case_id: target.id }), idOf);
    await this.saveLink({ attached: true });
  }

  /** The missed-call task, once: the marker in its text finds an unrecorded earlier attempt. */
  async task(task: TaskPlan, title: string, comment: string, caseId?: number): Promise<EntityRef> {
    const link = await this.link();
    if (link.taskId !== undefined) return this.url('task', link.taskId);
    const previous = await tracked(this.deps, this.key, 'найти ранее созданную задачу', () => this.deps.autocrm.findTasks({ workerId: task.executorId, authorId: task.authorId }), (t) => t.map(idOf));
    const existing = previous.find((t) => (t.text ?? '').includes(this.marker));
    const id =
      existing?.id ??
      (await tracked(this.deps, this.key, 'создать задачу по пропущенному', () =>
        this.deps.autocrm.createTask({
          authorId: task.authorId, workerId: task.executorId, startAt: autocrmTime(new Date(this.deps.now()).toISOString()), endAt: autocrmTime(task.deadline),
          title, text: `${comment ? `${comment}\n` : ''}[${this.marker}]`, ...(caseId ? { objectType: 2, objectId: caseId } : {}),
        }), idOf)).id;
    await this.saveLink({ taskId: id });
    return this.url('task', id);
  }
}

/** Executes a create or skip plan against AutoCRM; every create happens at most once per communication. */
export async function execute(deps: ActDeps, key: string, comm: Communication, plan: Plan, lookups: Lookups, texts: RenderedTexts): Promise<ActResult> {
  const shell = new Shell(deps, key, comm);
  const created: EntityRef[] = [];
  const outcome = plan.outcome;
  if (outcome.type === 'create') {
    const caseKind: CaseKind = outcome.fields.caseKind ?? 'retail';
    const recorded = (await deps.db.links.get(key))?.entity;
    // An entity carrying our marker was created earlier: by another installation, or by an attempt of
    // ours whose answer never arrived. Either way it is not created again; the remaining steps are
    // each idempotent on their own, so they still run.
    const found = recorded ? undefined : ((await shell.existingEntity(outcome.entity, caseKind)) ?? undefined);
    if (found) await shell.remember(found);
    const clientId = recorded || found || outcome.entity !== 'worksheet' ? (lookups.client?.id ?? null) : await shell.client(outcome, lookups);
    if (clientId !== null && outcome.entity === 'worksheet') created.push({ entity: 'client', id: clientId, url: entityUrl(deps.autocrm.origin, 'client', clientId) });
    const sources = await shell.sources(texts);
    const callId = plan.logCall ? await shell.logCall(outcome.fields.salonId, outcome.responsibleId, sources) : null;
    const entity = recorded ?? found ?? (await shell.create(outcome, texts, clientId, callId, sources));
    if (outcome.entity === 'worksheet') await shell.comment(entity, texts.comment);
    created.unshift(entity);
    if (plan.task) created.push(await shell.task(plan.task, texts.taskTitle, texts.comment, outcome.entity === 'worksheet' ? entity.id : undefined));
    return { state: 'done', reason: found ? FOUND_BY_MARKER : null, created };
  }
  if (outcome.type === 'skip') {
    // A deliberate "nothing" leaves AutoCRM alone; a call skipped for an open inquiry is attached to it.
    const callId = plan.logCall && outcome.attachTo ? await shell.logCall(undefined, null, {}) : null;
    if (callId !== null && outcome.attachTo) await shell.attach(outcome.attachTo, callId);
    if (plan.task) created.push(await shell.task(plan.task, texts.taskTitle, ''));
    return { state: 'skipped', reason: outcome.reason, created };
  }
  throw new Error(`execute() got a ${outcome.type} plan`);
}
