import type { CDPSession, Page } from 'playwright-core';

/**
 * The extension's in-page cards live in a closed shadow root, which Playwright's selectors do not
 * pierce (and neither can the page). Tests reach them the way DevTools does: the Chrome DevTools
 * Protocol's DOM domain, with `pierce: true`, sees closed roots; clicks go through Playwright's mouse,
 * so they are trusted like a person's.
 */
export const SHADOW_HOST = 'callgear-autocrm';

interface DomNode {
  nodeId: number;
  localName?: string;
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: 'open' | 'closed' | 'user-agent' })[];
}

function findHost(node: DomNode): DomNode | null {
  if (node.localName === SHADOW_HOST) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findHost(child);
    if (found) return found;
  }
  return null;
}

export interface Overlay {
  /** The mode of the cards' shadow root, as the browser reports it. */
  mode(): Promise<string | null>;
  /** Text of the first element matching `selector` inside the cards, or null. */
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  /** Whether the matching checkbox or switch is checked. */
  checked(selector: string): Promise<boolean>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** Waits until the element's text contains `part` (or the element exists, without `part`). */
  waitFor(selector: string, part?: string, timeoutMs?: number): Promise<string>;
  waitForGone(selector: string, timeoutMs?: number): Promise<void>;
  /** The element's border box in page pixels, or null when nothing matches. */
  box(selector: string): Promise<{ x: number; y: number; width: number; height: number } | null>;
  /** A real mouse click in the middle of the element. */
  click(selector: string): Promise<void>;
  close(): Promise<void>;
}

export const testId = (id: string) => `[data-testid="${id}"]`;

export async function overlay(page: Page): Promise<Overlay> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');

  const shadowRoot = async () => {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return findHost(root)?.shadowRoots?.[0] ?? null;
  };
  const nodeIds = async (selector: string): Promise<number[]> => {
    const root = await shadowRoot();
    if (!root) return [];
    const { nodeIds: ids } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector })) as { nodeIds: number[] };
    return ids;
  };
  const call = async <T>(nodeId: number, fn: string): Promise<T> => {
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: fn, returnByValue: true });
    return result.value as T;
  };
  const text = async (selector: string) => {
    const [id] = await nodeIds(selector);
    return id === undefined ? null : call<string>(id, 'function () { return this.textContent; }');
  };
  const poll = async <T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== null) return value;
      if (Date.now() > until) throw new Error(`overlay: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return {
    mode: async () => (await shadowRoot())?.shadowRootType ?? null,
    text,
    count: async (selector) => (await nodeIds(selector)).length,
    async checked(selector) {
      const [id] = await nodeIds(selector);
      if (id === undefined) throw new Error(`overlay: nothing matches ${selector}`);
      return call<boolean>(id, 'function () { return this.checked === true; }');
    },
    async attribute(selector, name) {
      const [id] = await nodeIds(selector);
      return id === undefined ? null : call<string | null>(id, `function () { return this.getAttribute(${JSON.stringify(name)}); }`);
    },
    waitFor: (selector, part, timeoutMs = 15_000) =>
      poll(`${selector}${part ? ` with "${part}"` : ''}`, timeoutMs, async () => {
        const value = await text(selector);
        return value !== null && (part === undefined || value.includes(part)) ? value : null;
      }),
    async waitForGone(selector, timeoutMs = 15_000) {
      await poll(`${selector} to go`, timeoutMs, async () => ((await nodeIds(selector)).length === 0 ? true : null));
    },
    async box(selector) {
      const [id] = await nodeIds(selector);
      if (id === undefined) return null;
      return call(id, 'function () { const r = this.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }');
    },
    async click(selector) {
      const [id] = await nodeIds(selector);
      if (id === undefined) throw new Error(`overlay: nothing matches ${selector}`);
      await call(id, 'function () { this.scrollIntoView({ block: "center" }); }');
      const { quads } = (await cdp.send('DOM.getContentQuads', { nodeId: id })) as { quads: number[][] };
      const quad = quads[0]!;
      const x = (quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4;
      const y = (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4;
      await page.mouse.click(x, y);
    },
    close: () => cdp.detach(),
  };
}
