import type { RuleSet } from '@/lib/rules/schema';
import { ruleSetReadiness, type MissingField } from '@/lib/rules/readiness';
import { t, type MessageKey } from '../i18n';

const FIELD_LABEL: Record<MissingField, MessageKey> = {
  dealership: 'dealership',
  purpose: 'purpose',
  contactType: 'contactType',
  brand: 'brandId',
  model: 'modelId',
  responsible: 'responsible',
};

/** Says, on the rules page itself, which rules cannot create anything yet and what they lack. */
export function RulesReadiness({ set, kind }: { set: RuleSet; kind: string }) {
  const notReady = ruleSetReadiness(set);
  if (notReady.length === 0) return null;
  return (
    <div class="cg-note cg-note--warning" role="note" data-testid={`rules-not-ready-${kind}`}>
      <p>{t('rulesNotReadyIntro')}</p>
      <ul class="cg-list">
        {notReady.map(({ rule, missing }) => (
          <li key={rule ?? ''}>{t('rulesNotReadyItem', [rule ?? t('baseRule'), missing.map((f) => t(FIELD_LABEL[f]).toLowerCase()).join(', ')])}</li>
        ))}
      </ul>
    </div>
  );
}
