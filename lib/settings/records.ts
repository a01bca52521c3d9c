import { z } from 'zod/mini';
import { limitsSchema } from '../callgear/types';
import { defineSetting } from './define';

/** What the configuration store keeps next to the settings: facts it learned, not choices anyone made. */

/** The account's latest `metadata.limits`, with when they were read (the point budget paces polls by them). */
export const LIMITS_KEY = 'callgearLimits';
export const storedLimits = defineSetting(z.nullable(z.object({ limits: limitsSchema, at: z.number() })), null);
export type StoredLimits = NonNullable<z.output<typeof storedLimits.schema>>;

/** The running average cost (points) of a poll that found nothing new. */
export const IDLE_POLL_COST_KEY = 'idlePollCost';
export const idlePollCost = defineSetting(z.nullable(z.number().check(z.nonnegative())), null);

/** Data API points this installation spent on one day (`points:YYYY-MM-DD`). */
export const pointsKey = (day: string) => `points:${day}`;
export const pointsOfDay = defineSetting(z.number().check(z.nonnegative()), 0);
