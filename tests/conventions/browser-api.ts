import { relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { ROOT } from './source-files';

/**
 * Names that only exist in a browser (or an extension) at run time. A word in a comment or a local
 * variable called `window` (a report window) is not a use: only a reference the compiler resolves to a
 * declaration outside the checked folder (lib.dom.d.ts, @types/chrome, WXT's globals), or to nothing.
 */
export const BROWSER_GLOBALS: ReadonlySet<string> = new Set(['chrome', 'browser', 'document', 'window', 'localStorage', 'sessionStorage']);

/** Modules that are the extension runtime, or that are browser-side code of this project. */
const BROWSER_MODULES = [/^wxt(\/|$)/, /^#imports$/, /^webextension-polyfill$/, /^@webext-core\//, /^@\/(components|entrypoints)(\/|$)/, /^preact(\/|$)/, /^@preact\//];

export interface BrowserApiUse {
  file: string;
  line: number;
  what: string;
}

/**
 * Each file on its own, with only the language's own library: a browser global then resolves to nothing
 * (or to a file outside the folder), which is what the rule looks for, and no DOM typings are parsed.
 */
const OPTIONS: ts.CompilerOptions = { noResolve: true, noLib: false, lib: ['lib.esnext.d.ts'], types: [], target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.Preserve, noEmit: true };

const isGlobalObject = (node: ts.Expression) => ts.isIdentifier(node) && (node.text === 'globalThis' || node.text === 'self');

/** `x.window` names a property of x, not the global; `globalThis.window` is the global. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return !isGlobalObject(parent.expression);
  if (ts.isQualifiedName(parent) && parent.right === node) return true;
  return false;
}

/** A relative import that leaves `dir` for the project's browser-side folders. */
function leavesFor(specifier: string, file: string, dir: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = relative(ROOT, resolve(file, '..', specifier)).split(sep)[0];
  return relative(dir, resolve(file, '..', specifier)).startsWith('..') && (target === 'components' || target === 'entrypoints');
}

function moduleSpecifiers(source: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) found.push(node.moduleSpecifier);
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Every use of a browser API in `files` (absolute paths, all under `dir`): an import of the extension
 * runtime or of browser-side code, and a reference to a browser global.
 */
export function browserApiUses(files: readonly string[], dir: string): BrowserApiUse[] {
  const program = ts.createProgram({ rootNames: files, options: OPTIONS });
  const checker = program.getTypeChecker();
  const inDir = (fileName: string) => !relative(dir, fileName).startsWith('..') && !fileName.includes('/node_modules/');
  const uses: BrowserApiUse[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not compiled: ${file}`);
    const at = (node: ts.Node, what: string) => uses.push({ file: relative(ROOT, file).split(sep).join('/'), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
    for (const specifier of moduleSpecifiers(source)) {
      if (BROWSER_MODULES.some((pattern) => pattern.test(specifier.text)) || leavesFor(specifier.text, file, dir)) at(specifier, `import '${specifier.text}'`);
    }
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text) && !isPropertyName(node)) {
        const declarations = checker.getSymbolAtLocation(node)?.declarations ?? [];
        if (declarations.length === 0 || declarations.every((d) => !inDir(d.getSourceFile().fileName))) at(node, node.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}
