/**
 * What the admin types ("motorland.autocrm.ru", "https://motorland.autocrm.ru/", ".../yii/api") becomes
 * the API base `https://<host>/yii/api` (swagger.json `basePath: /yii/api`). Plain http is kept only for
 * loopback hosts, where the simulators run in Node tests.
 */
export function normalizeAutocrmUrl(input: string): { origin: string; apiBase: string } {
  const trimmed = input.trim().replace(/\s+/g, '');
  if (!trimmed) throw new Error('The AutoCRM address is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`"${input}" is not a web address`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const protocol = loopback ? url.protocol : 'https:';
  const origin = `${protocol}//${url.host}`;
  return { origin, apiBase: `${origin}/yii/api` };
}

/** Whether a host looks like a dealership's AutoCRM (`<dealer>.autocrm.ru`). */
export const isAutocrmHost = (host: string): boolean => /^[a-z0-9-]+(\.[a-z0-9-]+)*\.autocrm\.ru(:\d+)?$/i.test(host);
