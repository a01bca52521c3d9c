import type { CommKind } from '../domain/communication';
import type { LintResult } from './lint';

/**
 * What crosses between the background, the offscreen document and the template sandbox.
 * Only plain data: a template, a context of report values, limits. Never a secret.
 */
export type RenderErrorKind = 'syntax' | 'runtime' | 'timeout' | 'unavailable' | 'too-long';

export interface RenderError {
  kind: RenderErrorKind;
  message: string;
  line?: number;
  column?: number;
}

export type RenderResult = { ok: true; text: string } | { ok: false; error: RenderError };

/** Plain JSON-like values a template can see. */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };
export type TemplateContext = Record<string, TemplateValue>;

export interface RenderRequest {
  template: string;
  context: TemplateContext;
  /** Time budget for this render; the sandbox is recreated when it is exceeded. */
  budgetMs?: number;
  /** Output is cut to this many characters (AutoCRM field limits). */
  maxLength?: number;
}

export const DEFAULT_RENDER_BUDGET_MS = 250;

/** Messages on the window.postMessage channel between a host page and the sandbox iframe. */
export const SANDBOX_CHANNEL = 'callgear-autocrm/render';

export type SandboxMessage =
  | { channel: typeof SANDBOX_CHANNEL; kind: 'ready' }
  | { channel: typeof SANDBOX_CHANNEL; kind: 'request'; id: string; request: RenderRequest }
  | { channel: typeof SANDBOX_CHANNEL; kind: 'result'; id: string; result: RenderResult }
  | { channel: typeof SANDBOX_CHANNEL; kind: 'lint'; id: string; template: string; commKind: CommKind }
  | { channel: typeof SANDBOX_CHANNEL; kind: 'lint-result'; id: string; result: LintResult };

export function isSandboxMessage(data: unknown): data is SandboxMessage {
  return typeof data === 'object' && data !== null && (data as { channel?: unknown }).channel === SANDBOX_CHANNEL;
}

/** Anything that renders templates: the offscreen path in the extension, nunjucks directly in Node tests. */
export interface TemplateRenderer {
  render(request: RenderRequest): Promise<RenderResult>;
}
