import type { CommKind } from '../domain/communication';
import { catalogFor } from './catalog';
import { availableNames, parseTemplate } from './jinja/index';
import type { RenderError } from './render-protocol';
import type { Phrase } from '../phrase';

/** A variable the template reads but will find empty: the reason, and the words as a _locales phrase (`lintVar…`). */
export interface LintWarning extends Phrase {
  name: string;
  reason: 'unknown' | 'notification-only' | 'unavailable';
}

export interface LintResult {
  error: RenderError | null;
  warnings: LintWarning[];
  /** Variables the template reads, in order of first use. */
  variables: string[];
}

interface AstNode {
  typename?: string;
  fields?: string[];
  value?: unknown;
  lineno?: number;
  colno?: number;
  [field: string]: unknown;
}

/** The warning of a variable CallGear's report of each kind does not deliver. */
const UNAVAILABLE_KEY: Record<CommKind, string> = { call: 'lintVarUnavailableCall', chat: 'lintVarUnavailableChat', lead: 'lintVarUnavailableLead' };

/** Names a template may use without them being communication variables, besides the interpreter's globals. */
const TEMPLATE_NAMES = ['loop', 'caller', 'true', 'false', 'none', 'True', 'False', 'None'];

let known: { filters: Set<string>; tests: Set<string>; names: Set<string> } | null = null;
/** Exactly what the interpreter has: its filters, its tests, its globals. */
function knownNames() {
  if (known) return known;
  const { filters, tests, globals } = availableNames();
  known = { filters: new Set(filters), tests: new Set(tests), names: new Set([...globals, ...TEMPLATE_NAMES]) };
  return known;
}

/** The children of a node: its fields, and a node list's items. */
function childrenOf(n: AstNode): [field: string, child: unknown][] {
  const out: [string, unknown][] = [];
  for (const field of [...(n.fields ?? []), ...(n.fields?.includes('children') ? [] : ['children'])]) {
    const value = n[field];
    for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object') out.push([field, child]);
  }
  return out;
}

/** The name of the test on the right of `is`: a symbol (`odd`), a call (`divisibleby(3)`) or a literal (`none`, `true`). */
function testName(node: unknown): string | null {
  const n = node as AstNode | null;
  if (!n) return null;
  if (n.typename === 'Symbol') return String(n.value);
  if (n.typename === 'FunCall') return testName(n.name);
  if (n.typename === 'Literal') return n.value === null ? 'none' : String(n.value);
  return null;
}

type Role = 'read' | 'bind';

/** Symbols read from the context, leaving out filter and test names and names the template binds itself. */
function readNames(root: unknown): string[] {
  const read: string[] = [];
  const bound = new Set<string>();
  const visit = (node: unknown, role: Role) => {
    if (!node || typeof node !== 'object') return;
    const n = node as AstNode;
    if (n.typename === 'Symbol') {
      const name = String(n.value);
      if (role === 'bind') bound.add(name);
      else read.push(name);
      return;
    }
    if (n.typename === 'KeywordArgs') {
      // `m(sep=", ")` names a parameter, and `{% macro m(sep=", ") %}` binds one: the key is never a read.
      for (const [, pair] of childrenOf(n)) {
        if (role === 'bind') visit((pair as AstNode).key, 'bind');
        visit((pair as AstNode).value, 'read');
      }
      return;
    }
    for (const [field, child] of childrenOf(n)) {
      // A list of nodes (a tuple target, macro parameters) has the role of where it stands.
      if (field === 'children') {
        visit(child, role);
        continue;
      }
      if ((n.typename === 'Filter' || n.typename === 'FilterAsync') && field === 'name') continue;
      if (n.typename === 'Is' && field === 'right') {
        // `x is divisibleby(y)`: the test name is no variable, its arguments are.
        const args = (child as AstNode).typename === 'FunCall' ? (child as AstNode).args : null;
        visit(args, 'read');
        continue;
      }
      const binds = (n.typename === 'For' && field === 'name') || (n.typename === 'Set' && field === 'targets') || ((n.typename === 'Macro' || n.typename === 'Caller') && (field === 'name' || field === 'args'));
      visit(child, binds ? 'bind' : 'read');
    }
  };
  visit(root, 'read');
  const { names } = knownNames();
  return [...new Set(read.filter((name) => !bound.has(name) && !names.has(name)))];
}

/** A 1-based position of a node (nunjucks' nodes count from 0). */
const positionOf = (n: AstNode) => (typeof n.lineno === 'number' ? { line: n.lineno + 1, column: (n.colno ?? 0) + 1 } : {});

/** The first filter or test the interpreter does not have, as an error with its position. */
function findUnknown(node: unknown): RenderError | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as AstNode;
  const { filters, tests } = knownNames();
  if ((n.typename === 'Filter' || n.typename === 'FilterAsync') && n.name && typeof n.name === 'object') {
    const name = String((n.name as AstNode).value);
    if (!filters.has(name)) return { kind: 'syntax', key: 'template.error.unknownFilter', params: { name }, message: `No filter named "${name}"`, ...positionOf(n.name as AstNode) };
  }
  if (n.typename === 'Is') {
    const name = testName(n.right);
    if (name !== null && !tests.has(name)) return { kind: 'syntax', key: 'template.error.unknownTest', params: { name }, message: `No test named "${name}"`, ...positionOf((n.right as AstNode) ?? n) };
  }
  for (const [, child] of childrenOf(n)) {
    const found = findUnknown(child);
    if (found) return found;
  }
  return null;
}

/**
 * Lint while typing: the syntax error with its line and column, an unknown filter or test, and warnings
 * for variables the kind's catalog does not have, has only in CallGear notifications, or whose report
 * never fills them (all render empty).
 */
export function lintTemplate(template: string, kind: CommKind): LintResult {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return { error: { ...parsed.error, kind: 'syntax' }, warnings: [], variables: [] };
  const variables = readNames(parsed.ast);
  const catalog = new Map(catalogFor(kind).map((v) => [v.name, v]));
  const warnings: LintWarning[] = [];
  for (const name of variables) {
    const def = catalog.get(name);
    if (!def) warnings.push({ name, reason: 'unknown', key: 'lintVarUnknown', params: { name } });
    else if (def.availability === 'notification-only') {
      warnings.push({ name, reason: 'notification-only', key: 'lintVarNotificationOnly', params: { name } });
    } else if (def.availability === 'unavailable') {
      warnings.push({ name, reason: 'unavailable', key: UNAVAILABLE_KEY[kind], params: { name, source: def.source ?? def.reportFields.join(' / ') } });
    }
  }
  return { error: findUnknown(parsed.ast), warnings, variables };
}
