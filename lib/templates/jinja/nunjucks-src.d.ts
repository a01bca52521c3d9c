// nunjucks ships no types for its parser modules; the interpreter uses them only through ast.ts.
declare module 'nunjucks/src/parser' {
  const parser: { Parser: new (tokens: unknown) => unknown };
  export = parser;
}
declare module 'nunjucks/src/nodes' {
  const nodes: Record<string, unknown>;
  export = nodes;
}
declare module 'nunjucks/src/lexer' {
  export function lex(src: string, opts?: Record<string, unknown>): unknown;
  export const TOKEN_FLOAT: string;
  export const TOKEN_LEFT_PAREN: string;
  export const TOKEN_RIGHT_PAREN: string;
  export const TOKEN_LEFT_BRACKET: string;
  export const TOKEN_RIGHT_BRACKET: string;
  export const TOKEN_LEFT_CURLY: string;
  export const TOKEN_RIGHT_CURLY: string;
  export const TOKEN_COLON: string;
  export const TOKEN_COMMA: string;
  export const TOKEN_OPERATOR: string;
  export const TOKEN_SYMBOL: string;
  export const TOKEN_BLOCK_END: string;
  export const TOKEN_TILDE: string;
  export const TOKEN_INT: string;
}
