import type { AppDb } from '../db';
import type { SettingDefinition } from './define';
import { DEFINITIONS, settingsInputSchema, type SettingKey, type SettingsInput, type SettingValue } from './definitions';
import { readBack } from './read-back';

/**
 * The one accessor of the `settings` table: each value is read back through its definition (schema
 * and default), so no caller casts what it reads, and each write is checked by the same schema.
 * The table stays in IndexedDB under the same keys, so what existing installs saved still loads.
 */
export class SettingsStore {
  constructor(private readonly db: AppDb) {}

  /** A setting's value: the saved one as far as it reads, its default otherwise. */
  get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    return this.read(key, DEFINITIONS[key]);
  }

  /** Whether this browser ever saved the setting (the first-day checklist asks about hours). */
  async isSaved(key: SettingKey): Promise<boolean> {
    return (await this.db.settings.get(key)) !== undefined;
  }

  /** Saves the settings given (each whole), checked first; returns what was saved. */
  async save(input: SettingsInput): Promise<SettingsInput> {
    const parsed = settingsInputSchema.parse(input);
    await this.db.transaction('rw', this.db.settings, async () => {
      for (const [key, value] of Object.entries(parsed)) if (value !== undefined) await this.db.settings.put({ key, value });
    });
    return parsed;
  }

  /** A record another module keeps in the same table, read through its own definition. */
  async read<T>(key: string, definition: SettingDefinition<T>): Promise<T> {
    return readBack(definition, (await this.db.settings.get(key))?.value);
  }

  /** Writes a record after checking it against its definition. */
  async write<T>(key: string, definition: SettingDefinition<T>, value: T): Promise<void> {
    await this.db.settings.put({ key, value: definition.schema.parse(value) });
  }

  async forget(keys: string[]): Promise<void> {
    await this.db.settings.bulkDelete(keys);
  }
}
