import { SERVICE_NAME, type Service } from '../api-error';
import { phrase, type Phrase } from '../phrase';

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

/** The _locales key of each failure: what happened and what to do, never "we will try later". */
const KEY: Record<NetFailure, string> = {
  dns: 'netDns',
  refused: 'netRefused',
  certificate: 'netCertificate',
  timeout: 'netTimeout',
  offline: 'netOffline',
  blocked: 'netBlocked',
  network: 'netUnreachable',
};

/** What the admin reads for each failure, as a phrase of public/_locales. */
export function describeNetFailure(service: Service, failure: NetFailure, host: string): Phrase {
  return phrase(KEY[failure], { service: SERVICE_NAME[service], host });
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
