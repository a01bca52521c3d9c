// Installs what the tests and the demo need on a fresh Debian machine with Node 20:
// the npm packages (from the lockfile), Debian's chromium (with its locales), openssl, and python3-jinja2 (the reference the
// template corpus is compared with). Never downloads a browser build.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
const has = (path) => existsSync(path);

function installNpmPackages() {
  const marker = 'node_modules/.package-lock.json';
  const stale = !has(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs;
  if (stale) {
    console.log('setup: installing npm packages (npm ci)');
    run('npm ci --no-audit --no-fund');
  }
}

function installDebianPackages() {
  const missing = [
    ['chromium', '/usr/bin/chromium'],
    // Debian's chromium ships only the en-US UI locale; the Russian UI (and so the extension's ru locale) needs this.
    ['chromium-l10n', '/usr/lib/chromium/locales/ru.pak'],
    ['openssl', '/usr/bin/openssl'],
    // Real Jinja2 (3.1 on Debian 12), which renders the expected outputs of tests/templates/corpus.test.ts.
    ['python3-jinja2', '/usr/lib/python3/dist-packages/jinja2/__init__.py'],
  ].filter(([, path]) => !has(path));
  if (missing.length === 0) return;
  const names = missing.map(([name]) => name).join(' ');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  console.log(`setup: installing Debian packages: ${names}`);
  try {
    run(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq ${names}`);
  } catch {
    console.error(`setup: could not install ${names}. Install them yourself: apt-get install -y ${names}`);
    process.exit(1);
  }
}

installNpmPackages();
installDebianPackages();
