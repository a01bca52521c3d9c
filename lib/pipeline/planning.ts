import { DateTime } from 'luxon';
import type { InboxItem } from '../db';
import { mergeRules } from '../rules/merge';
import type { TemplateContext } from '../templates/render-protocol';
import { gatherLookups, type ActDeps } from './act';
import type { PipelineConfig } from './config';
import { decide, neededLookups } from './decide';
import type { Lookups, Plan } from './plan';

export interface PlanningDeps extends ActDeps {
  /** The AutoCRM user mapped to a CallGear employee (the user sync keeps the mapping). */
  userOfEmployee: (employeeId: number) => Promise<number | null>;
}

export interface Planned {
  plan: Plan;
  lookups: Lookups;
  /** The look-ups were asked of AutoCRM now (not reused from an earlier attempt). */
  gathered: boolean;
}

/** Earlier look-ups are reused only if they answer what the merged rule needs now (the admin may have changed it since). */
function reusable(earlier: Lookups | null, needed: ReturnType<typeof neededLookups>): Lookups | null {
  if (!earlier) return null;
  const answers = (!needed.client || earlier.client !== undefined) && (!needed.inquiries || earlier.inquiries) && (!needed.worksheets || earlier.worksheets);
  return answers ? earlier : null;
}

/**
 * The planning path, shared by the processor and the dry run: the item's rule set merged once with
 * its variables, the employee who took it, the AutoCRM look-ups the merged rule needs (read-only
 * requests, noted in the item's steps), and the pure decision.
 */
export async function planItem(deps: PlanningDeps, item: InboxItem, config: PipelineConfig, context: TemplateContext, earlier: Lookups | null = null): Promise<Planned> {
  const ruleSet = config.rules[item.ruleKind];
  const merged = mergeRules(ruleSet, context);
  const takerUserId = item.comm.employeeId === null ? null : await deps.userOfEmployee(item.comm.employeeId);
  const kept = reusable(earlier, neededLookups(merged));
  const lookups = kept ? { ...kept, takerUserId, fresh: false } : await gatherLookups(deps, item.key, item.comm, merged, takerUserId);
  const plan = decide({ comm: { ...item.comm, variables: context }, ruleSet, merged, lookups, hours: config.hours, now: DateTime.fromMillis(deps.now()) });
  return { plan, lookups, gathered: !kept };
}
