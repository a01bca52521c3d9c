import { useEffect, useState } from 'preact/hooks';
import type { SetupStep, SetupStepId } from '@/lib/setup/checklist';
import { t, type MessageKey } from '../i18n';
import { ask } from '../shared/useBackground';
import type { SectionId } from './Tabs';

const STEP: Record<SetupStepId, { title: MessageKey; hint: MessageKey; section: SectionId }> = {
  accounts: { title: 'setupAccounts', hint: 'setupAccountsHint', section: 'accounts' },
  check: { title: 'setupCheck', hint: 'setupCheckHint', section: 'check' },
  users: { title: 'setupUsers', hint: 'setupUsersHint', section: 'users' },
  rules: { title: 'setupRules', hint: 'setupRulesHint', section: 'calls' },
  hours: { title: 'setupHours', hint: 'setupHoursHint', section: 'hours' },
};

/** The first-run checklist: the product description's order, each step with whether it is done and a way there. */
export function StartSection({ onGo }: { onGo: (section: SectionId) => void }) {
  const [steps, setSteps] = useState<SetupStep[] | null>(null);
  useEffect(() => {
    void ask({ type: 'setup.checklist' }).then(setSteps);
  }, []);
  if (!steps) return <p class="cg-muted">{t('loading')}</p>;
  const next = steps.find((s) => !s.done);
  return (
    <section class="cg-card" data-testid="setup-checklist">
      <h2>{t('startHeading')}</h2>
      <p class="cg-muted">{next ? t('setupIntro') : t('setupAllDone')}</p>
      <ol class="cg-setup-steps">
        {steps.map((step, index) => {
          const { title, hint, section } = STEP[step.id];
          return (
            <li key={step.id} class={`cg-step ${step.done ? 'cg-step--done' : ''}`} data-testid={`setup-${step.id}`} data-done={String(step.done)}>
              <span class="cg-step__mark" aria-hidden="true">{step.done ? '✓' : index + 1}</span>
              <div class="cg-step__body">
                <strong>{t(title)}</strong> <span class="cg-visually-hidden">{step.done ? t('setupStepDone') : t('setupStepTodo')}</span>
                <p class="cg-muted">{t(hint)}</p>
                <p class={step.done ? 'cg-ok' : ''}>{t(step.fact.key as MessageKey, step.fact.params)}</p>
              </div>
              <button type="button" class={step === next ? 'cg-button' : 'cg-button cg-button--ghost'} onClick={() => onGo(section)}>
                {step === next ? t('setupDoThis') : t('setupOpen')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
