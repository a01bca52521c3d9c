import { children, type AstNode } from './ast';
import { TemplateFailure } from './errors';
import type { Interpreter } from './interpreter';
import { getAttribute, getItem, slice } from './lookup';
import { makeMacro, renderCapture } from './statements';
import { binary, contains, negate } from './operators';
import { compare, equals, truthy } from './python-values';
import type { Scope } from './scope';
import { ownValue, PyCallable, tuple, type Dict, type Value } from './values';

const CONSTANTS: Record<string, Value> = { True: true, False: false, None: null };
const BINARY: Record<string, string> = { Add: '+', Sub: '-', Mul: '*', Div: '/', FloorDiv: '//', Mod: '%', Pow: '**' };

/** A readable name for the expression an error is about (`x`, `call.tags`). */
export function describe(node: AstNode | null | undefined): string {
  if (!node) return '';
  if (node.typename === 'Symbol') return String(node.value);
  if (node.typename === 'Literal') return String(node.value);
  if (node.typename === 'LookupVal') return `${describe(node.target)}.${describe(node.val)}`;
  if (node.typename === 'FunCall') return `${describe(node.name)}()`;
  return node.typename;
}

export function lookupName(it: Interpreter, scope: Scope, name: string): Value {
  const bound = scope.find(name);
  if (bound.found) return bound.value;
  const fromContext = ownValue(it.context, name);
  if (fromContext !== undefined) return fromContext;
  if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name];
  return it.global(name);
}

/** Jinja2 raises for Undefined used as an operand or looked into (its default Undefined). */
function defined(value: Value, node: AstNode | undefined): Value {
  if (value === undefined) throw new TemplateFailure('template.error.undefinedValue', { name: describe(node) });
  return value;
}

export function evaluate(it: Interpreter, node: AstNode, scope: Scope): Value {
  it.spend(1);
  try {
    return evaluateNode(it, node, scope);
  } catch (error) {
    if (error instanceof TemplateFailure) throw error.at(node.lineno + 1, node.colno + 1);
    throw error;
  }
}

function evaluateNode(it: Interpreter, node: AstNode, scope: Scope): Value {
  switch (node.typename) {
    case 'Literal': return node.value as Value;
    case 'Symbol': return lookupName(it, scope, String(node.value));
    case 'Group': return group(it, node, scope);
    case 'Array': return children(node).map((child) => evaluate(it, child, scope));
    case 'Dict': return dictLiteral(it, node, scope);
    case 'LookupVal': return lookup(it, node, scope);
    case 'FunCall': return callExpression(it, node, scope);
    case 'Filter': return filterExpression(it, node, scope);
    case 'InlineIf':
      if (truthy(evaluate(it, node.cond!, scope))) return evaluate(it, node.body!, scope);
      return node.else_ ? evaluate(it, node.else_, scope) : undefined;
    case 'Or': {
      const left = evaluate(it, node.left!, scope);
      return truthy(left) ? left : evaluate(it, node.right!, scope);
    }
    case 'And': {
      const left = evaluate(it, node.left!, scope);
      return truthy(left) ? evaluate(it, node.right!, scope) : left;
    }
    case 'Not': return !truthy(evaluate(it, node.target!, scope));
    case 'Neg': return negate(it, defined(evaluate(it, node.target!, scope), node.target), -1);
    case 'Pos': return negate(it, defined(evaluate(it, node.target!, scope), node.target), 1);
    case 'Concat': return concat(it, node, scope);
    case 'In': return contains(it, evaluate(it, node.left!, scope), evaluate(it, node.right!, scope));
    case 'Is': return isTest(it, node, scope);
    case 'Compare': return comparison(it, node, scope);
    case 'Caller': return makeMacro(it, node, scope, 'caller');
    case 'Capture': return renderCapture(it, node, scope);
    default: {
      const op = BINARY[node.typename];
      if (!op) throw new TemplateFailure('template.error.syntax', { detail: node.typename }, 'syntax');
      const left = defined(evaluate(it, node.left!, scope), node.left);
      const right = defined(evaluate(it, node.right!, scope), node.right);
      return binary(it, op, left, right, it.limits.maxOutput);
    }
  }
}

function group(it: Interpreter, node: AstNode, scope: Scope): Value {
  const items = children(node).map((child) => evaluate(it, child, scope));
  return node.isTuple || items.length !== 1 ? tuple(items) : items[0];
}

function dictLiteral(it: Interpreter, node: AstNode, scope: Scope): Dict {
  const out: Dict = Object.create(null);
  for (const pair of children(node)) {
    const key = evaluate(it, pair.key!, scope);
    out[typeof key === 'string' ? key : it.str(key)] = evaluate(it, pair.value as AstNode, scope);
  }
  return out;
}

function concat(it: Interpreter, node: AstNode, scope: Scope): string {
  const text = it.str(evaluate(it, node.left!, scope)) + it.str(evaluate(it, node.right!, scope));
  if (text.length > it.limits.maxOutput) it.fail('template.error.tooLong', { limit: it.limits.maxOutput });
  return text;
}

function lookup(it: Interpreter, node: AstNode, scope: Scope): Value {
  const key = node.val!;
  const value = evaluate(it, node.target!, scope);
  // Jinja2's sandbox answers Undefined for any dunder name, even on Undefined; other names raise.
  if (value === undefined && node.isAttribute && String(key.value).startsWith('__')) return undefined;
  const target = defined(value, node.target);
  if (key.typename === 'Slice') {
    const part = (n: AstNode | null | undefined) => (n ? evaluate(it, n, scope) : undefined);
    return slice(it, target, part(key.start), part(key.stop), part(key.step));
  }
  if (node.isAttribute) return getAttribute(it, it.builtins, target, String(key.value));
  return getItem(it, it.builtins, target, evaluate(it, key, scope));
}

/** Positional arguments and the trailing keyword arguments of a call, a filter or a test. */
export function evaluateArguments(it: Interpreter, nodes: AstNode[], scope: Scope): { args: Value[]; kwargs: Dict } {
  const args: Value[] = [];
  const kwargs: Dict = Object.create(null);
  for (const node of nodes) {
    if (node.typename === 'KeywordArgs') {
      for (const pair of children(node)) kwargs[String(pair.key!.value)] = evaluate(it, pair.value as AstNode, scope);
    } else {
      args.push(evaluate(it, node, scope));
    }
  }
  return { args, kwargs };
}

function callExpression(it: Interpreter, node: AstNode, scope: Scope): Value {
  const callee = defined(evaluate(it, node.name!, scope), node.name);
  const { args, kwargs } = evaluateArguments(it, children(node.args), scope);
  if (!(callee instanceof PyCallable)) {
    const name = node.name!;
    throw new TemplateFailure('template.error.notCallable', { name: describe(name) }).at(name.lineno + 1, name.colno + 1);
  }
  return it.call(callee, args, kwargs);
}

function filterExpression(it: Interpreter, node: AstNode, scope: Scope): Value {
  const [subject, ...rest] = children(node.args);
  const value = evaluate(it, subject!, scope);
  const { args, kwargs } = evaluateArguments(it, rest, scope);
  return it.filter(String(node.name!.value), value, args, kwargs);
}

/** `x is name`, `x is name(args)`, and nunjucks' literal forms `x is none`, `x is true`. */
function isTest(it: Interpreter, node: AstNode, scope: Scope): boolean {
  const value = evaluate(it, node.left!, scope);
  const right = node.right!;
  if (right.typename === 'Literal') return it.test(right.value === null ? 'none' : String(right.value), value, []);
  if (right.typename === 'FunCall' && right.name?.typename === 'Symbol') {
    const { args } = evaluateArguments(it, children(right.args), scope);
    return it.test(String(right.name.value), value, args);
  }
  if (right.typename === 'Symbol') return it.test(String(right.value), value, []);
  return it.fail('template.error.unknownTest', { name: describe(right) });
}

/** Chained comparisons: `0 < x < 30` is `0 < x and x < 30`, each operand evaluated once. */
function comparison(it: Interpreter, node: AstNode, scope: Scope): boolean {
  let left = evaluate(it, node.expr!, scope);
  let leftNode = node.expr!;
  for (const operand of node.ops!) {
    const right = evaluate(it, operand.expr!, scope);
    const op = operand.type!;
    if (!compareOnce(op, left, right, leftNode, operand.expr!)) return false;
    left = right;
    leftNode = operand.expr!;
  }
  return true;
}

function compareOnce(op: string, a: Value, b: Value, aNode: AstNode, bNode: AstNode): boolean {
  if (op === '==' || op === '===') return equals(a, b);
  if (op === '!=' || op === '!==') return !equals(a, b);
  const order = compare(defined(a, aNode), defined(b, bNode), op);
  return op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0;
}

