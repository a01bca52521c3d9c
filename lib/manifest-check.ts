/**
 * Build-time checks of the generated manifest (wxt.config.ts runs them on every build and fails the
 * build on a problem; lib/manifest-check.test.ts runs them on examples). Framework-free: it reads the
 * manifest as plain JSON.
 */
export interface ManifestLike {
  minimum_chrome_version?: string;
  permissions?: string[];
  host_permissions?: string[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  content_scripts?: Array<{ matches?: string[] }>;
  externally_connectable?: unknown;
}

/**
 * The oldest Chrome the extension supports, and why: chrome.runtime.getContexts (116) and
 * chrome.offscreen (109) for the template sandbox while it exists, storage.session (102),
 * AbortSignal.timeout (103) in the integration check, structuredClone (98). See docs/decisions.md.
 */
export const MINIMUM_CHROME_VERSION = '116';

const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );

export function manifestProblems(manifest: ManifestLike, mode: string): string[] {
  const problems: string[] = [];
  if (!manifest.minimum_chrome_version || Number(manifest.minimum_chrome_version) < Number(MINIMUM_CHROME_VERSION)) {
    problems.push(`minimum_chrome_version must be at least ${MINIMUM_CHROME_VERSION}`);
  }
  const pages = manifest.content_security_policy?.extension_pages;
  if (!pages) problems.push('content_security_policy.extension_pages must be stated explicitly');
  else {
    const d = directives(pages);
    if (d.get('script-src')?.join(' ') !== "'self'") problems.push("extension pages: script-src must be exactly 'self'");
    if (d.get('object-src')?.join(' ') !== "'none'") problems.push("extension pages: object-src must be 'none'");
    if (/unsafe-eval|unsafe-inline/.test(pages)) problems.push('extension pages: no unsafe-eval or unsafe-inline');
  }
  const sandbox = manifest.content_security_policy?.sandbox;
  if (sandbox && sandbox.includes("'unsafe-eval'") && directives(sandbox).get('default-src')?.join(' ') !== "'none'") {
    problems.push("a page that evaluates strings (the sandbox) must have default-src 'none'");
  }
  if (manifest.externally_connectable) problems.push('no externally_connectable: web pages must not message the background');
  if (mode === 'production') {
    if (manifest.host_permissions?.length) problems.push('production: host permissions are optional and asked per origin, never at install');
    const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
    if (matches.some((m) => m !== 'https://*.autocrm.ru/*')) problems.push('production: content scripts only on https://*.autocrm.ru/*');
  }
  return problems;
}
