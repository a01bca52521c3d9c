import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A self-signed certificate for the simulators' HTTPS hosts (`*.autocrm.ru`, `*.callgear.com`, …),
 * made with openssl on first use and kept in the temp folder. The test browser runs with
 * --ignore-certificate-errors; nothing here is trusted outside tests.
 */
export function simulatorCertificate(): { key: Buffer; cert: Buffer } {
  const dir = join(tmpdir(), 'callgear-autocrm-sim-tls');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=callgear-autocrm simulators',
      '-addext', 'subjectAltName=DNS:*.autocrm.ru,DNS:*.callgear.com,DNS:*.uiscom.ru,DNS:*.comagic.ru,DNS:localhost,IP:127.0.0.1',
      '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
