import type { CommKind, RuleKind } from '@/lib/domain/communication';
import { FIELD_LIMITS } from '@/lib/pipeline/limits';
import { DEFAULT_TEMPLATES, DEFAULT_TASK_TITLES } from '@/lib/rules/defaults';
import { CONTACT_TYPE_CHOICES } from '@/lib/rules/fields';
import { modelsOfBrand } from '@/lib/rules/vehicle-choices';
import type { EntityType, RuleFields } from '@/lib/rules/schema';
import { REQUEST_STATUS_CHOICES, type Dictionaries } from '@/lib/dictionaries';
import { t, type MessageKey } from '../i18n';
import { choiceName } from '../shared/say';
import { ChoiceSelect, MultiCheck, NumberField } from './controls';
import { SearchSelect } from './SearchSelect';
import { TemplateField, type PreviewSource } from './TemplateField';

export const COMM_KIND: Record<RuleKind, CommKind> = { incomingCalls: 'call', outgoingCalls: 'call', chats: 'chat', leads: 'lead' };
const ENTITY_LABEL: Record<EntityType, MessageKey> = { inquiry: 'entityInquiry', serviceInquiry: 'entityServiceInquiry', worksheet: 'entityWorksheet', nothing: 'entityNothing' };
const TEMPLATE_FIELDS = [
  { name: 'comment', label: 'fieldComment' },
  { name: 'source', label: 'fieldSource' },
  { name: 'subSource', label: 'fieldSubSource' },
] as const;

export interface RuleFieldsEditorProps {
  id: string;
  kind: RuleKind;
  fields: RuleFields;
  saved: RuleFields;
  /** A clarifying rule: empty fields mean "as in the base rule". */
  clarifying: boolean;
  /** A clarifying rule's base brand: its models are offered while the rule names no brand of its own. */
  baseBrandId?: number;
  dictionaries: Dictionaries | null;
  previewSources: PreviewSource[];
  disabled?: boolean;
  onChange: (fields: RuleFields) => void;
}

/** Every field of a rule: what to create (primary and repeat), where, for whom, filters, tasks, templates. */
export function RuleFieldsEditor({ id, kind, fields, saved, clarifying, baseBrandId, dictionaries, previewSources, disabled, onChange }: RuleFieldsEditorProps) {
  const d = dictionaries;
  const inherit = clarifying ? t('asInBase') : t('notChosen');
  const set = (patch: Partial<RuleFields>) => onChange({ ...fields, ...patch });
  const entityChoices = (Object.keys(ENTITY_LABEL) as EntityType[]).map((e) => ({ id: e, name: t(ENTITY_LABEL[e]) }));
  const entity = fields.entity;
  const task = fields.missedTask ?? { enabled: false };

  return (
    <fieldset class="cg-rule-fields" disabled={disabled}>
      <div class="cg-grid">
        <ChoiceSelect testId={`${id}-entity`} title={t('entityPrimaryHint')} label={t('entityPrimary')} value={entity} choices={entityChoices} empty={inherit} onChange={(v) => set({ entity: v as EntityType | undefined })} />
        <ChoiceSelect title={t('entityRepeatHint')} label={t('entityRepeat')} value={fields.repeatEntity} choices={entityChoices} empty={t('sameAsPrimary')} onChange={(v) => set({ repeatEntity: v as EntityType | undefined })} />
        <ChoiceSelect testId={`${id}-salon`} label={t('dealership')} value={fields.salonId} choices={d?.autosalons ?? []} empty={inherit} onChange={(v) => set({ salonId: v as number | undefined })} />
        <ChoiceSelect label={t('contactType')} value={fields.contactType} choices={CONTACT_TYPE_CHOICES.map((c) => ({ id: c.id, name: choiceName(c) }))} empty={inherit} onChange={(v) => set({ contactType: v as number | undefined })} />
        <ChoiceSelect testId={`${id}-purpose`} label={t('purpose')} value={fields.requestTypeId} choices={d?.requestTypes ?? []} empty={inherit} onChange={(v) => set({ requestTypeId: v as number | undefined })} />
        <ChoiceSelect label={t('clientType')} value={fields.clientType} choices={[{ id: 'individual', name: t('clientIndividual') }, { id: 'business', name: t('clientBusiness') }]} empty={inherit} onChange={(v) => set({ clientType: v as 'individual' | 'business' | undefined })} />
        <ChoiceSelect testId={`${id}-responsible`} label={t('responsible')} value={fields.responsibleId} choices={d?.users ?? []} empty={t('whoTookIt')} onChange={(v) => set({ responsibleId: (v as number | undefined) ?? null })} />
      </div>
      {(entity === 'worksheet' || fields.repeatEntity === 'worksheet') && (
        <div class="cg-grid">
          <ChoiceSelect label={t('caseKind')} value={fields.caseKind} choices={[{ id: 'retail', name: t('caseRetail') }, { id: 'saleUsed', name: t('caseSaleUsed') }, { id: 'corporate', name: t('caseCorporate') }]} empty={inherit} onChange={(v) => set({ caseKind: v as RuleFields['caseKind'] })} />
          <SearchSelect testId={`${id}-brand`} label={t('carBrand')} value={fields.brandId} choices={d?.brands ?? []} empty={inherit} onChange={(brandId) => set({ brandId, modelId: brandId === fields.brandId ? fields.modelId : undefined })} />
          <SearchSelect testId={`${id}-model`} label={t('carModel')} value={fields.modelId} choices={modelsOfBrand(d?.models ?? [], fields.brandId ?? baseBrandId)} empty={inherit} placeholder={t('carModelPickBrand')} onChange={(modelId) => set({ modelId })} />
        </div>
      )}
      <div class="cg-grid">
        <MultiCheck legend={t('statusFilterInquiries')} hint={t('statusFilterHint')} choices={REQUEST_STATUS_CHOICES} selected={fields.inquiryStatuses ?? []} onChange={(s) => set({ inquiryStatuses: s as number[] })} />
        <MultiCheck legend={t('statusFilterWorksheets')} choices={d?.caseStates ?? []} selected={fields.worksheetStates ?? []} onChange={(s) => set({ worksheetStates: s as number[] })} />
      </div>
      {kind !== 'leads' && (
        <fieldset class="cg-multi">
          <legend>{kind === 'chats' ? t('missedChatTask') : t('missedCallTask')}</legend>
          <label class="cg-check">
            <input type="checkbox" checked={task.enabled} onChange={(e) => set({ missedTask: { ...task, enabled: e.currentTarget.checked } })} /> {t('createTask')}
          </label>
          {task.enabled && (
            <div class="cg-grid">
              <ChoiceSelect label={t('taskAuthor')} value={task.authorId} choices={d?.users ?? []} empty={t('sameAsExecutor')} onChange={(v) => set({ missedTask: { ...task, authorId: v as number | undefined } })} />
              <ChoiceSelect label={t('taskExecutor')} value={task.executorId} choices={d?.users ?? []} empty={t('responsible')} onChange={(v) => set({ missedTask: { ...task, executorId: v as number | undefined } })} />
              <NumberField label={t('taskHours')} value={task.hours} onChange={(v) => set({ missedTask: { ...task, hours: v } })} />
            </div>
          )}
          {task.enabled && (
            <TemplateField id={`${id}-taskTitle`} label={t('taskTitle')} kind={COMM_KIND[kind]} value={task.title ?? ''} saved={saved.missedTask?.title ?? ''} fallback={DEFAULT_TASK_TITLES[kind]} previewSources={previewSources} maxLength={FIELD_LIMITS.title} onChange={(title) => set({ missedTask: { ...task, title } })} />
          )}
        </fieldset>
      )}
      {TEMPLATE_FIELDS.map(({ name, label }) => (
        <TemplateField
          key={name}
          id={`${id}-${name}`}
          label={t(label)}
          kind={COMM_KIND[kind]}
          value={fields.templates?.[name] ?? ''}
          saved={saved.templates?.[name] ?? ''}
          fallback={clarifying ? '' : DEFAULT_TEMPLATES[kind][name]}
          previewSources={previewSources}
          maxLength={FIELD_LIMITS[name]}
          onChange={(value) => set({ templates: { ...fields.templates, [name]: value } })}
        />
      ))}
    </fieldset>
  );
}
