import type { InboxItem } from '../db';
import { templateContext } from '../templates/context';
import { renderTexts, TemplateFailure, type ActDeps, type RenderedTexts } from './act';
import type { PipelineConfig } from './config';
import { Inbox } from './inbox';
import type { Plan } from './plan';
import { planItem } from './planning';
import type { RenderError } from '../templates/render-protocol';

export interface DryRunResult {
  plan: Plan;
  texts: RenderedTexts | null;
  /** The template that did not render: its field and the error (the UI words it in its language). */
  templateError: { field: string; error: RenderError } | null;
}

/**
 * What the rules would do with a communication now, without creating anything: the processor's own
 * planning path (lib/pipeline/planning.ts: the same merge, look-ups and decision), then the rendering.
 * Nothing is recorded: the notes go to an inbox of its own, which only `update` would write, and a
 * dry run never updates.
 */
export async function dryRun(deps: ActDeps, item: InboxItem, config: PipelineConfig, userOfEmployee: (id: number) => Promise<number | null>): Promise<DryRunResult> {
  const quiet = { ...deps, inbox: new Inbox(deps.db, deps.now), userOfEmployee };
  const context = templateContext(item.comm, config.dealershipZone);
  const { plan } = await planItem(quiet, item, config, context);
  try {
    return { plan, texts: await renderTexts(quiet, plan, context), templateError: null };
  } catch (error) {
    if (!(error instanceof TemplateFailure)) throw error;
    return { plan, texts: null, templateError: { field: error.field, error: error.error } };
  }
}
