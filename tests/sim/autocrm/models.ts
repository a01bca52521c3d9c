/**
 * AutoCRM input models: the attributes each write endpoint takes, from the vendor swagger
 * (mikopbx/ModuleAutoCRM swagger.json, `definitions.*`, read at commit c877478). AutoCRM is a Yii
 * application: a body is loaded by massive assignment, so an attribute the model lacks is dropped
 * silently and the answer is still a success. The simulator stores only these attributes, which is how
 * a write the API lacks (e.g. `call2_id` on an inquiry) shows: it is not there when read back.
 */
export interface InputModel {
  /** The swagger definition the body follows. */
  name: string;
  attributes: readonly string[];
  /** The definition's `required` list (empty when the swagger gives none). */
  required: readonly string[];
}

const model = (name: string, attributes: string[], required: string[] = []): InputModel => ({ name, attributes, required });

/** `definitions.Request`: POST /leads/request and PUT /leads/request/{id}. No `call2_id` (only RequestResponse has it). */
export const REQUEST = model(
  'Request',
  [
    'salon_id', 'type', 'request_type_id', 'client_type', 'gender', 'company_name', 'first_name', 'last_name', 'middle_name', 'phone', 'email',
    'consent_processing_personal_information', 'consent_obtaining_sms_mailing', 'brand_id', 'model_id', 'vin', 'source_id', 'source2_id', 'form_link',
    'comment', 'status', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term', 'author_id', 'lasttime_at', 'external_id',
    'assignee_id', 'clientId', 'primaryPersonId',
  ],
  ['salon_id', 'type', 'request_type_id', 'source_id'],
);

/** `definitions.PreparedServiceCase` (no required list in the swagger). */
export const PREPARED_SERVICE_CASE = model('PreparedServiceCase', [
  'primaryStatus', 'salonId', 'managerId', 'sourceId', 'source2Id', 'comment', 'clientId', 'personId', 'vehicleId', 'lastName', 'firstName',
  'middleName', 'residenceRegionId', 'phoneNumber', 'email', 'brandId', 'modelId', 'stateNumber', 'vin', 'type', 'state', 'gender', 'wasLost',
  'lossReasonId', 'consentProcessingPersonalInformation', 'consentObtainingSmsMailing', 'consentConductSurveys', 'tagIds', 'requestId', 'actionId',
  'external_id', 'call2Id',
]);

/** `definitions.RetailCase`: camel-case `externalId` and `call2Id`. */
export const RETAIL_CASE = model(
  'RetailCase',
  ['salonId', 'primaryContactType', 'assigneeId', 'brandId', 'modelId', 'state', 'clientId', 'lastClosedStageId', 'authorId', 'primaryPersonId', 'externalId', 'call2Id', 'informationSourceId', 'specifyingInformationSourceId'],
  ['salonId', 'primaryContactType', 'assigneeId', 'brandId', 'modelId'],
);

/** `definitions.CorporateCase`: RetailCase plus a few corporate attributes. */
export const CORPORATE_CASE = model('CorporateCase', [...RETAIL_CASE.attributes, 'decline_poll_comment', 'leasing_company_id'], [...RETAIL_CASE.required]);

/** `definitions.SaleUsedCase`: snake-case `external_id`, no `call2Id`, no required assignee. */
export const SALE_USED_CASE = model(
  'SaleUsedCase',
  ['clientId', 'salonId', 'assigneeId', 'primaryContactType', 'authorId', 'primaryPersonId', 'external_id', 'informationSourceId', 'specifyingInformationSourceId', 'comment', 'type', 'category', 'state', 'brandId', 'modelId'],
  ['salonId', 'primaryContactType', 'modelId', 'brandId'],
);

/** `definitions.Call`: POST /call and PUT /call/{id}. No `case_id`, `client_id` or `user_id`. */
export const CALL = model(
  'Call',
  ['entry_id', 'call_id', 'datetime', 'datetime_end', 'from', 'to', 'status', 'direction', 'autosalon_id', 'record', 'roistat_client_id', 'information_source_id', 'specifying_information_source_id'],
  // No required list in the swagger; a call without these is meaningless and the simulator refuses it.
  ['datetime', 'from', 'to', 'status', 'direction'],
);

/** `definitions.TaskRequest`. */
export const TASK_REQUEST = model(
  'TaskRequest',
  ['authorId', 'workerId', 'startAt', 'title', 'text', 'endAt', 'actualAfterDeadline', 'observersIds', 'status', 'objectType', 'objectId'],
  ['authorId', 'workerId', 'startAt', 'title', 'text'],
);

/** `definitions.CaseEvent`: POST /event. */
export const CASE_EVENT = model('CaseEvent', ['caseId', 'authorId', 'type', 'comment', 'objectType'], ['caseId', 'type', 'comment']);

/** `definitions.Source`: `salon_ids` are the dealerships where the source is active. */
export const SOURCE = model('Source', ['name', 'salon_ids'], ['name']);

/** `definitions.Source2`: `salon_ids` is read-only there. */
export const SOURCE2 = model('Source2', ['parent_id', 'name'], ['name']);

/** `definitions.Client`: person attributes, company attributes (`name` …) and both phone arrays. */
export const CLIENT = model('Client', [
  'firstName', 'middleName', 'lastName', 'email', 'phones', 'gender', 'birthday', 'addresses', 'driverLicenseNumber', 'driverLicenseIssuedAt',
  'driverLicenseIssuedBy', 'passportSeries', 'passportNumber', 'passportIssuedAt', 'passportIssuedBy', 'passportDepartmentCode', 'foreignPassportSeries',
  'foreignPassportNumber', 'foreignPassportIssuedAt', 'foreignPassportIssuedBy', 'foreignPassportDepartmentCode', 'foreignPassportCitizenship',
  'consentObtainingSmsMailing', 'description', 'name', 'companyFullName', 'site', 'inn', 'bank', 'settlementAccount', 'correspondentAccount', 'kpp',
  'bik', 'ogrn', 'okpo', 'okopf', 'okved', 'personPhones', 'tags',
]);

/** The body as Yii's massive assignment sees it: only the model's attributes. */
export function safeAttributes(input: InputModel, body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => input.attributes.includes(key)));
}
