import type http from 'node:http';
import type { AutocrmSim } from '../sim/autocrm/server';
import type { CallGearSim } from '../sim/callgear/server';
import { readBody, sendJson } from '../sim/http-util';

/** The demo's control page: fire a call, a lost call, a chat or a lead, and watch AutoCRM entities appear. */
const PAGE = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Симуляторы CallGear и AutoCRM</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2733;background:#f4f6f8}
h1{font-size:20px}button{padding:10px 16px;margin:0 8px 8px 0;border:0;border-radius:18px;background:#d6348e;color:#fff;font:inherit;cursor:pointer}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:12px}td,th{padding:6px 10px;border-bottom:1px solid #eef1f4;text-align:left}
.card{background:#fff;border-radius:14px;padding:16px;margin-bottom:16px}
</style></head><body>
<h1>Симуляторы: CallGear → расширение → AutoCRM</h1>
<div class="card">
<p>Каждая кнопка добавляет коммуникацию в симулятор CallGear; расширение забирает её и создаёт сущность в симуляторе AutoCRM.</p>
<button data-kind="call">Входящий звонок (Яндекс.Директ)</button>
<button data-kind="lost">Потерянный звонок</button>
<button data-kind="service">Звонок в сервис (IVR 2)</button>
<button data-kind="chat">Чат WhatsApp</button>
<button data-kind="lead">Заявка с сайта</button>
<p id="last"></p>
</div>
<div class="card"><h2>Создано в AutoCRM</h2><table><thead><tr><th>Ресурс</th><th>ID</th><th>Что</th></tr></thead><tbody id="created"></tbody></table></div>
<script>
const rows = document.getElementById('created');
for (const b of document.querySelectorAll('button')) b.onclick = async () => {
  const r = await fetch('/fire', { method: 'POST', body: JSON.stringify({ kind: b.dataset.kind }) }).then((r) => r.json());
  document.getElementById('last').textContent = 'Добавлено: ' + r.kind + ' #' + r.id;
};
async function refresh() {
  const created = await fetch('/created').then((r) => r.json());
  rows.replaceChildren(...created.map((c) => { const tr = document.createElement('tr'); for (const v of [c.resource, c.id, c.summary]) { const td = document.createElement('td'); td.textContent = v; tr.append(td); } return tr; }));
}
setInterval(refresh, 1000); refresh();
</script></body></html>`;

export function demoControl(autocrm: AutocrmSim, callgear: CallGearSim, onFired: () => void) {
  let n = 0;
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
      return;
    }
    if (url.pathname === '/fire' && req.method === 'POST') {
      const { kind } = (await readBody(req)) as { kind: string };
      const phone = `7916${String(5_000_000 + ++n).padStart(7, '0')}`;
      const row =
        kind === 'lost' ? callgear.addCall({ lost: true, employeeId: null, contact: phone })
        : kind === 'service' ? callgear.addCall({ scenarioId: 302, virtualNumber: '74953330000', employeeId: 9003, contact: phone })
        : kind === 'chat' ? callgear.addChat({ employeeId: 9001, visitorPhone: phone })
        : kind === 'lead' ? callgear.addLead({ visitorPhone: phone })
        : callgear.addCall({ employeeId: 9001, campaignId: 701, tags: [601], contact: phone });
      onFired();
      return sendJson(res, 200, { kind, id: row.id });
    }
    if (url.pathname === '/created') {
      return sendJson(res, 200, autocrm.created.map((c) => {
        const b = c.body as Record<string, unknown>;
        return { resource: c.resource, id: c.id, summary: String(b.comment ?? b.title ?? b.name ?? b.call_id ?? b.firstName ?? '') };
      }));
    }
    res.writeHead(404);
    res.end();
  };
}
