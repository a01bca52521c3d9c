import { parseConfigFile } from './config-file';
import type { ConfigStore } from './config-store';
import type { AppDb } from './db';
import type { RuleKind } from './domain/communication';
import type { ManagedState } from './messages';

export const MANAGED_KEY = 'managed';

/**
 * Applies a configuration pushed by Chrome's enterprise policy (`storage.managed`, key `configJson`):
 * its rules and settings are written and locked, so every operator runs the admin's configuration.
 */
export async function applyManagedConfig(db: AppDb, config: ConfigStore, managed: Record<string, unknown>): Promise<ManagedState> {
  const text = managed.configJson;
  if (typeof text !== 'string' || !text.trim()) {
    const state: ManagedState = { present: false, lockedRules: [], lockedSettings: [], error: null };
    await db.settings.put({ key: MANAGED_KEY, value: state });
    return state;
  }
  const parsed = parseConfigFile(text);
  if (!parsed.ok) {
    const state: ManagedState = { present: true, lockedRules: [], lockedSettings: [], error: `${parsed.field}: ${parsed.message}` };
    await db.settings.put({ key: MANAGED_KEY, value: state });
    return state;
  }
  const lockedRules = Object.keys(parsed.file.rules) as RuleKind[];
  for (const kind of lockedRules) await config.saveRuleSet(kind, parsed.file.rules[kind]!);
  await config.saveSettings(parsed.file.settings);
  const state: ManagedState = { present: true, lockedRules, lockedSettings: Object.keys(parsed.file.settings).filter((k) => (parsed.file.settings as Record<string, unknown>)[k] !== undefined), error: null };
  await db.settings.put({ key: MANAGED_KEY, value: state });
  return state;
}

export async function managedState(db: AppDb): Promise<ManagedState> {
  return ((await db.settings.get(MANAGED_KEY))?.value as ManagedState | undefined) ?? { present: false, lockedRules: [], lockedSettings: [], error: null };
}
