// What each bundle is made of: builds into .output/analyze with hidden source maps (BUNDLE_ANALYZE=1,
// wxt.config.ts), then sums the minified bytes each source module contributes. Part of `npm run bench`;
// alone: `npx tsx tests/bench/bundle-bench.ts [background|options|content] [top]`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ANALYZE_DIR = '.output/analyze/chrome-mv3';

interface SourceMap {
  sources: string[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One segment's fields of a source map's `mappings` (Base64 VLQ, relative values). */
function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not a VLQ digit: ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Finds the source module of a position in the generated code (0-based line and column). */
export function sourceLocator(map: SourceMap): (line: number, column: number) => string | null {
  const lines: [column: number, source: number][][] = [];
  let source = 0;
  for (const lineMappings of map.mappings.split(';')) {
    let column = 0;
    const segments: [number, number][] = [];
    for (const text of lineMappings ? lineMappings.split(',') : []) {
      const fields = decodeSegment(text);
      column += fields[0]!;
      if (fields.length >= 4) {
        source += fields[1]!;
        segments.push([column, source]);
      }
    }
    lines.push(segments);
  }
  return (line, column) => {
    const segments = lines[line] ?? [];
    let found: number | null = null;
    for (const [start, src] of segments) {
      if (start > column) break;
      found = src;
    }
    return found === null ? null : moduleOf(map.sources[found] ?? '?');
  };
}

/** A module's name for the table: a package (`zod`, `nunjucks`) or a path inside the project. */
export function moduleOf(source: string): string {
  const path = source.replace(/\\/g, '/');
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  return path.replace(/^(?:\.\.\/)+/, '').replace(/^.*?\/(lib|entrypoints|components|tests|utils)\//, '$1/');
}

/** The generated text of each source: every mapped segment runs until the next one on its line. */
export function textBySource(code: string, map: SourceMap): Map<string, string> {
  const parts = new Map<string, string[]>();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((lineMappings, lineNo) => {
    const line = lines[lineNo] ?? '';
    let column = 0;
    const segments = lineMappings ? lineMappings.split(',').map(decodeSegment) : [];
    const starts: [column: number, source: number | null][] = [];
    for (const fields of segments) {
      column += fields[0]!;
      if (fields.length >= 4) source += fields[1]!;
      starts.push([column, fields.length >= 4 ? source : null]);
    }
    starts.forEach(([start, src], i) => {
      const end = i + 1 < starts.length ? starts[i + 1]![0] : line.length;
      const name = src === null ? '(unmapped)' : moduleOf(map.sources[src] ?? '?');
      const list = parts.get(name) ?? [];
      list.push(line.slice(start, end));
      parts.set(name, list);
    });
    if (starts.length === 0 && line) parts.set('(unmapped)', [...(parts.get('(unmapped)') ?? []), line]);
  });
  return new Map([...parts].map(([name, list]) => [name, list.join('')]));
}

/** Groups module names: a package (everything in it), or a project folder two levels deep. */
export function groupOf(module: string): string {
  if (!/^(lib|entrypoints|components|tests|utils)\//.test(module) && module.includes('/')) {
    const parts = module.split('/');
    const pkgParts = parts[0]!.startsWith('@') ? 2 : 1;
    return parts.slice(0, pkgParts).join('/') + (parts[pkgParts] === 'src' || parts[pkgParts] === 'v4' ? `/${parts[pkgParts]}/${parts[pkgParts + 1] ?? ''}` : '');
  }
  return module.split('/').slice(0, 3).join('/');
}

export interface Contributor {
  name: string;
  bytes: number;
  /** Bytes of Russian text in it (cyrillicLiteralBytes): texts that could live in _locales instead. */
  cyrillic: number;
  /** gzip of this contributor's text alone: more than its share of the whole file's gzip. */
  gzAlone: number;
}

export function contributors(code: string, map: SourceMap, by: (module: string) => string = groupOf): Contributor[] {
  const grouped = new Map<string, string>();
  for (const [module, text] of textBySource(code, map)) grouped.set(by(module), (grouped.get(by(module)) ?? '') + text);
  return [...grouped].map(([name, text]) => ({ name, bytes: Buffer.byteLength(text), cyrillic: cyrillicLiteralBytes(text).bytes, gzAlone: gzipSync(text).length })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Texts in Russian held in the code: what moving them into _locales takes out. Counted as the UTF-8
 * bytes of Cyrillic letters (2 each) plus the spaces and punctuation between them on the same run, which
 * needs no tokenizer: a minified file's quotes cannot be paired reliably by a regular expression.
 */
export function cyrillicLiteralBytes(code: string): { bytes: number; count: number; gz: number } {
  const runs = [...code.matchAll(/[\u0400-\u04ff][\u0400-\u04ff\s\d.,:;!?«»()—–\-%№'/]*/g)].map((m) => m[0]);
  return { bytes: runs.reduce((sum, run) => sum + Buffer.byteLength(run), 0), count: runs.length, gz: gzipSync(runs.join('\n')).length };
}

export function buildForAnalysis(): void {
  execFileSync('npx', ['wxt', 'build'], { env: { ...process.env, BUNDLE_ANALYZE: '1' }, stdio: 'ignore' });
}

const ENTRY_FILES: Record<string, () => string[]> = {
  background: () => ['background.js'],
  content: () => ['content-scripts/autocrm.js'],
  options: () => [...readFileSync(join(ANALYZE_DIR, 'options.html'), 'utf8').matchAll(/src="\/?([^"]+\.js)"/g)].map((m) => m[1]!),
};

export function analyze(entry: keyof typeof ENTRY_FILES): { files: string[]; total: number; gz: number; top: Contributor[]; cyrillic: { bytes: number; count: number; gz: number } } {
  const files = ENTRY_FILES[entry]!();
  const all: Contributor[] = [];
  let total = 0;
  let gz = 0;
  const cyrillic = { bytes: 0, count: 0, gz: 0 };
  for (const file of files) {
    const code = readFileSync(join(ANALYZE_DIR, file), 'utf8');
    total += Buffer.byteLength(code);
    gz += gzipSync(code).length;
    const c = cyrillicLiteralBytes(code);
    cyrillic.bytes += c.bytes;
    cyrillic.count += c.count;
    cyrillic.gz += c.gz;
    all.push(...contributors(code, JSON.parse(readFileSync(join(ANALYZE_DIR, `${file}.map`), 'utf8')) as SourceMap));
  }
  return { files, total, gz, top: all.sort((a, b) => b.bytes - a.bytes), cyrillic };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const entry = (process.argv[2] ?? 'background') as keyof typeof ENTRY_FILES;
  const top = Number(process.argv[3] ?? 30);
  if (process.env.BUNDLE_NO_BUILD !== '1' || !existsSync(join(ANALYZE_DIR, 'manifest.json'))) buildForAnalysis();
  const result = analyze(entry);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${entry}: ${result.files.join(', ')}: ${kb(result.total)} minified, ${kb(result.gz)} gz; Russian text ${kb(result.cyrillic.bytes)} (${result.cyrillic.count} runs; ${kb(result.cyrillic.gz)} gz alone)`);
  console.log('| module | minified | gz alone | Russian text |\n|---|---|---|---|');
  for (const c of result.top.slice(0, top)) console.log(`| ${c.name} | ${kb(c.bytes)} | ${kb(c.gzAlone)} | ${kb(c.cyrillic)} |`);
  const cyr = [...result.top].sort((a, b) => b.cyrillic - a.cyrillic).filter((c) => c.cyrillic > 0);
  console.log(`\nRussian text by module:\n${cyr.slice(0, top).map((c) => `${kb(c.cyrillic)} ${c.name}`).join('\n')}`);
}
