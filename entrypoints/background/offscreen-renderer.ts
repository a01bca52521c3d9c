import { browser } from 'wxt/browser';
import type { RenderRequest, RenderResult, TemplateRenderer } from '@/lib/templates/render-protocol';
import { DEFAULT_RENDER_BUDGET_MS } from '@/lib/templates/render-protocol';
import { OFFSCREEN_TARGET, type OffscreenRenderMessage } from '@/lib/templates/offscreen-protocol';

const OFFSCREEN_PATH = '/offscreen.html';
/** Extra time past the budget for the offscreen document itself to answer before it is replaced. */
const OFFSCREEN_GRACE_MS = 1_500;

const failure = (kind: 'timeout' | 'unavailable', message: string): RenderResult => ({ ok: false, error: { kind, message } });

/**
 * Renders templates in the sandbox page hosted by an offscreen document (the service worker cannot host
 * an iframe, and MV3 forbids string evaluation outside sandbox pages). Creates the document lazily, once.
 */
export function createOffscreenRenderer(): TemplateRenderer {
  let creating: Promise<void> | null = null;

  async function ensureDocument(): Promise<void> {
    const url = browser.runtime.getURL(OFFSCREEN_PATH);
    const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (existing.length > 0) return;
    creating ??= browser.offscreen
      .createDocument({
        url,
        reasons: ['IFRAME_SCRIPTING'],
        justification: 'Renders admin-written Jinja templates in a sandboxed iframe, isolated from extension APIs.',
      })
      .finally(() => {
        creating = null;
      });
    await creating;
  }

  async function send(message: OffscreenRenderMessage): Promise<RenderResult | undefined> {
    // The document may still be registering its listener right after creation.
    for (let attempt = 0; ; attempt++) {
      try {
        return (await browser.runtime.sendMessage(message)) as RenderResult | undefined;
      } catch (error) {
        if (attempt >= 20 || !/Receiving end does not exist/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }

  return {
    async render(request: RenderRequest): Promise<RenderResult> {
      const budgetMs = request.budgetMs ?? DEFAULT_RENDER_BUDGET_MS;
      try {
        await ensureDocument();
      } catch (error) {
        return failure('unavailable', `The template renderer could not start: ${String(error)}`);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), budgetMs + OFFSCREEN_GRACE_MS);
      });
      const answer = await Promise.race([send({ target: OFFSCREEN_TARGET, type: 'render', request: { ...request, budgetMs } }), deadline]).catch(
        (error: unknown) => failure('unavailable', `The template renderer failed: ${String(error)}`),
      );
      clearTimeout(timer);
      if (answer === 'late') {
        // The whole offscreen document is stuck: replace it so the next render starts clean.
        await browser.offscreen.closeDocument().catch(() => undefined);
        return failure('timeout', `The template took longer than ${budgetMs} ms and was stopped`);
      }
      return answer ?? failure('unavailable', 'The template renderer did not answer');
    },
  };
}
