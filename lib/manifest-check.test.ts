import { describe, expect, test } from 'vitest';
import { MINIMUM_CHROME_VERSION, manifestProblems, type ManifestLike } from './manifest-check';

const good: ManifestLike = {
  minimum_chrome_version: MINIMUM_CHROME_VERSION,
  permissions: ['storage', 'alarms'],
  content_security_policy: {
    extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    sandbox: "sandbox allow-scripts; default-src 'none'; script-src 'self' 'unsafe-eval'",
  },
  content_scripts: [{ matches: ['https://*.autocrm.ru/*'] }],
};

describe('manifestProblems (run by every build, wxt.config.ts)', () => {
  test('the intended manifest passes in both builds', () => {
    expect(manifestProblems(good, 'production')).toEqual([]);
    expect(manifestProblems({ ...good, host_permissions: ['https://*.autocrm.ru/*'] }, 'sim')).toEqual([]);
  });

  test('the manifest of the reviewed commit fails: no minimum version, object-src self, sandbox network open (docs/security.md, R13)', () => {
    const reviewed: ManifestLike = {
      ...good,
      minimum_chrome_version: undefined,
      content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'", sandbox: "sandbox allow-scripts; script-src 'self' 'unsafe-eval'; object-src 'none'" },
    };
    expect(manifestProblems(reviewed, 'production')).toEqual([
      `minimum_chrome_version must be at least ${MINIMUM_CHROME_VERSION}`,
      "extension pages: object-src must be 'none'",
      "a page that evaluates strings (the sandbox) must have default-src 'none'",
    ]);
  });

  test('string evaluation in extension pages, external messaging, install-time hosts in production are refused', () => {
    const bad: ManifestLike = {
      ...good,
      content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'; object-src 'none'" },
      externally_connectable: { matches: ['https://*.autocrm.ru/*'] },
      host_permissions: ['https://*.autocrm.ru/*'],
      content_scripts: [{ matches: ['<all_urls>'] }],
    };
    expect(manifestProblems(bad, 'production')).toEqual([
      "extension pages: script-src must be exactly 'self'",
      'extension pages: no unsafe-eval or unsafe-inline',
      'no externally_connectable: web pages must not message the background',
      'production: host permissions are optional and asked per origin, never at install',
      'production: content scripts only on https://*.autocrm.ru/*',
    ]);
  });
});
