import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file sits two levels below it). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folders that hold the project's own source: generated and installed code is not ours to shape. */
export const SOURCE_DIRS = ['lib', 'components', 'entrypoints', 'tests'] as const;

const SKIPPED_DIRS = new Set(['node_modules', '.output', '.wxt', 'screenshots']);

/** Every file under `dir` (relative to the root, with `/` separators) whose name matches `pattern`. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (pattern.test(entry.name)) {
        found.push(relative(ROOT, path).split(sep).join('/'));
      }
    }
  };
  walk(join(ROOT, dir));
  return found.sort();
}

export const readSource = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** A test file by its name: unit tests, e2e specs, and the helpers named after them. */
export const isTestFile = (path: string) => /\.(test|e2e)\.tsx?$/.test(path);
