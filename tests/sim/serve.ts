import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { simulatorCertificate } from './tls';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:port` or `https://<host>:port` */
  url(host?: string): string;
  close(): Promise<void>;
}

/**
 * Serves a handler on loopback. HTTPS (for the browser, which reaches it under real host names through
 * --host-resolver-rules) or plain HTTP (for Node contract tests).
 */
export async function serve(handler: Handler, { tls = false, port = 0 } = {}): Promise<RunningServer> {
  const listener: http.RequestListener = (req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${String(error)}`);
    });
  };
  const server = tls ? https.createServer(simulatorCertificate(), listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: (host?: string) => (tls ? `https://${host ?? 'localhost'}:${actualPort}` : `http://127.0.0.1:${actualPort}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
