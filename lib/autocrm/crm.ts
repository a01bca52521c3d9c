import { DateTime } from 'luxon';
import { ApiError } from '../api-error';
import { toCallFormat, type PhoneForm } from '../phone';
import { phrase, type Said } from '../phrase';
import type { AutocrmClient, CaseKind } from './client';
import type * as M from './models';

/**
 * The CRM port: what the pipeline asks of AutoCRM, in domain verbs. Each verb builds its body from a
 * vendor input model (models.ts), so nothing reaches AutoCRM that its model lacks; where the documents do
 * not promise that a write is stored, the verb reads it back and says what was not stored.
 */

/** AutoCRM keeps local time without an offset; which zone is not documented (docs/decisions.md, AutoCRM port, U7). */
export const DEFAULT_AUTOCRM_ZONE = 'Europe/Moscow';

export interface CrmOptions {
  /** The AutoCRM instance's time zone (a setting). */
  zone?: string;
  /** The phone forms a connection check saw hit; every form when absent. */
  phoneForms?: readonly PhoneForm[];
}

export type EntityKind = 'inquiry' | 'serviceInquiry' | 'worksheet';

/** A create, and whether AutoCRM kept our marker (the only way another attempt finds the entity again). */
export interface Created {
  id: number;
  markerStored: boolean;
}

export type AttachOutcome = { status: 'attached' } | { status: 'unsupported'; reason: Said } | { status: 'not-stored'; reason: Said };

export interface NewClient {
  type: 'individual' | 'business';
  name: string;
  email?: string;
  phone?: string;
}

interface Sources {
  sourceId?: number;
  source2Id?: number;
}

export interface NewInquiry extends Sources {
  salonId?: number;
  contactType?: number;
  requestTypeId?: number;
  clientType: 'individual' | 'business';
  phone?: string;
  name?: string;
  email?: string;
  comment?: string;
  responsibleId?: number;
  marker: string;
  clientId?: number;
  utm: Pick<M.Request, 'utm_source' | 'utm_medium' | 'utm_campaign' | 'utm_content' | 'utm_term'>;
  pageUrl?: string;
}

export interface NewServiceInquiry extends Sources {
  salonId?: number;
  contactType?: number;
  responsibleId?: number;
  comment?: string;
  clientId?: number;
  phone?: string;
  name?: string;
  email?: string;
  marker: string;
  callId?: number;
}

export interface NewWorksheet extends Sources {
  salonId?: number;
  contactType?: number;
  responsibleId?: number;
  brandId?: number;
  modelId?: number;
  clientId?: number;
  marker: string;
  callId?: number;
}

export interface NewCall extends Sources {
  marker: string;
  entryId: string;
  /** ISO start of the call. */
  at: string;
  durationSec: number;
  customer: string;
  ours: string;
  direction: 'in' | 'out';
  answered: boolean;
  record?: string;
  salonId?: number;
}

export interface NewTask {
  authorId: number;
  workerId: number;
  /** ISO */
  startAt: string;
  /** ISO */
  deadline: string;
  title: string;
  text: string;
  worksheetId?: number;
}

/** A comment on a worksheet is a case event of type 2 on object type 1 (swagger.json `definitions.Event`). */
const COMMENT_EVENT = { type: 2, objectType: 1 } as const;

/** How long after a call's minute `GET /call` is asked to look: `end` may exclude its own minute (docs/decisions.md, AutoCRM port, U8). */
const CALL_WINDOW_MINUTES = 2;

/**
 * A field the vendor model requires and the rule does not give: refused here, as AutoCRM would. The error
 * names the field by the rule editor's label (`label`, a _locales key), the API key stays in `fields`.
 */
function required<T>(value: T | undefined | null, field: string, label: string): T {
  if (value !== undefined && value !== null) return value;
  throw new ApiError({ kind: 'validation', service: 'autocrm', fields: { [field]: ['required'] }, phrase: phrase('autocrm.requiredField', { field: { said: phrase(label) } }) });
}

const hasPhone = (phones: { number?: string | null }[] | null | undefined) => (phones ?? []).some((p) => Boolean(p.number));

export class AutocrmCrm {
  private readonly zone: string;

  constructor(
    readonly client: AutocrmClient,
    private readonly options: CrmOptions = {},
  ) {
    this.zone = options.zone || DEFAULT_AUTOCRM_ZONE;
  }

  get origin(): string {
    return this.client.origin;
  }

  /** `yyyy-MM-dd HH:mm:ss` in AutoCRM's zone (Call.datetime, TaskRequest.startAt). */
  time(iso: string): string {
    return DateTime.fromISO(iso, { setZone: true }).setZone(this.zone).toFormat('yyyy-MM-dd HH:mm:ss');
  }

  /** `d.m.Y H:i` in AutoCRM's zone (the `GET /call` `start`/`end` filters). */
  private filterTime(iso: string, plusMinutes = 0): string {
    return DateTime.fromISO(iso, { setZone: true }).setZone(this.zone).plus({ minutes: plusMinutes }).toFormat('dd.MM.yyyy HH:mm');
  }

  // Clients

  async findClientByPhone(phone: string): Promise<{ id: number } | null> {
    const [client] = await this.client.findClientsByPhone(phone, this.options.phoneForms);
    return client ? { id: client.id } : null;
  }

  /**
   * A client with the phone. Which array of `definitions.Client` holds a company's phones is not
   * documented (`phones` or `personPhones`; docs/api-fidelity.md, A7 and U13), so a business client is created with the phone in
   * both, in the one POST: the company can be found by its phone as soon as it exists. Sending the second
   * array later (a PUT after a read-back) left a window where a lost answer, or a failed read-back or
   * PUT, left a company without a phone that the retry's search could not find, and the retry created it
   * again. The company is read back; `phoneStored` says whether the phone landed anywhere.
   */
  async createClient({ type, name, email, phone }: NewClient): Promise<{ id: number; phoneStored: boolean }> {
    const phones: M.Phone[] = phone ? [{ type: 2, number: phone }] : [];
    const body: M.Client = type === 'business' ? { name, phones, ...(phone ? { personPhones: phones } : {}) } : { firstName: name, email, phones };
    const { id } = await this.client.createClient(type, body);
    if (type === 'individual' || !phone) return { id, phoneStored: true };
    return { id, phoneStored: await this.clientHasPhone(id) };
  }

  private async clientHasPhone(id: number): Promise<boolean> {
    const client = await this.client.getClient(id);
    return hasPhone(client.company?.phones) || hasPhone(client.primaryPerson?.phones) || (client.persons ?? []).some((p) => hasPhone(p.phones));
  }

  // What the client already has

  async findInquiriesByPhone(phone: string): Promise<{ id: number; status: number | null }[]> {
    const found = await this.client.findRequestsByPhone(phone, this.options.phoneForms);
    return found.map((r) => ({ id: r.id, status: r.status ?? null }));
  }

  /** Worksheets by `clientPhone`, with every phone form as for clients (its matching is undocumented too). */
  async findWorksheetsByPhone(kind: CaseKind, phone: string): Promise<{ id: number; state: number | null }[]> {
    const found = await this.client.findCasesByPhone(kind, phone, this.options.phoneForms);
    return found.map((c) => ({ id: c.id, state: c.state ?? null }));
  }

  /** What carries our marker in `external_id`: made by an earlier attempt or another installation. */
  async findByMarker(entity: EntityKind, caseKind: CaseKind, marker: string): Promise<number | null> {
    const found =
      entity === 'inquiry'
        ? await this.client.findRequests({ external_id: marker })
        : entity === 'serviceInquiry'
          ? await this.client.findPreparedServiceCases({ external_id: marker })
          : await this.client.findCases(caseKind, { external_id: marker });
    return found[0]?.id ?? null;
  }

  // Creates

  /**
   * An inquiry (`definitions.Request`). The model has no `call2_id` (only `RequestResponse` does), so the
   * call is not sent with it: AutoCRM documents no way to link a call to an inquiry.
   */
  async createInquiry(i: NewInquiry): Promise<Created> {
    const body: M.Request = {
      salon_id: required(i.salonId, 'salon_id', 'dealership'),
      type: required(i.contactType, 'type', 'contactType'),
      request_type_id: required(i.requestTypeId, 'request_type_id', 'purpose'),
      source_id: required(i.sourceId, 'source_id', 'fieldSource'),
      source2_id: i.source2Id,
      client_type: i.clientType,
      phone: i.phone,
      first_name: i.name,
      email: i.email,
      comment: i.comment || undefined,
      assignee_id: i.responsibleId,
      external_id: i.marker,
      clientId: i.clientId,
      ...i.utm,
      form_link: i.pageUrl,
    };
    const created = await this.client.createRequest(body);
    return { id: created.id, markerStored: created.external_id === i.marker };
  }

  /** A service inquiry (`definitions.PreparedServiceCase`): the one create whose model links the call (`call2Id`). */
  async createServiceInquiry(s: NewServiceInquiry): Promise<Created> {
    const body: M.PreparedServiceCase = {
      salonId: s.salonId,
      primaryStatus: s.contactType ?? 5,
      managerId: s.responsibleId,
      sourceId: s.sourceId,
      source2Id: s.source2Id,
      comment: s.comment || undefined,
      clientId: s.clientId,
      phoneNumber: s.phone,
      firstName: s.name,
      email: s.email,
      external_id: s.marker,
      call2Id: s.callId,
    };
    const created = await this.client.createPreparedServiceCase(body);
    return { id: created.id, markerStored: created.external_id === s.marker };
  }

  /**
   * A worksheet. RetailCase and CorporateCase take camel-case `externalId` and link the call by
   * `call2Id`; SaleUsedCase takes snake-case `external_id` and has no call link (swagger.json
   * `definitions.RetailCase`, `CorporateCase`, `SaleUsedCase`).
   */
  async createWorksheet(kind: CaseKind, w: NewWorksheet): Promise<Created> {
    const common = {
      salonId: required(w.salonId, 'salonId', 'dealership'),
      primaryContactType: w.contactType ?? 5,
      brandId: required(w.brandId, 'brandId', 'carBrand'),
      modelId: required(w.modelId, 'modelId', 'carModel'),
      clientId: w.clientId,
      informationSourceId: w.sourceId,
      specifyingInformationSourceId: w.source2Id,
    };
    const created =
      kind === 'saleUsed'
        ? await this.client.createCase('saleUsed', { ...common, assigneeId: w.responsibleId, external_id: w.marker })
        : await this.client.createCase(kind, { ...common, assigneeId: required(w.responsibleId, 'assigneeId', 'responsible'), externalId: w.marker, call2Id: w.callId });
    return { id: created.id, markerStored: created.external_id === w.marker };
  }

  // Calls

  /**
   * A call logged by an earlier attempt, by its `call_id`. `GET /call` filters `start`/`end` in `d.m.Y H:i`
   * and whether `end` covers its own minute is not documented, so the window runs two minutes past the
   * call's minute and the call is matched here.
   */
  async findLoggedCall(marker: string, at: string): Promise<number | null> {
    const calls = await this.client.findCalls({ start: this.filterTime(at), end: this.filterTime(at, CALL_WINDOW_MINUTES) });
    return calls.find((c) => c.call_id === marker)?.id ?? null;
  }

  /** `POST /call` (`definitions.Call`): the responsible is not part of the model and is not sent. */
  async logCall(c: NewCall): Promise<{ id: number }> {
    const start = this.time(c.at);
    const customer = toCallFormat(c.customer);
    const ours = toCallFormat(c.ours);
    const body: M.Call = {
      entry_id: c.entryId,
      call_id: c.marker,
      datetime: start,
      datetime_end: DateTime.fromFormat(start, 'yyyy-MM-dd HH:mm:ss').plus({ seconds: c.durationSec }).toFormat('yyyy-MM-dd HH:mm:ss'),
      from: c.direction === 'out' ? ours : customer,
      to: c.direction === 'out' ? customer : ours,
      status: c.answered ? 'answered' : 'new',
      direction: c.direction === 'out' ? 'outgoing' : 'incoming',
      record: c.record,
      autosalon_id: c.salonId,
      information_source_id: c.sourceId,
      specifying_information_source_id: c.source2Id,
    };
    const { id } = await this.client.createCall(body);
    return { id };
  }

  /**
   * Adds a repeat call to an open inquiry or worksheet, with documented writes only. A worksheet gets a
   * comment event (`POST /event`, definitions.CaseEvent) naming the logged call and its record, once: its
   * own `call2Id` (definitions.RetailCase, "ID звонка") holds a single call and is not readable back
   * (RetailCaseOut has no call2Id), so writing it could silently replace the call that opened the worksheet.
   * AutoCRM documents no write for an inquiry (`Request` has no `call2_id`): that is said, nothing is sent.
   */
  async attachCall(target: { entity: 'inquiry' | 'worksheet'; id: number }, note: string): Promise<AttachOutcome> {
    if (target.entity === 'inquiry') {
      return { status: 'unsupported', reason: phrase('autocrm.attach.inquiryUnsupported') };
    }
    if (!(await this.hasWorksheetComment(target.id, note))) await this.addWorksheetComment(target.id, note);
    return (await this.hasWorksheetComment(target.id, note))
      ? { status: 'attached' }
      : { status: 'not-stored', reason: phrase('autocrm.attach.commentNotStored', { id: target.id }) };
  }

  // Comments and tasks

  async hasWorksheetComment(caseId: number, comment: string): Promise<boolean> {
    const events = await this.client.findEvents({ caseId, type: COMMENT_EVENT.type });
    return events.some((e) => e.comment === comment);
  }

  async addWorksheetComment(caseId: number, comment: string): Promise<{ id: number }> {
    const body: M.CaseEvent = { caseId, ...COMMENT_EVENT, comment };
    const { id } = await this.client.createEvent(body);
    return { id };
  }

  /** `TaskResponse` has no date filter: an earlier attempt's task is found by the marker in its text. */
  async findTaskByMarker(authorId: number, workerId: number, marker: string): Promise<number | null> {
    const tasks = await this.client.findTasks({ workerId, authorId });
    return tasks.find((t) => (t.text ?? '').includes(marker))?.id ?? null;
  }

  async createTask(t: NewTask): Promise<{ id: number }> {
    const task = { authorId: t.authorId, workerId: t.workerId, startAt: this.time(t.startAt), endAt: this.time(t.deadline), title: t.title, text: t.text };
    const body: M.TaskRequest = t.worksheetId ? { ...task, objectType: 2, objectId: t.worksheetId } : task;
    const { id } = await this.client.createTask(body);
    return { id };
  }

  // Sources

  /**
   * A source by exact name (case-insensitive; how `?name=` matches is undocumented). Where duplicate
   * names exist, the lowest id, so every installation picks the same one.
   */
  async findSource(name: string, parentId?: number): Promise<number | null> {
    const found = parentId === undefined ? await this.client.findSources(name) : await this.client.findSources2(name, parentId);
    const ids = found.filter((s) => s.name.toLowerCase() === name.toLowerCase()).map((s) => s.id);
    return ids.length > 0 ? Math.min(...ids) : null;
  }

  /** `POST /source` with the salon it is for (`salon_ids`: "автосалоны, в которых активирован источник"); `salonStored` from the answer. */
  async createSource(name: string, salonId?: number): Promise<{ id: number; salonStored: boolean }> {
    const body: M.Source = { name, ...(salonId === undefined ? {} : { salon_ids: [salonId] }) };
    const created = await this.client.createSource(body);
    return { id: created.id, salonStored: salonId === undefined || (created.salon_ids ?? []).includes(salonId) };
  }

  async createSubSource(name: string, parentId: number): Promise<{ id: number }> {
    const body: M.Source2 = { name, parent_id: parentId };
    const { id } = await this.client.createSource2(body);
    return { id };
  }
}
