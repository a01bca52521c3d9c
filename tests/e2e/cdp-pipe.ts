import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type Listener = (params: Record<string, unknown>, sessionId?: string) => void;

/**
 * Chromium driven over its DevTools pipe (`--remote-debugging-pipe`: NUL-separated JSON on fds 3 and 4),
 * attached only to what the test opens. Playwright attaches to every service worker it sees, and Chromium
 * keeps a worker a debugger is attached to alive; a test of the worker's own lifetime must not.
 */
export class CdpBrowser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private buffer = '';

  private constructor(private readonly child: ChildProcess) {
    const input = child.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
        this.buffer = this.buffer.slice(end + 1);
        if (message.id !== undefined) {
          const waiter = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) waiter?.reject(new Error(message.error.message));
          else waiter?.resolve(message.result ?? {});
        } else if (message.method) {
          for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
        }
      }
    });
  }

  static launch(executable: string, args: string[], env: NodeJS.ProcessEnv): CdpBrowser {
    const child = spawn(executable, ['--remote-debugging-pipe', ...args], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], env });
    return new CdpBrowser(child);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const done = new Promise<Record<string, unknown>>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return done;
  }

  on(method: string, listener: Listener): () => void {
    const set = this.listeners.get(method) ?? new Set();
    set.add(listener);
    this.listeners.set(method, set);
    return () => set.delete(listener);
  }

  /** Opens a tab (in a window of its own with `newWindow`) and attaches to it (to it alone). */
  async open(url: string, { newWindow = false } = {}): Promise<CdpPage> {
    const { targetId } = (await this.send('Target.createTarget', { url, newWindow })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    return new CdpPage(this, targetId, sessionId);
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    if (this.child.exitCode === null) await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

export class CdpPage {
  constructor(
    private readonly browser: CdpBrowser,
    readonly targetId: string,
    private readonly sessionId: string,
  ) {}

  /** Evaluates `expression` in the page (awaiting a promise) and returns its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.browser.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, this.sessionId)) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value;
  }

  /** Waits until `expression` is truthy in the page. */
  async waitFor(expression: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`).catch(() => false))) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  close(): Promise<unknown> {
    return this.browser.send('Target.closeTarget', { targetId: this.targetId });
  }
}
