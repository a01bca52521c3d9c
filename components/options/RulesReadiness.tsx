import type { RuleKind } from '@/lib/domain/communication';
import type { RuleSet } from '@/lib/rules/schema';
import { ruleSetReadiness, type MissingField } from '@/lib/rules/readiness';
import { t, type MessageKey } from '../i18n';
import { fieldLabel, reportName } from './condition-labels';

const FIELD_LABEL: Record<MissingField, MessageKey> = {
  dealership: 'dealership',
  purpose: 'purpose',
  contactType: 'contactType',
  brand: 'carBrand',
  model: 'carModel',
  responsible: 'responsible',
};

/**
 * Says, on the rules page itself, which rules cannot create anything yet and what they lack, and which
 * test a field their communications' report never delivers.
 */
export function RulesReadiness({ set, kind }: { set: RuleSet; kind: RuleKind }) {
  const readiness = ruleSetReadiness(set, kind);
  const notReady = readiness.filter((r) => r.missing.length > 0);
  const blind = readiness.filter((r) => r.undeliverable.length > 0);
  if (readiness.length === 0) return null;
  return (
    <>
      {notReady.length > 0 && (
        <div class="cg-note cg-note--warning" role="note" data-testid={`rules-not-ready-${kind}`}>
          <p>{t('rulesNotReadyIntro')}</p>
          <ul class="cg-list">
            {notReady.map(({ rule, missing }) => (
              <li key={rule ?? ''}>{t('rulesNotReadyItem', [rule ?? t('baseRule'), missing.map((f) => t(FIELD_LABEL[f]).toLowerCase()).join(', ')])}</li>
            ))}
          </ul>
        </div>
      )}
      {blind.length > 0 && (
        <div class="cg-note cg-note--warning" role="note" data-testid={`rules-undeliverable-${kind}`}>
          <p>{t('rulesUndeliverableIntro', reportName(kind))}</p>
          <ul class="cg-list">
            {blind.map(({ rule, undeliverable }) => (
              <li key={rule ?? ''}>{t('rulesUndeliverableItem', [rule ?? t('baseRule'), undeliverable.map(fieldLabel).join(', ')])}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
