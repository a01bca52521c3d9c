import type { AutocrmClient, CaseKind } from '../autocrm/client';
import { AutocrmCrm, type AttachOutcome } from '../autocrm/crm';
import { entityUrl } from '../autocrm/links';
import { isApiError } from '../api-error';
import { clientNameOf, markerOf, type Communication } from '../domain/communication';
import type { AppDb, EntityRef, LinkRecord } from '../db';
import type { PhoneForm } from '../phone';
import type { MergedRule } from '../rules/merge';
import { FIELD_LIMITS } from './limits';
import { isPhrase, phrase, type Phrase, type Said } from '../phrase';
import type { RenderError, TemplateContext, TemplateRenderer } from '../templates/render-protocol';
import { neededLookups } from './decide';
import type { Inbox } from './inbox';
import { ensure, existing } from './once';
import { idOf, noteShortfall, tracked } from './tracked';
import { sourceIdOf } from './source-ids';
import { LinkKeeper } from './link-keeper';
import type { CreatePlan, Lookups, Plan, TaskPlan } from './plan';

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
  /** The AutoCRM instance's time zone (settings; Europe/Moscow when unset). */
  autocrmZone?: string;
  /** The phone forms AutoCRM's phone filters were seen to match; every form when unset. */
  phoneForms?: readonly PhoneForm[];
}

export const FOUND_BY_MARKER: Phrase = phrase('pipeline.reason.foundByMarker');
export const isFoundByMarker = (reason: Said | null | undefined) => isPhrase(reason) && reason.key === FOUND_BY_MARKER.key;

export interface ActResult {
  state: 'done' | 'skipped';
  reason: Said | null;
  created: EntityRef[];
  /** The link with what the last step recorded, not written yet: the caller writes it with the item's outcome. */
  link?: LinkRecord;
}

const crmOf = (deps: ActDeps) => new AutocrmCrm(deps.autocrm, { zone: deps.autocrmZone, phoneForms: deps.phoneForms });

const CASE_KIND_DEFAULT: CaseKind = 'retail';

/** Looks up what the merged rule needs to decide: the client, their inquiries, their worksheets. */
export async function gatherLookups(deps: ActDeps, key: string, comm: Communication, merged: MergedRule, takerUserId: number | null): Promise<Lookups> {
  const crm = crmOf(deps);
  const needed = neededLookups(merged);
  const lookups: Lookups = { takerUserId, fresh: true };
  const phone = comm.contactPhone;
  if (!phone) {
    if (needed.client) lookups.client = null;
    return lookups;
  }
  if (needed.client) {
    lookups.client = await tracked(deps, key, phrase('pipeline.step.findClientByPhone', { phone }), () => crm.findClientByPhone(phone));
  }
  if (needed.inquiries) {
    lookups.inquiries = await tracked(deps, key, phrase('pipeline.step.clientInquiries', { phone }), () => crm.findInquiriesByPhone(phone));
  }
  if (needed.worksheets) {
    const kind: CaseKind = merged.fields.caseKind ?? CASE_KIND_DEFAULT;
    const cases = await tracked(deps, key, phrase('pipeline.step.clientWorksheets', { phone }), () => crm.findWorksheetsByPhone(kind, phone));
    lookups.worksheets = cases.map((c) => ({ ...c, kind }));
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

type Sources = { sourceId?: number; source2Id?: number };

/** The act step for one communication: every write through the CRM port, each made at most once. */
class Shell {
  private readonly marker: string;
  private readonly crm: AutocrmCrm;

  constructor(
    private readonly deps: ActDeps,
    private readonly key: string,
    private readonly comm: Communication,
    private keeper?: LinkKeeper,
  ) {
    this.marker = markerOf(comm.kind, comm.id);
    this.crm = crmOf(deps);
  }

  /** The link as handed over by the processor, or read once (what the act step alone is given). */
  private async links(): Promise<LinkKeeper> {
    this.keeper ??= new LinkKeeper((await this.deps.db.links.get(this.key)) ?? { key: this.key }, async (link) => void (await this.deps.db.links.put(link)));
    return this.keeper;
  }

  async link(): Promise<LinkRecord> {
    return (await this.links()).current;
  }

  /** Records in the link at once: every create is recorded before the next request of this communication. */
  private async saveLink(patch: Partial<LinkRecord>): Promise<void> {
    await (await this.links()).save(patch);
  }

  /** Records in the link, written with the next record, before the next request, or with the outcome. */
  private async keep(patch: Partial<LinkRecord>): Promise<void> {
    (await this.links()).keep(patch);
  }

  /** Writes what the link holds and was not written yet (before a step that makes requests). */
  private async flush(): Promise<void> {
    await (await this.links()).flush();
  }

  pending(): LinkRecord | undefined {
    return this.keeper?.pending();
  }

  private url(entity: EntityRef['entity'], id: number): EntityRef {
    return { entity, id, url: entityUrl(this.crm.origin, entity, id) };
  }

  private track<T>(label: Phrase, run: () => Promise<T>, summary?: (value: T) => unknown): Promise<T> {
    return tracked(this.deps, this.key, label, run, summary);
  }

  private get name(): string | undefined {
    return clientNameOf(this.comm.variables) ?? undefined;
  }

  private text(name: string): string | undefined {
    const value = this.comm.variables[name];
    return value === null || value === undefined || value === '' ? undefined : String(value);
  }

  async sources(texts: RenderedTexts, salonId: number | undefined): Promise<Sources> {
    const link = await this.link();
    if (link.sourceId !== undefined) return { sourceId: link.sourceId, source2Id: link.source2Id };
    const lookup = { deps: this.deps, key: this.key, crm: this.crm };
    const sourceId = texts.source ? await sourceIdOf(lookup, texts.source, salonId) : undefined;
    const source2Id = texts.subSource && sourceId !== undefined ? await sourceIdOf(lookup, texts.subSource, salonId, sourceId) : undefined;
    // Each id is already kept in the `cache` table when it is created: the link keeps it with its next record.
    await this.keep({ sourceId, source2Id });
    return { sourceId, source2Id };
  }

  /** An entity another installation (or an earlier attempt) already created for this communication. */
  async existingEntity(entity: CreatePlan['entity'], caseKind: CaseKind): Promise<EntityRef | null> {
    const found = await existing({
      recorded: (await this.link()).entity,
      find: async () => {
        const id = await this.track(phrase('pipeline.step.checkMarker', { marker: this.marker }), () => this.crm.findByMarker(entity, caseKind, this.marker));
        return id === null ? null : this.url(entity, id);
      },
    });
    return found?.value ?? null;
  }

  async client(plan: CreatePlan, lookups: Lookups): Promise<number | null> {
    const link = await this.link();
    if (link.clientId !== undefined) return link.clientId;
    if (lookups.client) return lookups.client.id;
    const phone = this.comm.contactPhone ?? undefined;
    // Looked up in this very attempt: no need to ask again. Otherwise an earlier attempt may have
    // created the client before recording it, so it is searched for first.
    const search = phone && !(lookups.fresh && lookups.client === null);
    const find = search ? async () => (await this.track(phrase('pipeline.step.findClient', { phone }), () => this.crm.findClientByPhone(phone), (c) => c && idOf(c)))?.id ?? null : undefined;
    const record = (clientId: number) => this.saveLink({ clientId });
    if (!plan.createClient) {
      const found = await existing({ recorded: undefined, find });
      if (found) await record(found.value);
      return found?.value ?? null;
    }
    const { value } = await ensure({
      recorded: undefined,
      find,
      create: async () => {
        const created = await this.track(phrase('pipeline.step.createClient'), () =>
          this.crm.createClient({ type: plan.fields.clientType ?? 'individual', name: this.name ?? 'Клиент CallGear', email: this.text('visitor_email'), phone }),
        );
        if (!created.phoneStored) noteShortfall(this.deps, this.key, phrase('pipeline.step.clientPhone', { id: created.id }), { notStored: phrase('pipeline.shortfall.clientPhone') });
        return created.id;
      },
      record,
    });
    return value;
  }

  /** Logs a call in AutoCRM with its record link, once: an unrecorded earlier attempt is found by its call_id. */
  async logCall(salonId: number | undefined, sources: Sources): Promise<number | null> {
    if (this.comm.kind !== 'call') return null;
    const v = this.comm.variables;
    const { value } = await ensure({
      recorded: (await this.link()).callId,
      find: () => this.track(phrase('pipeline.step.findLoggedCall'), () => this.crm.findLoggedCall(this.marker, this.comm.at)),
      create: async () =>
        (
          await this.track(phrase('pipeline.step.logCall'), () =>
            this.crm.logCall({
              marker: this.marker,
              entryId: String(this.comm.communicationId ?? this.comm.id),
              at: this.comm.at,
              durationSec: Number(v.total_duration ?? 0),
              customer: this.comm.contactPhone ?? String(v.contact_phone_number ?? ''),
              ours: String(v.virtual_phone_number ?? ''),
              direction: this.comm.direction === 'out' ? 'out' : 'in',
              answered: !this.comm.lost,
              record: this.text('full_record_file_link'),
              salonId,
              ...sources,
            }), idOf)
        ).id,
      record: (callId) => this.saveLink({ callId }),
    });
    return value;
  }

  async create(plan: CreatePlan, texts: RenderedTexts, clientId: number | null, callId: number | null, sources: Sources): Promise<EntityRef> {
    const { value } = await ensure({
      recorded: (await this.link()).entity,
      create: () => this.createEntity(plan, texts, clientId ?? undefined, callId ?? undefined, sources),
      record: (entity) => this.keep({ entity }),
    });
    return value;
  }

  private async createEntity(plan: CreatePlan, texts: RenderedTexts, clientId: number | undefined, callId: number | undefined, sources: Sources): Promise<EntityRef> {
    const f = plan.fields;
    const phone = this.comm.contactPhone ?? undefined;
    const comment = texts.comment || undefined;
    const responsibleId = plan.responsibleId ?? undefined;
    const common = { marker: this.marker, salonId: f.salonId, contactType: f.contactType, responsibleId, clientId, ...sources };
    let entity: EntityRef['entity'];
    let created: { id: number; markerStored: boolean };
    if (plan.entity === 'inquiry') {
      if (sources.sourceId === undefined) throw new TemplateFailure('source', { kind: 'runtime', key: 'pipeline.error.emptySource', params: {}, message: 'The source template gave an empty text, and an AutoCRM inquiry needs a source' });
      entity = 'inquiry';
      created = await this.track(phrase('pipeline.step.createInquiry'), () =>
        this.crm.createInquiry({
          ...common, requestTypeId: f.requestTypeId, clientType: f.clientType ?? 'individual', phone, name: this.name, email: this.text('visitor_email'), comment,
          utm: { utm_source: this.text('utm_source'), utm_medium: this.text('utm_medium'), utm_campaign: this.text('utm_campaign'), utm_content: this.text('utm_content'), utm_term: this.text('utm_term') },
          pageUrl: this.text('communication_page_url'),
        }), idOf);
    } else if (plan.entity === 'serviceInquiry') {
      entity = 'serviceInquiry';
      created = await this.track(phrase('pipeline.step.createServiceInquiry'), () =>
        this.crm.createServiceInquiry({ ...common, comment, phone, name: this.name, email: this.text('visitor_email'), callId }), idOf);
    } else {
      entity = 'worksheet';
      const kind = f.caseKind ?? CASE_KIND_DEFAULT;
      created = await this.track(phrase('pipeline.step.createWorksheet'), () => this.crm.createWorksheet(kind, { ...common, brandId: f.brandId, modelId: f.modelId, callId }), idOf);
      if (kind === 'saleUsed' && callId !== undefined) noteShortfall(this.deps, this.key, phrase('pipeline.step.attachToWorksheet', { id: created.id }), { unsupported: phrase('pipeline.shortfall.saleUsedNoCall') });
    }
    if (!created.markerStored) noteShortfall(this.deps, this.key, phrase('pipeline.step.marker', { marker: this.marker }), { notStored: phrase('pipeline.shortfall.markerNotStored') });
    return this.url(entity, created.id);
  }

  async remember(entity: EntityRef): Promise<void> {
    await this.saveLink({ entity });
  }

  /**
   * A worksheet takes its comment as a case event: a step of its own, and an identical comment already
   * on the case (an earlier attempt, another installation) is not added again.
   */
  async comment(worksheet: EntityRef, comment: string): Promise<void> {
    if (!comment) return;
    await this.flush();
    await ensure({
      recorded: (await this.link()).commented ? true : undefined,
      find: async () => ((await this.track(phrase('pipeline.step.worksheetComments'), () => this.crm.hasWorksheetComment(worksheet.id, comment))) ? true : null),
      create: async () => {
        await this.track(phrase('pipeline.step.addWorksheetComment'), () => this.crm.addWorksheetComment(worksheet.id, comment), idOf);
        return true;
      },
      record: () => this.saveLink({ commented: true }),
    });
  }

  /**
   * Links the call to an existing inquiry or worksheet (the status filter's "attach"), where AutoCRM
   * documents a way; otherwise the step says it is not supported, and nothing is sent.
   */
  async attach(target: { entity: 'inquiry' | 'worksheet'; id: number; kind?: string }, callId: number): Promise<void> {
    if ((await this.link()).attached) return;
    await this.flush();
    const record = this.text('full_record_file_link');
    const note = `Повторный звонок ${this.comm.direction === 'out' ? 'на' : 'с'} ${this.comm.contactPhone ?? 'неизвестного номера'} (CallGear ${this.marker}), в журнале звонков AutoCRM #${callId}${record ? `. Запись разговора: ${record}` : ''}`;
    const label = phrase(target.entity === 'inquiry' ? 'pipeline.step.attachToInquiry' : 'pipeline.step.attachToWorksheet', { id: target.id });
    let outcome: AttachOutcome;
    try {
      outcome = await this.crm.attachCall(target, note);
    } catch (error) {
      this.deps.inbox.note(this.key, 'request', { label, ok: false, error: isApiError(error) ? error.toJSON() : String(error) });
      if (!isApiError(error) || error.retryable) throw error;
      // The call is logged either way: a refused link (the worksheet gone, the write refused) is said, not fatal.
      return this.saveLink({ attached: true });
    }
    if (outcome.status === 'attached') this.deps.inbox.note(this.key, 'request', { label, ok: true });
    else noteShortfall(this.deps, this.key, label, outcome.status === 'unsupported' ? { unsupported: outcome.reason } : { notStored: outcome.reason });
    await this.saveLink({ attached: true });
  }

  /** The missed-call task, once: the marker in its text finds an unrecorded earlier attempt. */
  async task(task: TaskPlan, title: string, comment: string, worksheetId?: number): Promise<EntityRef> {
    await this.flush();
    const { value } = await ensure({
      recorded: (await this.link()).taskId,
      find: () => this.track(phrase('pipeline.step.findTask'), () => this.crm.findTaskByMarker(task.authorId, task.executorId, this.marker)),
      create: async () =>
        (
          await this.track(phrase('pipeline.step.createTask'), () =>
            this.crm.createTask({
              authorId: task.authorId, workerId: task.executorId, startAt: new Date(this.deps.now()).toISOString(), deadline: task.deadline,
              title, text: `${comment ? `${comment}\n` : ''}[${this.marker}]`, worksheetId,
            }), idOf)
        ).id,
      record: (taskId) => this.keep({ taskId }),
    });
    return this.url('task', value);
  }
}

/** Executes a create or skip plan against AutoCRM; every create happens at most once per communication. */
export async function execute(deps: ActDeps, key: string, comm: Communication, plan: Plan, lookups: Lookups, texts: RenderedTexts, link?: LinkKeeper): Promise<ActResult> {
  const shell = new Shell(deps, key, comm, link);
  const created: EntityRef[] = [];
  const outcome = plan.outcome;
  if (outcome.type === 'create') {
    const caseKind: CaseKind = outcome.fields.caseKind ?? 'retail';
    const recorded = (await shell.link()).entity;
    // An entity carrying our marker was created earlier: by another installation, or by an attempt of
    // ours whose answer never arrived. Either way it is not created again; the remaining steps are
    // each idempotent on their own, so they still run.
    const found = recorded ? undefined : ((await shell.existingEntity(outcome.entity, caseKind)) ?? undefined);
    if (found) await shell.remember(found);
    const clientId = recorded || found || outcome.entity !== 'worksheet' ? (lookups.client?.id ?? null) : await shell.client(outcome, lookups);
    if (clientId !== null && outcome.entity === 'worksheet') created.push({ entity: 'client', id: clientId, url: entityUrl(deps.autocrm.origin, 'client', clientId) });
    const sources = await shell.sources(texts, outcome.fields.salonId);
    const callId = plan.logCall ? await shell.logCall(outcome.fields.salonId, sources) : null;
    const entity = recorded ?? found ?? (await shell.create(outcome, texts, clientId, callId, sources));
    if (outcome.entity === 'worksheet') await shell.comment(entity, texts.comment);
    created.unshift(entity);
    if (plan.task) created.push(await shell.task(plan.task, texts.taskTitle, texts.comment, outcome.entity === 'worksheet' ? entity.id : undefined));
    return { state: 'done', reason: found ? FOUND_BY_MARKER : null, created, link: shell.pending() };
  }
  if (outcome.type === 'skip') {
    // A deliberate "nothing" leaves AutoCRM alone; a call skipped for an open inquiry is attached to it.
    const callId = plan.logCall && outcome.attachTo ? await shell.logCall(undefined, {}) : null;
    if (callId !== null && outcome.attachTo) await shell.attach(outcome.attachTo, callId);
    if (plan.task) created.push(await shell.task(plan.task, texts.taskTitle, ''));
    return { state: 'skipped', reason: outcome.reason, created, link: shell.pending() };
  }
  throw new Error(`execute() got a ${outcome.type} plan`);
}
