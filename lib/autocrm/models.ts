/**
 * AutoCRM's input models, property for property as the vendor swagger defines them (`swagger.json` in
 * mikopbx/ModuleAutoCRM, `definitions.*`); required where the definition lists them as required.
 * Every write the product makes is one of these, so a property a model lacks is a compile error.
 * Yii drops attributes a model lacks without a word: sending one would look like success and store nothing.
 */

/** `definitions.Phone`; `type`: 1 рабочий, 2 мобильный, 3 факс, 4 домашний. */
export interface Phone {
  id?: number;
  type?: 1 | 2 | 3 | 4;
  number?: string;
}

/** `definitions.Address`. */
export interface Address {
  id?: number;
  zipCode?: string;
  region?: string;
  district?: string;
  city?: string;
  cityDistrict?: string;
  street?: string;
  house?: string;
  building?: string;
  apartment?: string;
}

/** `definitions.Client`: body of `POST /client?type=individual|business` and `PUT /client/{id}`. */
export interface Client {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  email?: string;
  /** "Переданный массив полностью заменяет предыдущий". */
  phones?: Phone[];
  gender?: 'M' | 'F';
  /** d.m.Y */
  birthday?: string;
  addresses?: Address[];
  driverLicenseNumber?: string;
  driverLicenseIssuedAt?: string;
  driverLicenseIssuedBy?: string;
  passportSeries?: string;
  passportNumber?: string;
  passportIssuedAt?: string;
  passportIssuedBy?: string;
  passportDepartmentCode?: string;
  foreignPassportSeries?: string;
  foreignPassportNumber?: string;
  foreignPassportIssuedAt?: string;
  foreignPassportIssuedBy?: string;
  foreignPassportDepartmentCode?: string;
  foreignPassportCitizenship?: string;
  consentObtainingSmsMailing?: boolean;
  description?: string;
  /** Company name (business clients). */
  name?: string;
  companyFullName?: string;
  site?: string;
  inn?: string;
  bank?: string;
  settlementAccount?: string;
  correspondentAccount?: string;
  kpp?: string;
  bik?: string;
  ogrn?: string;
  okpo?: string;
  okopf?: string;
  okved?: string;
  /** "Массив всех телефонов": which array a company's phones belong in is not documented (docs/decisions.md, U13). */
  personPhones?: Phone[];
  tags?: number[];
}

/** Тип обращения / первичный контакт: 5 Звонок, 7 Визит, 11 Интернет, 12 Холодный звонок (100 ссылка, inquiries only). */
export type ContactType = number;

/** `definitions.Request`: body of `POST /leads/request` and `PUT /leads/request/{id}` (an inquiry). No `call2_id`: that is in `RequestResponse` only. */
export interface Request {
  id?: number;
  salon_id: number;
  type: ContactType;
  /** Цель обращения (`/leads/requestType`). */
  request_type_id: number;
  client_type?: 'individual' | 'business';
  gender?: 'M' | 'F';
  company_name?: string;
  first_name?: string;
  last_name?: string;
  middle_name?: string;
  /** International, `+` and digits only: `+79999999999`. */
  phone?: string;
  email?: string;
  consent_processing_personal_information?: 0 | 1;
  consent_obtaining_sms_mailing?: 0 | 1;
  brand_id?: number;
  model_id?: number;
  vin?: string;
  source_id: number;
  source2_id?: number;
  form_link?: string;
  comment?: string;
  status?: number;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_content?: string;
  utm_term?: string;
  author_id?: number;
  /** yyyy-MM-dd HH:mm:ss */
  lasttime_at?: string;
  external_id?: string;
  assignee_id?: number;
  clientId?: number;
  primaryPersonId?: number;
}

/** `definitions.PreparedServiceCase`: body of `POST /preparedServiceCase` (a service inquiry); no required list. */
export interface PreparedServiceCase {
  id?: number;
  primaryStatus?: ContactType;
  salonId?: number;
  managerId?: number;
  sourceId?: number;
  source2Id?: number;
  comment?: string;
  clientId?: number;
  personId?: number;
  vehicleId?: number;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  residenceRegionId?: number;
  phoneNumber?: string;
  email?: string;
  brandId?: number;
  modelId?: number;
  stateNumber?: string;
  vin?: string;
  /** 7 Сервисное обращение, 8 Кузовной ремонт, 9 Запчасти, 10 Доп оборудование. */
  type?: number;
  state?: number;
  gender?: number;
  wasLost?: boolean;
  lossReasonId?: number;
  consentProcessingPersonalInformation?: number;
  consentObtainingSmsMailing?: number;
  consentConductSurveys?: number;
  tagIds?: number[];
  requestId?: number;
  actionId?: number;
  external_id?: string;
  /** ID звонка (справочник Call). */
  call2Id?: number;
}

/** `definitions.RetailCase`: body of `POST /retailCase` and `PUT /retailCase/{id}` (a new-car worksheet). */
export interface RetailCase {
  id?: number;
  salonId: number;
  primaryContactType: ContactType;
  assigneeId: number;
  brandId: number;
  modelId: number;
  state?: number;
  clientId?: number;
  lastClosedStageId?: number;
  authorId?: number;
  primaryPersonId?: number;
  externalId?: string;
  /** ID звонка: the documented link of a call to a worksheet. */
  call2Id?: number;
  informationSourceId?: number;
  specifyingInformationSourceId?: number;
}

/** `definitions.CorporateCase`: RetailCase's properties (same required list) plus the corporate ones. */
export interface CorporateCase extends RetailCase {
  category?: number;
  type?: number;
  decline_poll_comment?: string;
  leasing_company_id?: number;
}

/** `definitions.SaleUsedCase`: body of `POST /saleUsedCase`. Snake-case `external_id`, and no call link at all. */
export interface SaleUsedCase {
  id?: number;
  clientId?: number;
  salonId: number;
  assigneeId?: number;
  primaryContactType: ContactType;
  authorId?: number;
  primaryPersonId?: number;
  external_id?: string;
  informationSourceId?: number;
  specifyingInformationSourceId?: number;
  comment?: string;
  type?: number;
  category?: number;
  state?: number;
  brandId: number;
  modelId: number;
  createdAt?: string;
}

/** `definitions.Call`: body of `POST /call` and `PUT /call/{id}`. No `user_id`, `case_id` or `client_id`. */
export interface Call {
  id?: number;
  /** Идентификатор группы разговоров. */
  entry_id?: string;
  /** Идентификатор соединения внутри группы. */
  call_id?: string;
  /** yyyy-MM-dd HH:mm:ss */
  datetime?: string;
  datetime_end?: string;
  /** Recommended `79091234567` (no `+`); short internal numbers as they are. */
  from?: string;
  to?: string;
  /** `new`: not answered. */
  status?: 'new' | 'answered';
  direction?: 'incoming' | 'outgoing';
  autosalon_id?: number;
  /** URL of the recording. */
  record?: string;
  roistat_client_id?: number;
  information_source_id?: number;
  specifying_information_source_id?: number;
}

/** `definitions.TaskRequest`: body of `POST /task`; `objectId` is required when `objectType` is given (2 рабочий лист, 5 авто на складе). */
export type TaskRequest = {
  authorId: number;
  workerId: number;
  /** yyyy-MM-dd HH:mm:ss */
  startAt: string;
  title: string;
  text: string;
  endAt?: string;
  actualAfterDeadline?: 0 | 1;
  observersIds?: number[];
  /** 1 new (default), 2 done, 3 deleted. */
  status?: 1 | 2 | 3;
} & ({ objectType?: undefined; objectId?: undefined } | { objectType: 2 | 5; objectId: number });

/** `definitions.CaseEvent`: body of `POST /event`; type 2 = comment on a worksheet, objectType 1 = worksheet. */
export interface CaseEvent {
  id?: number;
  caseId?: number;
  authorId?: number;
  type?: number;
  comment?: string;
  objectType?: number;
}

/** `definitions.Source`: body of `POST /source`; `salon_ids`: the dealerships where the source is active. */
export interface Source {
  id?: number;
  name?: string;
  salon_ids?: number[];
}

/** `definitions.Source2` (a sub-source) as written: `salon_ids` is documented as read-only and not sent. */
export interface Source2 {
  id?: number;
  parent_id?: number;
  name?: string;
}
