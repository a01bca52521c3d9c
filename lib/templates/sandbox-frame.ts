import {
  DEFAULT_RENDER_BUDGET_MS,
  SANDBOX_CHANNEL,
  isSandboxMessage,
  type RenderRequest,
  type RenderResult,
  type TemplateRenderer,
  type SandboxMessage,
} from './render-protocol';
import type { CommKind } from '../domain/communication';
import type { LintResult } from './lint';

/** How long a fresh sandbox iframe may take to load before renders report it unavailable. */
const LOAD_TIMEOUT_MS = 5_000;
const LINT_BUDGET_MS = 1_000;

interface Pending {
  resolve: (result: never) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Hosts the template sandbox page in a hidden iframe (used by the offscreen document and the options
 * page). A render that overruns its budget is answered with a timeout and the iframe is replaced, so a
 * hanging template cannot block the next one. Messages are accepted only from our own iframe.
 */
export interface SandboxFrame extends TemplateRenderer {
  lint(template: string, kind: CommKind): Promise<LintResult>;
  dispose(): void;
}

export function createSandboxFrame(doc: Document, src: string): SandboxFrame {
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
    if (!frame || event.source !== frame.contentWindow || !isSandboxMessage(event.data)) return;
    const message = event.data;
    if (message.kind !== 'result' && message.kind !== 'lint-result') return;
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    clearTimeout(entry.timer);
    entry.resolve(message.result as never);
  }

  /** Sends one message to the sandbox and waits for its answer, or the budget. */
  function ask<T>(message: (id: string) => SandboxMessage, budgetMs: number, late: () => T): Promise<T> {
    const id = `r${++sequence}`;
    return new Promise<T>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        mount(); // the old iframe may still be looping: drop it
        resolve(late());
      }, budgetMs);
      pending.set(id, { resolve: resolve as (result: never) => void, timer });
      // A sandboxed frame has an opaque origin, so '*' is the only target that reaches it; nothing secret is sent.
      frame?.contentWindow?.postMessage(message(id), '*');
    });
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
      return ask<RenderResult>((id) => ({ channel: SANDBOX_CHANNEL, kind: 'request', id, request }), budgetMs, () => ({
        ok: false,
        error: { kind: 'timeout', message: `The template took longer than ${budgetMs} ms and was stopped` },
      }));
    },
    async lint(template: string, kind: CommKind): Promise<LintResult> {
      await ready.catch(() => mount());
      return ask<LintResult>((id) => ({ channel: SANDBOX_CHANNEL, kind: 'lint', id, template, commKind: kind }), LINT_BUDGET_MS, () => ({
        error: { kind: 'timeout', message: 'The template could not be checked in time' },
        warnings: [],
        variables: [],
      }));
    },
    dispose() {
      doc.defaultView?.removeEventListener('message', onMessage);
      frame?.remove();
      frame = null;
    },
  };
}
