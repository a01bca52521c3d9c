import {
  DEFAULT_RENDER_BUDGET_MS,
  SANDBOX_CHANNEL,
  isSandboxMessage,
  type RenderRequest,
  type RenderResult,
  type TemplateRenderer,
} from './render-protocol';

/** How long a fresh sandbox iframe may take to load before renders report it unavailable. */
const LOAD_TIMEOUT_MS = 5_000;

interface Pending {
  resolve: (result: RenderResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Hosts the template sandbox page in a hidden iframe (used by the offscreen document and the options
 * page). A render that overruns its budget is answered with a timeout and the iframe is replaced, so a
 * hanging template cannot block the next one. Messages are accepted only from our own iframe.
 */
export function createSandboxFrame(doc: Document, src: string): TemplateRenderer & { dispose(): void } {
  let frame: HTMLIFrameElement | null = null;
  let ready: Promise<void> = Promise.resolve();
  const pending = new Map<string, Pending>();
  let sequence = 0;

  function mount(): void {
    frame?.remove();
    const iframe = doc.createElement('iframe');
    iframe.src = src;
    iframe.hidden = true;
    iframe.setAttribute('aria-hidden', 'true');
    frame = iframe;
    ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The template sandbox did not load')), LOAD_TIMEOUT_MS);
      const onReady = (event: MessageEvent) => {
        if (event.source !== iframe.contentWindow || !isSandboxMessage(event.data) || event.data.kind !== 'ready') return;
        clearTimeout(timer);
        doc.defaultView?.removeEventListener('message', onReady);
        resolve();
      };
      doc.defaultView?.addEventListener('message', onReady);
    });
    doc.body.append(iframe);
  }

  function onMessage(event: MessageEvent): void {
    if (!frame || event.source !== frame.contentWindow || !isSandboxMessage(event.data) || event.data.kind !== 'result') return;
    const entry = pending.get(event.data.id);
    if (!entry) return;
    pending.delete(event.data.id);
    clearTimeout(entry.timer);
    entry.resolve(event.data.result);
  }

  doc.defaultView?.addEventListener('message', onMessage);
  mount();

  return {
    async render(request: RenderRequest): Promise<RenderResult> {
      const budgetMs = request.budgetMs ?? DEFAULT_RENDER_BUDGET_MS;
      try {
        await ready;
      } catch (error) {
        mount();
        return { ok: false, error: { kind: 'unavailable', message: String(error instanceof Error ? error.message : error) } };
      }
      const id = `r${++sequence}`;
      return new Promise<RenderResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          mount(); // the old iframe may still be looping: drop it
          resolve({ ok: false, error: { kind: 'timeout', message: `The template took longer than ${budgetMs} ms and was stopped` } });
        }, budgetMs);
        pending.set(id, { resolve, timer });
        // A sandboxed frame has an opaque origin, so '*' is the only target that reaches it; nothing secret is sent.
        frame?.contentWindow?.postMessage({ channel: SANDBOX_CHANNEL, kind: 'request', id, request }, '*');
      });
    },
    dispose() {
      doc.defaultView?.removeEventListener('message', onMessage);
      frame?.remove();
      frame = null;
    },
  };
}
