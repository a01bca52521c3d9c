import type { CommKind } from '../domain/communication';
import { catalogFor } from './catalog';
import type { RenderError } from './render-protocol';
import { describeTemplateError } from './template-error';

export interface LintWarning {
  name: string;
  reason: 'unknown' | 'notification-only' | 'unavailable';
  ru: string;
  en: string;
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
  [field: string]: unknown;
}

const KIND_RU: Record<CommKind, string> = { call: 'отчёт по звонкам', chat: 'отчёт по чатам', lead: 'отчёт по заявкам' };
const KIND_EN: Record<CommKind, string> = { call: 'calls', chat: 'chats', lead: 'offline messages' };

/** Names a template may use without them being communication variables. */
const BUILTINS = new Set(['loop', 'range', 'cycler', 'joiner', 'true', 'false', 'none', 'True', 'False', 'None', 'caller']);

/** Symbols read from the context, leaving out filter names and names the template binds itself. */
function readNames(root: unknown): string[] {
  const read: string[] = [];
  const bound = new Set<string>();
  const visit = (node: unknown, role: 'read' | 'bind' | 'skip') => {
    if (!node || typeof node !== 'object') return;
    const n = node as AstNode;
    if (n.typename === 'Symbol') {
      const name = String(n.value);
      if (role === 'bind') bound.add(name);
      else if (role === 'read') read.push(name);
      return;
    }
    if (n.typename === 'NodeList' || n.typename === 'Root' || Array.isArray(n.children)) {
      for (const child of (n.children as unknown[]) ?? []) visit(child, role === 'skip' ? 'read' : role);
    }
    for (const field of n.fields ?? []) {
      if (field === 'children') continue;
      const childRole =
        (n.typename === 'Filter' && field === 'name') || (n.typename === 'FilterAsync' && field === 'name') ? 'skip'
        : (n.typename === 'For' && field === 'name') || (n.typename === 'Set' && field === 'targets') || (n.typename === 'Macro' && (field === 'name' || field === 'args')) ? 'bind'
        : 'read';
      const value = n[field];
      if (Array.isArray(value)) value.forEach((v) => visit(v, childRole));
      else visit(value, childRole);
    }
  };
  visit(root, 'read');
  return [...new Set(read.filter((name) => !bound.has(name) && !BUILTINS.has(name)))];
}

/**
 * Lint while typing: the syntax error with its line and column, and warnings for variables the kind's
 * catalog does not have, has only in CallGear notifications, or whose report never fills them (all render empty).
 */
export function lintTemplate(parse: (src: string) => unknown, template: string, kind: CommKind, knownFilter: (name: string) => boolean): LintResult {
  let ast: unknown;
  try {
    ast = parse(template);
  } catch (error) {
    return { error: describeTemplateError(error, template), warnings: [], variables: [] };
  }
  const unknownFilter = findUnknownFilter(ast, knownFilter);
  const variables = readNames(ast);
  const catalog = new Map(catalogFor(kind).map((v) => [v.name, v]));
  const warnings: LintWarning[] = [];
  for (const name of variables) {
    const def = catalog.get(name);
    if (!def) warnings.push({ name, reason: 'unknown', ru: `Переменной «${name}» нет у этого вида коммуникаций: будет пусто.`, en: `"${name}" is not a variable of this kind: it will be empty.` });
    else if (def.availability === 'notification-only') {
      warnings.push({ name, reason: 'notification-only', ru: `«${name}» бывает только в HTTP-уведомлениях CallGear, в отчётах её нет: будет пусто.`, en: `"${name}" exists only in CallGear HTTP notifications, not in reports: it will be empty.` });
    } else if (def.availability === 'unavailable') {
      warnings.push({ name, reason: 'unavailable', ru: `«${name}» здесь всегда пусто: ${KIND_RU[kind]} CallGear отдаёт без этого поля (${def.source}).`, en: `"${name}" is always empty here: CallGear's ${KIND_EN[kind]} report has no such field (${def.source}).` });
    }
  }
  return { error: unknownFilter ? { kind: 'syntax', message: `фильтр «${unknownFilter}» не существует` } : null, warnings, variables };
}

function findUnknownFilter(node: unknown, known: (name: string) => boolean): string | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as AstNode;
  if ((n.typename === 'Filter' || n.typename === 'FilterAsync') && n.name && typeof n.name === 'object') {
    const name = String((n.name as AstNode).value);
    if (!known(name)) return name;
  }
  for (const field of [...(n.fields ?? []), 'children']) {
    const value = n[field];
    for (const child of Array.isArray(value) ? value : [value]) {
      const found = findUnknownFilter(child, known);
      if (found) return found;
    }
  }
  return null;
}
