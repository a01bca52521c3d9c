import { allowsLoopback, isLoopbackHost } from '../build-mode';
import { BRAND_HOSTS, type Brand } from './hosts';

export type CallGearApi = 'dataApi' | 'callApi';

const API_NAME: Record<CallGearApi, string> = { dataApi: 'Data API', callApi: 'Call API' };

/**
 * Why a custom CallGear endpoint may not receive this account's token, or null when it may.
 *
 * The documents give one scheme and one host per brand and API: "<protocol> — https; <hostname> —
 * dataapi.callgear.com" (callgear.github.io data_api/index.html), "https://callapi.callgear.com/<version>"
 * (call_api/index.html); dataapi.uiscom.ru / dataapi.comagic.ru and callapi.uiscom.ru / callapi.comagic.ru
 * (comagic.github.io data_api/index.html, call_api/index.html), and a UIS account's credentials are not
 * valid on the CoMagic host and back (same page). So a production build accepts only https on the
 * brand's own host, on the default port. The sim build and the tests also accept loopback servers and a
 * documented host on another port (the browser tests map the real names to loopback).
 */
export function callGearEndpointProblem(raw: string, brand: Brand, api: CallGearApi, loopbackAllowed = allowsLoopback()): string | null {
  const documented = new URL(BRAND_HOSTS[brand][api]);
  const expected = `${documented.origin}/…`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a web address (expected ${expected})`;
  }
  if (url.username || url.password) return `the ${API_NAME[api]} address must not carry a user name or password`;
  if (loopbackAllowed && isLoopbackHost(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return `the ${API_NAME[api]} address must use https (expected ${expected})`;
  if (url.hostname !== documented.hostname) return `${url.hostname} is not the documented ${API_NAME[api]} host of this brand (expected ${expected})`;
  if (url.port && !loopbackAllowed) return `the ${API_NAME[api]} address must use the standard https port (expected ${expected})`;
  return null;
}

/** The endpoint the client posts to: the documented one, or a custom one that passes the check above. */
export function callGearEndpoint(custom: string | undefined, brand: Brand, api: CallGearApi, loopbackAllowed = allowsLoopback()): string {
  if (custom === undefined || custom === '') return BRAND_HOSTS[brand][api];
  const problem = callGearEndpointProblem(custom, brand, api, loopbackAllowed);
  if (problem) throw new Error(`CallGear account: ${problem}. Fix the address in the account settings.`);
  return custom;
}
