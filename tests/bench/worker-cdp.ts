// A CDP session on the extension's service worker: its heap, and a CPU profile of it. Playwright gives no
// CDP session for a worker, so a page's session attaches to the worker target and talks to it through
// `Target.sendMessageToTarget`.
import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/harness';

export interface WorkerSession {
  send<T = unknown>(method: string, params?: object): Promise<T>;
  close(): Promise<void>;
}

export async function attachToWorker(browser: ExtensionBrowser): Promise<WorkerSession> {
  const page: Page = await browser.context.newPage();
  const cdp: CDPSession = await browser.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  if (!worker) throw new Error('The extension service worker is not running');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const pending = message.id ? waiting.get(message.id) : undefined;
    if (!pending) return;
    waiting.delete(message.id!);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  let nextId = 0;
  return {
    send: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve, reject) => {
        waiting.set(++nextId, { resolve: resolve as (result: unknown) => void, reject });
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId, method, params }) });
      }),
    close: () => page.close(),
  };
}

/** The worker's JS heap after a garbage collection, in bytes. */
export async function serviceWorkerHeap(browser: ExtensionBrowser): Promise<number> {
  const worker = await attachToWorker(browser);
  await worker.send('HeapProfiler.collectGarbage');
  const usage = await worker.send<{ usedSize: number }>('Runtime.getHeapUsage');
  await worker.close();
  return usage.usedSize;
}

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Starts the worker's sampling profiler; the returned function stops it and gives the profile. */
export async function profileWorker(browser: ExtensionBrowser): Promise<() => Promise<CpuProfile>> {
  const worker = await attachToWorker(browser);
  await worker.send('Profiler.enable');
  await worker.send('Profiler.setSamplingInterval', { interval: 500 });
  await worker.send('Profiler.start');
  return async () => {
    const { profile } = await worker.send<{ profile: CpuProfile }>('Profiler.stop');
    await worker.close();
    return profile;
  };
}

/** Self time per frame (µs), keyed by what `name` makes of each call frame. */
export function selfTimes(profile: CpuProfile, name: (frame: ProfileNode['callFrame']) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = name(node.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  return totals;
}
