/**
 * Find-or-create, once per communication: the one helper behind every write of the act step (client,
 * call, inquiry or worksheet, comment, task, source). A write the link already records is not repeated;
 * else what an earlier attempt (whose answer never arrived) or another installation made is found and
 * recorded; else it is created and recorded. AutoCRM's `external_id` is not an idempotency key, so the
 * finding is ours to do.
 */
export interface OnceSteps<T> {
  /** What this communication's link already records. */
  recorded: T | undefined;
  /** What an earlier attempt or another installation made: null when nothing. */
  find?: () => Promise<T | null>;
  create: () => Promise<T>;
  /** Keeps the outcome in the link (or cache), so the next attempt does not ask again. */
  record: (value: T) => Promise<void>;
  /** A refused create that may have lost a race (a duplicate name): find again before giving up. */
  refindAfterRefusal?: (error: unknown) => boolean;
}

export type Origin = 'recorded' | 'found' | 'created';

/** The recorded or found value, without creating anything; null when there is none. */
export async function existing<T>({ recorded, find }: Pick<OnceSteps<T>, 'recorded' | 'find'>): Promise<{ value: T; origin: Exclude<Origin, 'created'> } | null> {
  if (recorded !== undefined) return { value: recorded, origin: 'recorded' };
  const found = find ? await find() : null;
  return found === null ? null : { value: found, origin: 'found' };
}

export async function ensure<T>(steps: OnceSteps<T>): Promise<{ value: T; origin: Origin }> {
  const prior = await existing(steps);
  if (prior) {
    if (prior.origin === 'found') await steps.record(prior.value);
    return prior;
  }
  let value: T;
  try {
    value = await steps.create();
  } catch (error) {
    const again = steps.find && steps.refindAfterRefusal?.(error) ? await steps.find() : null;
    if (again === null) throw error;
    await steps.record(again);
    return { value: again, origin: 'found' };
  }
  await steps.record(value);
  return { value, origin: 'created' };
}
