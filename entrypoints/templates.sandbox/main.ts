import nunjucks from 'nunjucks';
import { createTemplateEngine } from '@/lib/templates/engine';
import { SANDBOX_CHANNEL, isSandboxMessage, type SandboxMessage } from '@/lib/templates/render-protocol';

// The only place templates are compiled (nunjucks uses `new Function`, allowed only in sandbox pages).
// This page has an opaque origin and no extension APIs; it answers its parent window and nobody else.
const render = createTemplateEngine(nunjucks);

const reply = (message: SandboxMessage) => window.parent.postMessage(message, '*');

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !isSandboxMessage(event.data) || event.data.kind !== 'request') return;
  const { id, request } = event.data;
  reply({ channel: SANDBOX_CHANNEL, kind: 'result', id, result: render(request) });
});

reply({ channel: SANDBOX_CHANNEL, kind: 'ready' });
