import type { TemplateField } from '../rules/schema';

/** AutoCRM field limits the rendered text is cut to (source names: 255; docs/decisions.md). */
export const FIELD_LIMITS: Record<TemplateField, number> = { comment: 4000, source: 255, subSource: 255, title: 255 };
