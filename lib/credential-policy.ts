/**
 * Who may hold which credential (docs/security.md "Who holds what").
 *
 * - A coordinator installation signs in with the integration's credentials: an AutoCRM integration user
 *   (login + password, or its Bearer key) and a CallGear Data API key or integration login. They are kept in
 *   the extension's IndexedDB, because a coordinator polls unattended.
 * - An operator installation signs in as its own person: their AutoCRM user (login + password: AutoCRM's
 *   API authenticates each request by `Authorization: Basic` or by a per-user Bearer key and issues no
 *   session token; the swagger's `POST /token` is a 60-second web sign-on link, not an API session:
 *   mikopbx/ModuleAutoCRM swagger.json, info.description and TokenRequest/TokenResponse), and their CallGear
 *   user, the one the Softphone uses, through `login.user` (callgear.github.io data_api/authentication/login_user
 *   and call_api/authentication/login_user: `access_token` + `expire_at`, one hour). Nothing of it is written
 *   to disk: the password and the session keys live in `chrome.storage.session` (memory only) and are asked
 *   again after the browser restarts.
 */
import { phrase } from './phrase';
import { SaidError } from './said-error';

export type InstallationRole = 'operator' | 'coordinator';

/** A fresh installation is an operator: coordinator is chosen deliberately. */
export const DEFAULT_ROLE: InstallationRole = 'operator';

/** Whose credentials an account holds. */
export type AccountIdentity = 'integration' | 'personal';

export const identityForRole = (role: InstallationRole): AccountIdentity => (role === 'coordinator' ? 'integration' : 'personal');

/** What an account dialog sends, as far as the policy cares. */
export interface CredentialInput {
  kind: 'autocrm' | 'callgear';
  auth: string;
  login?: string;
}

export class CredentialPolicyError extends SaidError {
  override name = 'CredentialPolicyError';
}

/**
 * Refuses what an operator installation may not hold: an API key (the AutoCRM key cannot be told apart from
 * the integration's, and CallGear's permanent key is account-wide: "a permanent authentication key, available
 * in your client area at the user level", data_api/authentication/login_user). An operator signs in with a
 * login and a password of their own.
 */
export function checkCredentialInput(role: InstallationRole, input: CredentialInput): void {
  if (role === 'coordinator') return;
  const loginAuth = input.kind === 'autocrm' ? 'basic' : 'login';
  if (input.auth !== loginAuth) {
    throw new CredentialPolicyError(phrase(input.kind === 'autocrm' ? 'credential.operator.autocrmKey' : 'credential.operator.callgearKey'));
  }
  if (!input.login?.trim()) throw new CredentialPolicyError(phrase('credential.operator.loginMissing'));
}

/**
 * Names a configuration file or policy must never carry: credentials belong to accounts, and accounts are
 * never shared (lib/config-file.ts). Matched on object keys at any depth.
 */
const SECRET_KEY = /^(?:password|passwd|pass|secret|secrets|token|access_?token|api_?key|apikey|bearer|authorization|credentials?|accounts?)$/i;

/** The paths of secret-looking keys in parsed JSON (first few), e.g. `["accounts", "settings.autocrm.password"]`. */
export function secretLookingPaths(value: unknown, limit = 5): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string[], depth: number) => {
    if (found.length >= limit || depth > 64 || node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      const here = [...path, key];
      if (!Array.isArray(node) && SECRET_KEY.test(key)) found.push(here.join('.'));
      walk(child, here, depth + 1);
      if (found.length >= limit) return;
    }
  };
  walk(value, [], 0);
  return found;
}
