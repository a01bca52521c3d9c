import { z } from 'zod/mini';
import type { SettingDefinition } from './define';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored value read back through its definition, never trusted as it is: what a browser saved
 * under an older version (a field added since, a bound tightened since) still loads. An object keeps
 * each stored field that passes and takes the default for the rest, so one stale field cannot reset
 * the others (a role, an employee id); anything else that does not pass reads as the default.
 */
export function readBack<T>(definition: SettingDefinition<T>, stored: unknown): T {
  const { schema, fallback } = definition;
  if (stored === undefined) return fallback;
  const whole = schema.safeParse(stored);
  if (whole.success) return whole.data;
  if (schema instanceof z.ZodMiniObject && isRecord(stored) && isRecord(fallback)) {
    const fields = Object.entries(schema.shape).map(([field, fieldSchema]) => {
      const read = z.safeParse(fieldSchema, stored[field]);
      return [field, read.success && read.data !== undefined ? read.data : fallback[field]];
    });
    const repaired = definition.schema.safeParse(Object.fromEntries(fields));
    if (repaired.success) return repaired.data;
  }
  return fallback;
}
