import type { CommKind, RuleKind } from '@/lib/domain/communication';
import { DEFAULT_TEMPLATES } from '@/lib/rules/defaults';
import { sampleContext } from '@/lib/templates/sample-values';
import type { RenderResult, TemplateContext } from '@/lib/templates/render-protocol';

/**
 * The old path, measured once before it was removed (2026-11-30, this function, nunjucks 3.2.4
 * `renderString` in Node on the bench machine; docs/performance.md). In the extension each render also
 * crossed worker → offscreen document → sandbox iframe and back.
 */
export const NUNJUCKS_BEFORE_US = 140;

const KIND: Record<RuleKind, CommKind> = { incomingCalls: 'call', outgoingCalls: 'call', chats: 'chat', leads: 'lead' };

/** What the pipeline renders for one communication: the comment, source and sub-source of its rule. */
function communications(): { templates: string[]; context: TemplateContext }[] {
  return (Object.keys(KIND) as RuleKind[]).map((rule) => {
    const { comment, source, subSource } = DEFAULT_TEMPLATES[rule];
    return { templates: [comment, source, subSource], context: sampleContext(KIND[rule]) as TemplateContext };
  });
}

/**
 * Render cost per communication in µs: the default templates (lib/rules/defaults.ts) against the catalog's
 * example context of each kind, after a warm-up so parse caches and the JIT are settled.
 */
export function benchTemplateRender(render: (template: string, context: TemplateContext) => RenderResult, rounds = 2_000): number {
  const work = communications();
  const once = () => {
    for (const { templates, context } of work) {
      for (const template of templates) {
        const result = render(template, context);
        if (!result.ok) throw new Error(`the default template failed: ${result.error.message}\n${template}`);
      }
    }
  };
  for (let i = 0; i < 200; i++) once();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) once();
  return ((performance.now() - started) * 1000) / (rounds * work.length);
}
