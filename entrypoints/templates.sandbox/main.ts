import nunjucks from 'nunjucks';
import { createTemplateEngine } from '@/lib/templates/engine';
import { SANDBOX_CHANNEL, isSandboxMessage, type SandboxMessage } from '@/lib/templates/render-protocol';

// The only place templates are compiled (nunjucks uses `new Function`, allowed only in sandbox pages).
// This page has an opaque origin and no extension APIs; it answers its parent window and nobody else.
const engine = createTemplateEngine(nunjucks);

const reply = (message: SandboxMessage) => window.parent.postMessage(message, '*');

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !isSandboxMessage(event.data)) return;
  const message = event.data;
  if (message.kind === 'request') reply({ channel: SANDBOX_CHANNEL, kind: 'result', id: message.id, result: engine.render(message.request) });
  if (message.kind === 'lint') reply({ channel: SANDBOX_CHANNEL, kind: 'lint-result', id: message.id, result: engine.lint(message.template, message.commKind) });
});

reply({ channel: SANDBOX_CHANNEL, kind: 'ready' });
