import { browser } from 'wxt/browser';
import type { AppDb } from '@/lib/db';
import type { BackgroundRequest, Reply, ResponseMap, RequestType } from '@/lib/messages';
import { parseRequest } from '@/lib/message-schemas';
import { classifySender, type SenderFacts } from '@/lib/sender';
import type { TemplateRenderer } from '@/lib/templates/render-protocol';
import { DEFAULT_RENDER_BUDGET_MS } from '@/lib/templates/render-protocol';
import { probeStringEval } from './csp-probe';

export interface RouterDeps {
  db: AppDb;
  renderer: TemplateRenderer;
}

type Handlers = { [T in RequestType]: (request: BackgroundRequest<T>) => Promise<ResponseMap[T]> };

function createHandlers({ db, renderer }: RouterDeps): Handlers {
  return {
    async status() {
      const accounts = await db.accounts.toArray();
      return {
        version: browser.runtime.getManifest().version,
        configured: {
          autocrm: accounts.some((a) => a.kind === 'autocrm'),
          callgear: accounts.some((a) => a.kind === 'callgear'),
        },
        stringEval: probeStringEval(),
      };
    },
    render: ({ template, context, budgetMs, maxLength }) =>
      renderer.render({ template, context, budgetMs: budgetMs ?? DEFAULT_RENDER_BUDGET_MS, maxLength }),
  };
}

/** Checks who sent a message and what it is, then runs its handler; always answers with a Reply. */
export function createRouter(deps: RouterDeps) {
  const handlers = createHandlers(deps);
  return async (raw: unknown, sender: SenderFacts): Promise<Reply<unknown>> => {
    const kind = classifySender(sender, browser.runtime.id);
    if (!kind) return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
    const parsed = parseRequest(raw, kind);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[parsed.request.type] as (r: BackgroundRequest) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.request) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
