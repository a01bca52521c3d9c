import { phrase, type PhraseParam, type Said } from '../phrase';

/**
 * AutoCRM's request fields as the admin knows them from the rules page and AutoCRM's own forms. The field
 * names are the swagger's (`definitions.Request`, `Client`, `RetailCase`, `PreparedServiceCase`, `Call`,
 * `TaskRequest`: mikopbx/ModuleAutoCRM swagger.json); a field not listed keeps its API name.
 */
const LABEL: Record<string, string> = {
  salon_id: 'salon', salonId: 'salon',
  request_type_id: 'purpose',
  type: 'contactType', primaryContactType: 'contactType',
  source_id: 'source', informationSourceId: 'source',
  source2_id: 'subSource', specifyingInformationSourceId: 'subSource',
  assignee_id: 'responsible', assigneeId: 'responsible', managerId: 'responsible',
  phone: 'phone', phones: 'phone', phoneNumber: 'phone',
  comment: 'comment',
  brand_id: 'brand', brandId: 'brand',
  model_id: 'model', modelId: 'model',
  first_name: 'firstName', firstName: 'firstName',
  email: 'email',
};

/** A field's name for the admin: a phrase when it is one the admin fills, else the API's name. */
export const fieldLabel = (field: string): PhraseParam => (Object.hasOwn(LABEL, field) ? { said: phrase(`crmField.${LABEL[field]}`) } : field);

/** AutoCRM's validation messages, each after the field as the admin knows it; AutoCRM's own words are kept. */
export function fieldsSaid(fields: Record<string, string[]>): Said | null {
  const parts: Said[] = Object.entries(fields).map(([field, messages]) =>
    field === '_' ? messages.join('; ') : phrase('errCrmField', { field: fieldLabel(field), message: messages.join('; ') }),
  );
  if (parts.length === 0) return null;
  return parts.reduceRight((rest, part) => phrase('errCrmFieldList', { first: { said: part }, rest: { said: rest } }));
}
