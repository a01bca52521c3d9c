import { configFieldLabel } from './config-fields';
import { parseConfigFile } from './config-file';
import type { ConfigStore, SettingsInput } from './config-store';
import type { AppDb } from './db';
import type { RuleKind } from './domain/communication';
import type { ManagedState } from './messages';
import { phrase, type Said } from './phrase';
import { SaidError } from './said-error';

export const MANAGED_KEY = 'managed';

const NO_POLICY: ManagedState = { present: false, lockedRules: [], lockedSettings: [], error: null };
const refused = (error: Said): ManagedState => ({ present: true, lockedRules: [], lockedSettings: [], error });

/**
 * Applies a configuration pushed by Chrome's enterprise policy (`storage.managed`, key `configJson`):
 * its rules and settings are written and locked, so every operator runs the admin's configuration.
 * Never throws: whatever goes wrong (wrong types, a 60,000-deep text: lib/config-file.ts, a failing write) is stored as the
 * policy's error, so Share shows it instead of the previous state.
 */
export async function applyManagedConfig(db: AppDb, config: ConfigStore, managed: Record<string, unknown>): Promise<ManagedState> {
  let state: ManagedState;
  try {
    state = await applyPolicy(config, managed);
  } catch (error) {
    state = refused(phrase('managed.failed', { detail: error instanceof Error ? error.message : String(error) }));
  }
  await db.settings.put({ key: MANAGED_KEY, value: state });
  return state;
}

async function applyPolicy(config: ConfigStore, managed: Record<string, unknown>): Promise<ManagedState> {
  const text = managed.configJson;
  if (text === undefined || text === null || (typeof text === 'string' && !text.trim())) return NO_POLICY;
  if (typeof text !== 'string') return refused(phrase('managed.notText', { got: Array.isArray(text) ? 'array' : typeof text }));
  const parsed = parseConfigFile(text);
  if (!parsed.ok) return refused(phrase('managed.refusedField', { field: { said: parsed.label }, reason: { said: parsed.said } }));
  const lockedRules = Object.keys(parsed.file.rules) as RuleKind[];
  for (const kind of lockedRules) await config.saveRuleSet(kind, parsed.file.rules[kind]!);
  await config.saveSettings(parsed.file.settings);
  const lockedSettings = Object.entries(parsed.file.settings).flatMap(([key, value]) => (value === undefined ? [] : [key]));
  return { present: true, lockedRules, lockedSettings, error: null };
}

export async function managedState(db: AppDb): Promise<ManagedState> {
  return ((await db.settings.get(MANAGED_KEY))?.value as ManagedState | undefined) ?? NO_POLICY;
}

/** The keys of a settings change that the policy locked. */
export function lockedKeysIn(settings: SettingsInput, state: ManagedState): string[] {
  return Object.entries(settings)
    .filter(([key, value]) => value !== undefined && state.lockedSettings.includes(key))
    .map(([key]) => key);
}

/** `settings.save` from a page: a change to a setting the policy locked is refused, naming the settings. */
export async function refuseLockedSettings(db: AppDb, settings: SettingsInput): Promise<void> {
  const locked = lockedKeysIn(settings, await managedState(db));
  if (locked.length > 0) {
    const names = locked.map((key) => configFieldLabel(['settings', key])).reduceRight((rest, first) => phrase('rules.say.list', { first: { said: first }, rest: { said: rest } }));
    throw new SaidError(phrase('managed.lockedSettings', { names: { said: names } }));
  }
}
