import ts from 'typescript';

/**
 * The no-polling rule (docs/decisions.md, "Pages listen"): in pages and the content script,
 * - no `setInterval` at all;
 * - no `setTimeout` (`ctx.setTimeout` included) whose callback sends a message to the background, directly
 *   or through a function of the same file that it calls or names as the callback (followed to any depth;
 *   a function only handed on, as a click handler, is not called by the timer). Sending is a call named
 *   `ask`, `askBackground`, `sendMessage` or `connect`, or a model's read (`refresh`, `refreshStatus`…).
 * A timer that only changes the page (a lint debounce, a toast that fades) is fine.
 */
const SENDS = /^(ask|askBackground|sendMessage|connect|refresh\w*)$/;

export interface TimerFinding {
  line: number;
  what: string;
}

const calleeName = (call: ts.CallExpression): string | null => {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
};

/** Functions declared in the file by name: `function f() {}` and `const f = () => {}`. */
function localFunctions(source: ts.SourceFile): Map<string, ts.Node> {
  const found = new Map<string, ts.Node>();
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) && node.name) found.set(node.name.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
      found.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The name of the first message-sending call reachable from `start`, or null. */
function sendReachable(start: ts.Node, functions: Map<string, ts.Node>): string | null {
  const seen = new Set<ts.Node>();
  const search = (node: ts.Node): string | null => {
    if (seen.has(node)) return null;
    seen.add(node);
    let hit: string | null = null;
    const visit = (child: ts.Node) => {
      if (hit) return;
      if (ts.isCallExpression(child)) {
        const name = calleeName(child);
        if (name && SENDS.test(name)) hit = name;
        else if (name && functions.has(name)) hit = search(functions.get(name)!);
      }
      if (!hit) ts.forEachChild(child, visit);
    };
    // The timer's callback given by name: `setTimeout(tick, 700)`.
    if (ts.isIdentifier(node) && functions.has(node.text)) return search(functions.get(node.text)!);
    ts.forEachChild(node, visit);
    return hit;
  };
  return search(start);
}

/** Polling timers in one file's text. */
export function pollingTimers(fileName: string, text: string): TimerFinding[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ESNext, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const functions = localFunctions(source);
  const findings: TimerFinding[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (name === 'setInterval') findings.push({ line, what: 'setInterval' });
      const callback = node.arguments[0];
      if (name === 'setTimeout' && callback) {
        const sent = sendReachable(callback, functions);
        if (sent) findings.push({ line, what: `setTimeout whose callback calls ${sent}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
