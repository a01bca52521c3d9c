/**
 * The syntax tree nunjucks' parser builds (nunjucks/src/nodes.js), as the interpreter reads it.
 * Positions are 0-based in the tree; errors report them 1-based.
 */
export interface AstNode {
  readonly typename: string;
  readonly lineno: number;
  readonly colno: number;
  // Fields vary by node type (see nodes.js); each evaluator reads the ones its type has.
  children?: AstNode[];
  value?: unknown;
  target?: AstNode;
  val?: AstNode;
  left?: AstNode;
  right?: AstNode;
  cond?: AstNode;
  body?: AstNode;
  else_?: AstNode | null;
  arr?: AstNode;
  name?: AstNode;
  args?: AstNode;
  key?: AstNode;
  expr?: AstNode;
  ops?: AstNode[];
  type?: string;
  targets?: AstNode[];
  values?: AstNode[];
  start?: AstNode | null;
  stop?: AstNode | null;
  step?: AstNode | null;
  /** Set by our parser: `x.name` (attribute first) rather than `x["name"]` (item first). */
  isAttribute?: boolean;
  /** Set by our parser: `(a,)` is a one-item tuple, `(a)` is just `a`. */
  isTuple?: boolean;
}

export const children = (node: AstNode | null | undefined): AstNode[] => node?.children ?? [];
