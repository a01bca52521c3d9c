import type { RenderRequest } from './render-protocol';

/** Messages from the background to the offscreen document carry this target; everyone else ignores them. */
export const OFFSCREEN_TARGET = 'offscreen';

export interface OffscreenRenderMessage {
  target: typeof OFFSCREEN_TARGET;
  type: 'render';
  request: RenderRequest;
}

export function isOffscreenRenderMessage(message: unknown): message is OffscreenRenderMessage {
  const m = message as Partial<OffscreenRenderMessage> | null;
  return m?.target === OFFSCREEN_TARGET && m.type === 'render' && typeof m.request?.template === 'string';
}
