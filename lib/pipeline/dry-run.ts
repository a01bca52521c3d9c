import { DateTime } from 'luxon';
import type { InboxItem } from '../db';
import { mergeRules } from '../rules/merge';
import { templateContext } from '../templates/context';
import { gatherLookups, renderTexts, TemplateFailure, type ActDeps, type RenderedTexts } from './act';
import type { PipelineConfig } from './config';
import { decide } from './decide';
import type { Inbox } from './inbox';
import type { Plan } from './plan';
import type { RenderError } from '../templates/render-protocol';

export interface DryRunResult {
  plan: Plan;
  texts: RenderedTexts | null;
  /** The template that did not render: its field and the error (the UI words it in its language). */
  templateError: { field: string; error: RenderError } | null;
}

/**
 * What the rules would do with a communication now, without creating anything: the same look-ups
 * (read-only requests), decision and rendering as the pipeline, and no steps recorded.
 */
export async function dryRun(deps: ActDeps, item: InboxItem, config: PipelineConfig, userOfEmployee: (id: number) => Promise<number | null>): Promise<DryRunResult> {
  const quiet: ActDeps = { ...deps, inbox: { step: async () => undefined, note: () => undefined } as unknown as Inbox };
  const context = templateContext(item.comm, config.dealershipZone);
  const ruleSet = config.rules[item.ruleKind];
  const merged = mergeRules(ruleSet, context);
  const taker = item.comm.employeeId === null ? null : await userOfEmployee(item.comm.employeeId);
  const lookups = await gatherLookups(quiet, item.key, item.comm, merged, taker);
  const plan = decide({ comm: { ...item.comm, variables: context }, ruleSet, lookups, hours: config.hours, now: DateTime.fromMillis(deps.now()) });
  try {
    return { plan, texts: await renderTexts(quiet, plan, context), templateError: null };
  } catch (error) {
    if (!(error instanceof TemplateFailure)) throw error;
    return { plan, texts: null, templateError: { field: error.field, error: error.error } };
  }
}
