import type { ConfigStore } from '../config-store';
import type { AppDb } from '../db';
import type { RuleKind } from '../domain/communication';
import { managedState } from '../managed-config';
import { phrase } from '../phrase';
import { SaidError } from '../said-error';
import { templateErrorText, type MessageLookup } from '../templates/error-text';
import type { TemplateRenderer } from '../templates/render-protocol';
import { findBrokenTemplates } from './broken-templates';
import type { RuleSet } from './schema';

/** What saving rules needs: the store, the policy's locks, the renderer for a syntax check, and UI texts. */
export interface RuleSaving {
  db: AppDb;
  config: ConfigStore;
  renderer: TemplateRenderer;
  translate: MessageLookup;
}

const FIELD_LABEL_KEYS = { comment: 'fieldComment', source: 'fieldSource', subSource: 'fieldSubSource', title: 'taskTitle', taskTitle: 'taskTitle' } as const;

export const LOCKED_RULES = phrase('managed.lockedRules');

/** The first broken template of a rule set, as the admin reads it (rule, field, line and column), or null. */
export async function brokenTemplateMessage(ruleSet: RuleSet, renderer: TemplateRenderer, translate: MessageLookup): Promise<string | null> {
  const [first] = await findBrokenTemplates(ruleSet, async (template) => {
    const result = await renderer.render({ template, context: {} });
    return !result.ok && result.error.kind === 'syntax' ? result.error : null;
  });
  if (!first) return null;
  const rule = first.rule ?? translate('baseRule');
  // The error in the UI's language, with its line and column (lib/templates/error-text.ts).
  return translate('rulesBrokenTemplate', [translate(FIELD_LABEL_KEYS[first.field]), rule, templateErrorText(first.error, translate)]);
}

/** Saves one kind's rules: refused while a policy locks them, or while a template does not parse. */
export async function saveRuleSet({ db, config, renderer, translate }: RuleSaving, kind: RuleKind, ruleSet: RuleSet): Promise<void> {
  if ((await managedState(db)).lockedRules.includes(kind)) throw new SaidError(LOCKED_RULES);
  const broken = await brokenTemplateMessage(ruleSet, renderer, translate);
  if (broken) throw new Error(broken);
  await config.saveRuleSet(kind, ruleSet);
}
