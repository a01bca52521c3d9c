import { configFieldLabel } from './config-fields';
import { parseConfigFile, type ConfigFileRefusal } from './config-file';
import type { RuleKind } from './domain/communication';
import { managedState } from './managed-config';
import { brokenTemplateMessage, type RuleSaving } from './rules/save-rule-set';

export type ImportOutcome = { ok: true } | ConfigFileRefusal;

/**
 * Imports a configuration file: what an administrator's policy locks is left as it is; a file that does
 * not parse, or that holds a broken template, changes nothing (docs/decisions.md, "First day: honest connections").
 */
export async function importConfigFile(saving: RuleSaving, text: string): Promise<ImportOutcome> {
  const { db, config, renderer, translate } = saving;
  const parsed = parseConfigFile(text);
  if (!parsed.ok) return parsed;
  const locked = await managedState(db);
  const rules = Object.entries(parsed.file.rules).filter(([kind]) => !locked.lockedRules.includes(kind as RuleKind));
  for (const [kind, ruleSet] of rules) {
    const broken = await brokenTemplateMessage(ruleSet, renderer, translate);
    if (broken) return { ok: false, field: `rules.${kind}`, label: configFieldLabel(['rules', kind]), said: broken };
  }
  for (const [kind, ruleSet] of rules) await config.saveRuleSet(kind as RuleKind, ruleSet);
  await config.saveSettings(Object.fromEntries(Object.entries(parsed.file.settings).filter(([key]) => !locked.lockedSettings.includes(key))));
  return { ok: true };
}
