import { z } from 'zod';
import { settingsInputSchema } from './config-store';
import { secretLookingPaths } from './credential-policy';
import { rulesSchema } from './rules/schema';
import { MAX_NESTING, nestsDeeperThan } from './nesting';
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
  rules: rulesSchema.partial(),
  settings: settingsInputSchema.omit({ installation: true }),
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

/** Parses an imported file; on failure names the first wrong field, as a path an admin can find. */
export function parseConfigFile(text: string): { ok: true; file: ConfigFile } | { ok: false; field: string; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, field: '(file)', message: `не JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The schemas recurse per level: a file nested too deep is refused before they see it.
  if (nestsDeeperThan(json)) return { ok: false, field: '(file)', message: `nested deeper than ${MAX_NESTING} levels` };
  // Secrets never travel in shared configuration: a file or policy that carries one is refused whole, so the
  // admin learns the secret was exposed instead of it being silently dropped (docs/security.md).
  const secrets = secretLookingPaths(json);
  if (secrets.length > 0) {
    return {
      ok: false,
      field: secrets[0]!,
      message: `файл конфигурации не должен содержать паролей, ключей и учётных записей (${secrets.join(', ')}): удалите эти поля, каждая установка входит со своими учётными данными / a configuration file never carries passwords, keys or accounts: remove these fields; each installation signs in with its own credentials`,
    };
  }
  const parsed = configFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: issue.path.join('.') || '(file)', message: issue.message };
}

