import type { LocalizedText, Service } from '../api-error';

/**
 * Why a request got no answer at all. A page's fetch() says only "Failed to fetch"; Chromium's
 * webRequest.onErrorOccurred names the network error (`net::ERR_NAME_NOT_RESOLVED`…), and each of
 * these needs a different action from the admin.
 */
export type NetFailure = 'dns' | 'refused' | 'certificate' | 'timeout' | 'offline' | 'blocked' | 'network';

const PATTERNS: [RegExp, NetFailure][] = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_DNS_/, 'dns'],
  [/ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/, 'refused'],
  [/ERR_CERT_|ERR_SSL_|ERR_BAD_SSL|ERR_CERTIFICATE/, 'certificate'],
  [/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/, 'timeout'],
  [/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED/, 'offline'],
  [/ERR_BLOCKED_BY_|ERR_ACCESS_DENIED/, 'blocked'],
];

export function classifyNetError(error: string): NetFailure {
  return PATTERNS.find(([pattern]) => pattern.test(error))?.[1] ?? 'network';
}

const NAME: Record<Service, string> = { autocrm: 'AutoCRM', callgear: 'CallGear' };

/** What the admin reads for each failure: what happened and what to do, never "we will try later". */
export function describeNetFailure(service: Service, failure: NetFailure, host: string): LocalizedText {
  const who = NAME[service];
  switch (failure) {
    case 'dns':
      return {
        ru: `Адрес ${host} не найден (DNS): проверьте, нет ли опечатки в адресе ${who}.`,
        en: `The address ${host} does not exist (DNS): check the ${who} address for typos.`,
      };
    case 'refused':
      return {
        ru: `${host} отказал в соединении: сервер ${who} не принимает подключения по этому адресу и порту. Проверьте адрес; если он верный, сервер может быть выключен.`,
        en: `${host} refused the connection: no ${who} server takes connections at this address and port. Check the address; if it is right, the server may be down.`,
      };
    case 'certificate':
      return {
        ru: `Сертификат ${host} не прошёл проверку браузера: адрес может быть не тем (чужой сервер) или сертификат истёк. Откройте адрес в браузере и посмотрите, что он говорит.`,
        en: `The certificate of ${host} failed the browser's check: the address may be wrong (another server) or the certificate expired. Open the address in the browser to see what it says.`,
      };
    case 'timeout':
      return {
        ru: `${host} не ответил вовремя. Проверьте адрес; если он верный, сервер ${who} перегружен или соединение медленное.`,
        en: `${host} did not answer in time. Check the address; if it is right, the ${who} server is overloaded or the connection is slow.`,
      };
    case 'offline':
      return { ru: 'Нет подключения к интернету на этом компьютере.', en: 'This computer is not connected to the internet.' };
    case 'blocked':
      return {
        ru: `Запрос к ${host} заблокирован в этом браузере (политика, антивирус или другое расширение).`,
        en: `The request to ${host} was blocked in this browser (a policy, an antivirus or another extension).`,
      };
    default:
      return {
        ru: `${host} недоступен: проверьте адрес и подключение к сети.`,
        en: `${host} cannot be reached: check the address and the network.`,
      };
  }
}

interface Seen {
  host: string;
  error: string;
  at: number;
}

/** The latest network errors by host, as Chromium reported them, for a failed request to be explained. */
export class NetErrorLog {
  private readonly recent: Seen[] = [];

  constructor(private readonly keep = 50) {}

  note(url: string, error: string, at: number): void {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return;
    }
    this.recent.push({ host, error, at });
    if (this.recent.length > this.keep) this.recent.shift();
  }

  /** The last error for a host seen at or after `since`. */
  lastFor(host: string, since: number): NetFailure | null {
    const seen = this.recent.findLast((s) => s.host === host && s.at >= since);
    return seen ? classifyNetError(seen.error) : null;
  }
}
