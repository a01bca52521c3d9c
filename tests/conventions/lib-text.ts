import ts from 'typescript';

const CYRILLIC = /[\u0400-\u04FF]/;

/** Lines where code (a string, template or regular expression literal, not a comment) holds Cyrillic. */
export function cyrillicInCode(text: string, name = 'file.ts'): number[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const lines = new Set<number>();
  const visit = (node: ts.Node) => {
    const literal = ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node) || ts.isJsxText(node);
    if (literal && CYRILLIC.test(node.getText(source))) lines.add(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...lines].sort((a, b) => a - b);
}

/** The _locales keys named in code: the literal first argument of `phrase(…)` and of the check's `t(…)`. */
export function phraseKeys(text: string, name = 'file.ts'): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const keys: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['phrase', 't'].includes(node.expression.text)) {
      for (const candidate of keyArguments(node.arguments[0])) keys.push(candidate);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
}

/** A literal key, or each branch of `cond ? 'a' : 'b'`. */
function keyArguments(node: ts.Expression | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...keyArguments(node.whenTrue), ...keyArguments(node.whenFalse)];
  if (ts.isParenthesizedExpression(node)) return keyArguments(node.expression);
  return [];
}
