import { Fragment } from 'preact';
import type { RuleKind } from '@/lib/domain/communication';
import { isDeliverable, offeredFields } from '@/lib/rules/availability';
import { CONDITION_FIELDS } from '@/lib/rules/fields';
import type { Condition, ConditionGroup } from '@/lib/rules/schema';
import type { Dictionaries } from '@/lib/dictionaries';
import { choiceName } from '../shared/say';
import { t, uiText } from '../i18n';
import { fieldLabel, reportName } from './condition-labels';

const OPS: Condition['op'][] = ['eq', 'neq', 'contains', 'isTrue', 'isFalse', 'empty', 'notEmpty'];
const isGroup = (item: Condition | ConditionGroup): item is ConditionGroup => 'items' in item;

/** Conditions from dropdowns filled from the live accounts, combined with AND/OR, groups nested. */
export function ConditionGroupEditor({ kind, group, dictionaries, onChange, depth = 0 }: { kind: RuleKind; group: ConditionGroup; dictionaries: Dictionaries | null; onChange: (group: ConditionGroup) => void; depth?: number }) {
  const fields = offeredFields(kind);
  const setItem = (index: number, item: Condition | ConditionGroup) => onChange({ ...group, items: group.items.map((it, i) => (i === index ? item : it)) });
  const remove = (index: number) => onChange({ ...group, items: group.items.filter((_, i) => i !== index) });
  const first = fields[0]!;

  return (
    <div class={depth ? 'cg-group cg-group--nested' : 'cg-group'} data-testid={`condition-group-${depth}`}>
      <div class="cg-group__head">
        <span>{t('conditionsJoin')}</span>
        <select class="cg-select-small" aria-label={t('conditionsJoin')} value={group.op} onChange={(e) => onChange({ ...group, op: e.currentTarget.value as 'and' | 'or' })}>
          <option value="and">{t('conditionsAnd')}</option>
          <option value="or">{t('conditionsOr')}</option>
        </select>
      </div>
      {group.items.map((item, index) =>
        isGroup(item) ? (
          <div key={index} class="cg-row">
            <ConditionGroupEditor kind={kind} group={item} dictionaries={dictionaries} depth={depth + 1} onChange={(g) => setItem(index, g)} />
            <button type="button" class="cg-link-button" onClick={() => remove(index)} aria-label={t('removeCondition')}>✕</button>
          </div>
        ) : (
          <Fragment key={index}>
            <div class={isDeliverable(kind, item.field) ? 'cg-row cg-condition' : 'cg-row cg-condition cg-condition--undeliverable'} data-testid="condition">
              <select class="cg-input" aria-label={t('conditionField')} value={item.field} onChange={(e) => setItem(index, { field: e.currentTarget.value, op: 'eq', value: undefined })}>
                {!isDeliverable(kind, item.field) && <option value={item.field}>⚠ {fieldLabel(item.field)}</option>}
                {fields.map((f) => (
                  <option key={f.field} value={f.field}>
                    {uiText(f.label) || f.field}
                  </option>
                ))}
              </select>
              <select class="cg-input cg-input--narrow" aria-label={t('conditionOp')} value={item.op} onChange={(e) => setItem(index, { ...item, op: e.currentTarget.value as Condition['op'] })}>
                {OPS.map((op) => (
                  <option key={op} value={op}>
                    {t(`op_${op}` as never)}
                  </option>
                ))}
              </select>
              <ValueInput kind={kind} condition={item} dictionaries={dictionaries} onChange={(value) => setItem(index, { ...item, value })} />
              <button type="button" class="cg-link-button" onClick={() => remove(index)} aria-label={t('removeCondition')}>✕</button>
            </div>
            {!isDeliverable(kind, item.field) && (
              <p class="cg-error" data-testid="condition-undeliverable">
                {t('conditionUndeliverable', [fieldLabel(item.field), reportName(kind)])}
              </p>
            )}
          </Fragment>
        ),
      )}
      <div class="cg-actions">
        <button type="button" class="cg-link-button" onClick={() => onChange({ ...group, items: [...group.items, { field: first.field, op: 'eq', value: undefined }] })}>
          + {t('addCondition')}
        </button>
        {depth < 2 && (
          <button type="button" class="cg-link-button" onClick={() => onChange({ ...group, items: [...group.items, { op: group.op === 'and' ? 'or' : 'and', items: [] }] })}>
            + {t('addGroup')}
          </button>
        )}
      </div>
    </div>
  );
}

function ValueInput({ kind, condition, dictionaries, onChange }: { kind: RuleKind; condition: Condition; dictionaries: Dictionaries | null; onChange: (value: Condition['value']) => void }) {
  if (['isTrue', 'isFalse', 'empty', 'notEmpty'].includes(condition.op)) return <span class="cg-input--narrow" />;
  const field = CONDITION_FIELDS[kind].find((f) => f.field === condition.field);
  const choices = typeof field?.choices === 'string' ? (dictionaries?.[field.choices] ?? []) : (field?.choices ?? null);
  const value = condition.value === undefined ? '' : String(condition.value);
  if (choices) {
    return (
      <select class="cg-input" aria-label={t('conditionValue')} value={value} onChange={(e) => onChange(choices.find((c) => String(c.id) === e.currentTarget.value)?.id ?? e.currentTarget.value)}>
        <option value="">—</option>
        {choices.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {choiceName(c)}
          </option>
        ))}
      </select>
    );
  }
  return <input class="cg-input" aria-label={t('conditionValue')} value={value} onInput={(e) => onChange(e.currentTarget.value)} />;
}
