import type { RenderError } from '../templates/render-protocol';
import type { RuleFields, RuleSet } from './schema';

/** Where a template lives in a rule set: which rule (null: the base rule) and which field. */
export interface BrokenTemplate {
  rule: string | null;
  field: 'comment' | 'source' | 'subSource' | 'title' | 'taskTitle';
  error: RenderError;
}

/** Whether a template parses; resolves to its syntax error, or null. */
export type SyntaxCheck = (template: string) => Promise<RenderError | null>;

function templatesOf(fields: RuleFields): [BrokenTemplate['field'], string][] {
  const found: [BrokenTemplate['field'], string][] = [];
  for (const [field, template] of Object.entries(fields.templates ?? {})) if (template) found.push([field as BrokenTemplate['field'], template]);
  if (fields.missedTask?.title) found.push(['taskTitle', fields.missedTask.title]);
  return found;
}

/**
 * Every template of a rule set that would stop each matching communication as "needs a fix": a rule
 * set with one is not saved, so a green «Сохранено» never hides a broken template.
 */
export async function findBrokenTemplates(set: RuleSet, check: SyntaxCheck): Promise<BrokenTemplate[]> {
  const places: { rule: string | null; fields: RuleFields }[] = [{ rule: null, fields: set.base }, ...set.clarifying.map((r) => ({ rule: r.name, fields: r.fields }))];
  const broken: BrokenTemplate[] = [];
  for (const { rule, fields } of places) {
    for (const [field, template] of templatesOf(fields)) {
      const error = await check(template);
      if (error) broken.push({ rule, field, error });
    }
  }
  return broken;
}
