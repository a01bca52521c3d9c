import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type http from 'node:http';

const dir = join(import.meta.dirname, 'pages');
const read = (name: string) => readFileSync(name.startsWith('../') ? join(dir, '..', '..', name.slice(3)) : join(dir, name));

/** The AutoCRM-like HTML pages (a client card and a worksheet) the content script is tested on. */
const routes: { pattern: RegExp; file: string; type: string }[] = [
  { pattern: /^\/clients\/\d+\/?$/, file: 'client.html', type: 'text/html; charset=utf-8' },
  { pattern: /^\/worksheets\/\d+\/?$/, file: 'worksheet.html', type: 'text/html; charset=utf-8' },
  { pattern: /^\/(requests|service-requests|tasks)\/\d+\/?$/, file: 'entity.html', type: 'text/html; charset=utf-8' },
  { pattern: /^\/static\/autocrm\.css$/, file: 'autocrm.css', type: 'text/css; charset=utf-8' },
  { pattern: /^\/static\/fake-softphone\.js$/, file: '../softphone/fake-softphone.js', type: 'text/javascript; charset=utf-8' },
  { pattern: /^\/?$/, file: 'client.html', type: 'text/html; charset=utf-8' },
];

/** Serves a page if the path is one; returns false to let the caller handle the request. */
export function servePage(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const route = routes.find((r) => r.pattern.test(path));
  if (!route || req.method !== 'GET') return false;
  res.writeHead(200, { 'content-type': route.type });
  res.end(read(route.file));
  return true;
}
