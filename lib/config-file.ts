import { z } from 'zod/mini';
import { configFieldLabel, configIssue } from './config-fields';
import { settingsInputSchema } from './config-store';
import { secretLookingPaths } from './credential-policy';
import { rulesSchema } from './rules/schema';
import { MAX_NESTING, nestsDeeperThan } from './nesting';
import { phrase, type Said } from './phrase';
import type { PipelineConfig } from './pipeline/config';

/**
 * The shareable configuration: rules and settings, never accounts' secrets (nor the accounts
 * themselves: each browser connects with its own credentials). Also the shape an enterprise policy
 * pushes through `storage.managed`.
 */
export const CONFIG_FILE_FORMAT = 'callgear-autocrm/config';

export const configFileSchema = z.object({
  format: z.literal(CONFIG_FILE_FORMAT),
  version: z.literal(1),
  rules: z.partial(rulesSchema),
  settings: z.omit(settingsInputSchema, { installation: true }),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

/** Settings kept outside `PipelineConfig` that the file carries too (never secrets, never the installation). */
export interface SharedSettings {
  pointBudgetShare?: number;
}

export function toConfigFile(config: PipelineConfig, shared: SharedSettings = {}): ConfigFile {
  return {
    format: CONFIG_FILE_FORMAT,
    version: 1,
    rules: config.rules,
    settings: {
      hours: config.hours,
      intake: config.intake,
      dealershipZone: config.dealershipZone,
      personalManagers: config.personalManagers ?? false,
      ...(config.autocrmZone ? { autocrmZone: config.autocrmZone } : {}),
      ...(shared.pointBudgetShare !== undefined ? { pointBudgetShare: shared.pointBudgetShare } : {}),
    },
  };
}

export type ConfigFileRefusal = { ok: false; field: string; label: Said; said: Said };

/** Parses an imported file; on failure names the first wrong field as a path (data) and as the admin knows it (label). */
export function parseConfigFile(text: string): { ok: true; file: ConfigFile } | ConfigFileRefusal {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return wholeFile(phrase('config.issue.notJson', { detail: error instanceof Error ? error.message : String(error) }));
  }
  // The schemas recurse per level: a file nested too deep is refused before they see it.
  if (nestsDeeperThan(json)) return wholeFile(phrase('config.issue.tooDeep', { max: MAX_NESTING }));
  // Secrets never travel in shared configuration: a file or policy that carries one is refused whole, so the
  // admin learns the secret was exposed instead of it being silently dropped (docs/security.md).
  const secrets = secretLookingPaths(json);
  if (secrets.length > 0) {
    return { ok: false, field: secrets[0]!, label: configFieldLabel(secrets[0]!.split('.')), said: phrase('config.issue.secrets', { names: secrets.join(', ') }) };
  }
  const parsed = configFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  return { ok: false, field: path.join('.') || '(file)', label: configFieldLabel(path), said: configIssue(issue) };
}

const wholeFile = (said: Said): ConfigFileRefusal => ({ ok: false, field: '(file)', label: configFieldLabel([]), said });

