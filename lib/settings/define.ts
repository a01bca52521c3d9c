import type { z } from 'zod/mini';

/**
 * One setting: its schema (what may be saved) and its default (what a browser that never saved it
 * reads). The type comes from the schema, so the value has no other declaration to drift from.
 */
export interface SettingDefinition<T> {
  schema: z.ZodMiniType<T>;
  fallback: T;
}

/** A definition that keeps its schema's own type (the saved shape builds on it). */
export const defineSetting = <S extends z.ZodMiniType>(schema: S, fallback: z.output<S>): { schema: S; fallback: z.output<S> } => ({ schema, fallback });
