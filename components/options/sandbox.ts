import { browser } from 'wxt/browser';
import { createSandboxFrame, type SandboxFrame } from '@/lib/templates/sandbox-frame';

let frame: SandboxFrame | null = null;

/** The options page's own template sandbox (an iframe of the same sandbox page the background uses). */
export function pageSandbox(): SandboxFrame {
  frame ??= createSandboxFrame(document, browser.runtime.getURL('/templates.html'));
  return frame;
}
