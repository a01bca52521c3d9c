import { allowsLoopback, isLoopbackHost } from '../build-mode';

/** Whether a host looks like a dealership's AutoCRM (`<dealer>.autocrm.ru`). */
export const isAutocrmHost = (host: string): boolean => /^[a-z0-9-]+(\.[a-z0-9-]+)*\.autocrm\.ru(:\d+)?$/i.test(host);

/**
 * What the admin types ("motorland.autocrm.ru", "https://motorland.autocrm.ru/", ".../yii/api") becomes
 * the API base `https://<host>/yii/api` (swagger.json `basePath: /yii/api`). The key travels in the
 * Authorization header, so the scheme is always https, and the host is a dealer's `*.autocrm.ru`: the only
 * hosts the manifest can grant (optional_host_permissions). Loopback servers (http kept) and other ports
 * are accepted only in the sim build and the tests (lib/build-mode.ts), where the simulators run.
 */
export function normalizeAutocrmUrl(input: string, loopbackAllowed = allowsLoopback()): { origin: string; apiBase: string } {
  const trimmed = input.trim().replace(/\s+/g, '');
  if (!trimmed) throw new Error('The AutoCRM address is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`"${input}" is not a web address`);
  }
  if (url.username || url.password) throw new Error('The AutoCRM address must not carry a user name or password');
  const loopback = loopbackAllowed && isLoopbackHost(url.hostname);
  if (!loopback) {
    if (!isAutocrmHost(url.hostname)) throw new Error(`${url.hostname} is not an AutoCRM address (expected <dealer>.autocrm.ru)`);
    if (url.port && !loopbackAllowed) throw new Error('The AutoCRM address must use the standard https port');
  }
  const protocol = loopback && url.protocol === 'http:' ? 'http:' : 'https:';
  const origin = `${protocol}//${url.host}`;
  return { origin, apiBase: `${origin}/yii/api` };
}

/** Why an address cannot be the AutoCRM account's, or null (for the form and the save message's schema). */
export function autocrmUrlProblem(input: string, loopbackAllowed = allowsLoopback()): string | null {
  try {
    normalizeAutocrmUrl(input, loopbackAllowed);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
