import parserModule from 'nunjucks/src/parser';
import * as lexer from 'nunjucks/src/lexer';
import nodes from 'nunjucks/src/nodes';

// A default import: tsx (the bench) cannot see named exports of this CommonJS module.
const { Parser } = parserModule;
import type { AstNode } from './ast';
import { TemplateFailure, type TemplateError } from './errors';
import { PyFloat } from './values';

/*
 * nunjucks' parser only: never its compiler or environment (environment.js builds code with
 * `new Function`). Our subclass adds what Jinja2 has and nunjucks lacks: slices (`x[1:]`, `x[::-1]`),
 * one-item tuples `(a,)`, float literals that stay floats, and marks `x.name` apart from `x["name"]`
 * (Jinja2 looks the first up as an attribute first, the second as an item first).
 */

type Token = { type: string; value: string; lineno: number; colno: number };
type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => AstNode;
const N = nodes as unknown as Record<string, NodeClass> & { Node: { extend(name: string, props: object): NodeClass } };
const Slice: NodeClass = N.Node.extend('Slice', { fields: ['start', 'stop', 'step'] });
const With: NodeClass = N.Node.extend('With', { fields: ['targets', 'values', 'body'] });

interface BaseParser {
  peekToken(): Token | null;
  nextToken(): Token | null;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
  parseExpression(): AstNode;
  parseSignature(tolerant?: boolean, noParens?: boolean): AstNode;
  parsePrimary(noPostfix?: boolean): AstNode;
  parseUntilBlocks(...names: string[]): AstNode;
  advanceAfterBlockEnd(name?: string): Token;
  parseAsRoot(): AstNode;
  parsePow(): AstNode;
  parseStatement(): AstNode | null;
}

const NUNJUCKS_ONLY_TAGS = new Set(['switch', 'asyncEach', 'asyncAll', 'ifAsync', 'verbatim']);

const MATH1: Record<string, string> = { '+': 'Add', '-': 'Sub' };
const MATH2: Record<string, string> = { '*': 'Mul', '/': 'Div', '//': 'FloorDiv', '%': 'Mod' };
const BaseParserClass = Parser as unknown as new (tokens: unknown) => BaseParser;

class JinjaParser extends BaseParserClass {
  override parsePrimary(noPostfix?: boolean): AstNode {
    const tok = this.peekToken();
    if (tok?.type !== lexer.TOKEN_FLOAT) return super.parsePrimary(noPostfix);
    this.nextToken();
    const literal = new N.Literal!(tok.lineno, tok.colno, new PyFloat(parseFloat(tok.value)));
    return noPostfix ? literal : this.parsePostfix(literal);
  }

  parsePostfix(node: AstNode): AstNode {
    for (let tok = this.peekToken(); tok; tok = this.peekToken()) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new N.FunCall!(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        node = new N.LookupVal!(tok.lineno, tok.colno, node, this.parseSubscript());
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        if (name?.type === lexer.TOKEN_INT) {
          // `items.0` is Jinja2 for `items[0]`.
          node = new N.LookupVal!(tok.lineno, tok.colno, node, new N.Literal!(name.lineno, name.colno, parseInt(name.value, 10)));
          continue;
        }
        if (!name || name.type !== lexer.TOKEN_SYMBOL) this.fail(`unexpected token: ${name?.value ?? '.'}`, name?.lineno, name?.colno);
        node = new N.LookupVal!(tok.lineno, tok.colno, node, new N.Literal!(name.lineno, name.colno, name.value));
        node.isAttribute = true;
      } else {
        break;
      }
    }
    return node;
  }

  /** Tags only nunjucks has are unknown tags, as in Jinja2. */
  override parseStatement(): AstNode | null {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_SYMBOL && NUNJUCKS_ONLY_TAGS.has(tok.value)) this.fail(`unknown block tag: ${tok.value}`, tok.lineno, tok.colno);
    if (tok?.type === lexer.TOKEN_SYMBOL && tok.value === 'with') return this.parseWith();
    return super.parseStatement();
  }

  /** Jinja2's `{% with a = 1, b = x %}…{% endwith %}`, which nunjucks lacks. */
  private parseWith(): AstNode {
    const tag = this.nextToken()!;
    const node = new With(tag.lineno, tag.colno, [], [], null);
    while (this.peekToken()?.type !== lexer.TOKEN_BLOCK_END) {
      node.targets!.push(this.parsePrimary(true));
      if (!this.skipValue(lexer.TOKEN_OPERATOR, '=')) this.fail('expected = in with tag', tag.lineno, tag.colno);
      node.values!.push(this.parseExpression());
      if (!this.skip(lexer.TOKEN_COMMA)) break;
    }
    this.advanceAfterBlockEnd(tag.value);
    node.body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return node;
  }

  /*
   * Jinja2's precedence for arithmetic, which nunjucks splits into one level per operator (so
   * `7 * 3 // 2` would be `7 * (3 // 2)`). nunjucks' parseCompare calls parseConcat; here that is
   * Jinja2's math1 (+, -), over concat (~), over math2 (*, /, //, %), over pow. Each is left-associative.
   */
  parseConcat(): AstNode {
    return this.leftAssociative(() => this.parseTilde(), MATH1);
  }

  private parseTilde(): AstNode {
    let node = this.parseMul();
    while (this.skip(lexer.TOKEN_TILDE)) node = new N.Concat!(node.lineno, node.colno, node, this.parseMul());
    return node;
  }

  parseMul(): AstNode {
    return this.leftAssociative(() => this.parsePow(), MATH2);
  }

  private leftAssociative(operand: () => AstNode, operators: Record<string, string>): AstNode {
    let node = operand();
    for (let tok = this.peekToken(); tok?.type === lexer.TOKEN_OPERATOR && Object.hasOwn(operators, tok.value); tok = this.peekToken()) {
      this.nextToken();
      node = new N[operators[tok.value]!]!(node.lineno, node.colno, node, operand());
    }
    return node;
  }

  /** nunjucks' `set`, plus Jinja2's unparenthesised tuple `{% set a, b = 1, 2 %}` and `{% set x -%}`. */
  parseSet(): AstNode {
    const tag = this.nextToken()!;
    const node = new N.Set!(tag.lineno, tag.colno, []);
    do node.targets!.push(this.parsePrimary());
    while (this.skip(lexer.TOKEN_COMMA));
    if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      node.value = this.parseTuple();
      this.advanceAfterBlockEnd(tag.value);
      return node;
    }
    if (this.peekToken()?.type !== lexer.TOKEN_BLOCK_END) this.fail('expected = or block end in set tag', tag.lineno, tag.colno);
    this.advanceAfterBlockEnd(tag.value);
    node.body = new N.Capture!(tag.lineno, tag.colno, this.parseUntilBlocks('endset'));
    node.value = null;
    this.advanceAfterBlockEnd();
    return node;
  }

  /** An expression, or several separated by commas: a tuple without parentheses. */
  private parseTuple(): AstNode {
    const first = this.parseExpression();
    if (this.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
    const group = new N.Group!(first.lineno, first.colno);
    group.children!.push(first);
    group.isTuple = true;
    while (this.skip(lexer.TOKEN_COMMA) && this.peekToken()?.type !== lexer.TOKEN_BLOCK_END) group.children!.push(this.parseExpression());
    return group;
  }

  /** `[index]` or `[start:stop:step]`, each part optional in a slice. */
  private parseSubscript(): AstNode {
    const open = this.nextToken()!;
    const at = (type: string) => this.peekToken()?.type === type;
    const part = (...ends: string[]) => (ends.some(at) ? null : this.parseExpression());
    const start = part(lexer.TOKEN_COLON);
    let result = start;
    if (this.skip(lexer.TOKEN_COLON)) {
      const stop = part(lexer.TOKEN_COLON, lexer.TOKEN_RIGHT_BRACKET);
      const step = this.skip(lexer.TOKEN_COLON) ? part(lexer.TOKEN_RIGHT_BRACKET) : null;
      result = new Slice(open.lineno, open.colno, start, stop, step);
    }
    if (!result || !this.skip(lexer.TOKEN_RIGHT_BRACKET)) this.fail('unexpected token in subscript', open.lineno, open.colno);
    return result;
  }

  /** nunjucks' aggregate parsing, plus a trailing comma that makes `(a,)` a tuple. */
  parseAggregate(): AstNode | null {
    const tok = this.nextToken();
    const kinds: Record<string, string> = { [lexer.TOKEN_LEFT_PAREN]: 'Group', [lexer.TOKEN_LEFT_BRACKET]: 'Array', [lexer.TOKEN_LEFT_CURLY]: 'Dict' };
    const kind = tok ? kinds[tok.type] : undefined;
    if (!tok || !kind) return null;
    const node = new N[kind]!(tok.lineno, tok.colno);
    const items = node.children!;
    const closers = [lexer.TOKEN_RIGHT_PAREN, lexer.TOKEN_RIGHT_BRACKET, lexer.TOKEN_RIGHT_CURLY];
    for (;;) {
      const next = this.peekToken();
      if (!next) this.fail('unexpected end of file');
      if (closers.includes(next.type)) {
        this.nextToken();
        break;
      }
      if (items.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA)) this.fail('expected comma', next.lineno, next.colno);
        node.isTuple = true;
        if (closers.includes(this.peekToken()?.type ?? '')) continue;
      }
      if (kind === 'Dict') {
        const key = this.parseExpression();
        if (!this.skip(lexer.TOKEN_COLON)) this.fail('expected colon after dict key', key.lineno, key.colno);
        items.push(new N.Pair!(key.lineno, key.colno, key, this.parseExpression()));
      } else {
        items.push(this.parseExpression());
      }
    }
    return node;
  }
}

/** Jinja2 reads templates with newlines normalised and drops one trailing newline (keep_trailing_newline=False). */
export function normaliseSource(source: string): string {
  const text = source.replace(/\r\n?/g, '\n');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

const REFUSED: Record<string, string> = {
  Extends: 'extends', Include: 'include', Import: 'import', FromImport: 'from', Switch: 'switch',
  AsyncEach: 'asyncEach', AsyncAll: 'asyncAll', IfAsync: 'ifAsync', CallExtension: 'extension',
};

/** Refuses nunjucks-only tags and tags that need a loader; checks the `for … if` form Jinja2 allows. */
function checkTree(node: AstNode | null | undefined): void {
  if (!node || typeof node !== 'object' || typeof node.typename !== 'string') return;
  const refused = REFUSED[node.typename];
  if (refused) throw new TemplateFailure('template.error.notSupported', { name: refused }, 'syntax').at(node.lineno + 1, node.colno + 1);
  if (node.typename === 'For' && node.arr?.typename === 'InlineIf' && node.arr.else_) {
    throw new TemplateFailure('template.error.unexpectedToken', { token: 'else' }, 'syntax').at(node.arr.lineno + 1, node.arr.colno + 1);
  }
  for (const field of Object.keys(node) as (keyof AstNode)[]) {
    const value = node[field];
    if (Array.isArray(value)) value.forEach((child) => checkTree(child as AstNode));
    else if (value && typeof value === 'object') checkTree(value as AstNode);
  }
}

function endOf(source: string): { line: number; column: number } {
  const lines = source.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

/** Turns what nunjucks' lexer or parser threw into a keyed syntax error with a 1-based position. */
function syntaxError(thrown: unknown, source: string): TemplateError {
  if (thrown instanceof TemplateFailure) return thrown.error;
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) return new TemplateFailure('template.error.tooDeep').error;
  const raw = thrown instanceof Error ? thrown.message : String(thrown);
  const detail = raw.replace(/^\s*(?:\(unknown path\)\s*)?(?:\[Line \d+, Column \d+\]\s*)?/, '').replace(/^\w+:\s*/, '').trim();
  let failure: TemplateFailure;
  const tag = /unknown block tag: (\S+)/.exec(detail);
  const token = /unexpected token: (.*)$/.exec(detail);
  if (tag) failure = new TemplateFailure('template.error.unknownTag', { name: tag[1]! }, 'syntax');
  else if (/end of file|unexpected end/i.test(detail)) failure = new TemplateFailure('template.error.unexpectedEnd', {}, 'syntax');
  else if (token) failure = new TemplateFailure('template.error.unexpectedToken', { token: token[1]! }, 'syntax');
  else failure = new TemplateFailure('template.error.syntax', { detail }, 'syntax');
  const { lineno, colno } = (thrown ?? {}) as { lineno?: number; colno?: number };
  if (typeof lineno === 'number' && typeof colno === 'number') failure.at(lineno, colno);
  else {
    const end = endOf(source);
    failure.at(end.line, end.column);
  }
  return failure.error;
}

export type ParseResult = { ok: true; ast: AstNode } | { ok: false; error: TemplateError };

const CACHE_SIZE = 64;
const cache = new Map<string, ParseResult>();

/** Parses a template (cached per template text, least recently used dropped first). */
export function parse(template: string): ParseResult {
  const hit = cache.get(template);
  if (hit) {
    cache.delete(template);
    cache.set(template, hit);
    return hit;
  }
  const source = normaliseSource(template);
  let result: ParseResult;
  try {
    const ast = new JinjaParser(lexer.lex(source, {})).parseAsRoot();
    checkTree(ast);
    result = { ok: true, ast };
  } catch (thrown) {
    result = { ok: false, error: syntaxError(thrown, source) };
  }
  cache.set(template, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}
