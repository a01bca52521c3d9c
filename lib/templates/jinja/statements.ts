import { children, type AstNode } from './ast';
import { TemplateFailure } from './errors';
import { describe, evaluate } from './expressions';
import { MAX_CALL_DEPTH, type Interpreter } from './interpreter';
import { LoopState } from './callables';
import { codePoints } from './lookup';
import { bindArguments, Macro, parametersOf, specialNamesUsed } from './macros';
import { Output } from './output';
import { equals, truthy, typeName } from './python-values';
import { Scope } from './scope';
import { isDict, Namespace, type Value } from './values';

/** Renders a list of statements (a NodeList/Root body) into `out`. */
export function renderBody(it: Interpreter, body: AstNode | null | undefined, scope: Scope, out: Output): void {
  for (const node of children(body)) renderNode(it, node, scope, out);
}

function renderNode(it: Interpreter, node: AstNode, scope: Scope, out: Output): void {
  it.spend(1);
  try {
    switch (node.typename) {
      case 'Output': return renderOutput(it, node, scope, out);
      case 'If':
        if (truthy(evaluate(it, node.cond!, scope))) renderBody(it, node.body, scope, out);
        else if (node.else_?.typename === 'If') renderNode(it, node.else_, scope, out);
        else renderBody(it, node.else_, scope, out);
        return;
      case 'For': return renderFor(it, node, scope, out);
      case 'Set': return renderSet(it, node, scope);
      case 'Macro': {
        const macro = makeMacro(it, node, scope, String(node.name!.value));
        return scope.set(macro.name, macro);
      }
      case 'With': {
        const inner = new Scope(scope);
        node.targets!.forEach((target, i) => inner.set(String(target.value), evaluate(it, node.values![i]!, scope)));
        return renderBody(it, node.body, inner, out);
      }
      case 'Block': return renderBody(it, node.body, scope, out);
      case 'NodeList': return renderBody(it, node, scope, out);
      default: throw new TemplateFailure('template.error.notSupported', { name: node.typename }, 'syntax');
    }
  } catch (error) {
    if (error instanceof TemplateFailure) throw error.at(node.lineno + 1, node.colno + 1);
    throw error;
  }
}

function renderOutput(it: Interpreter, node: AstNode, scope: Scope, out: Output): void {
  for (const child of children(node)) {
    if (child.typename === 'TemplateData') out.write(String(child.value));
    else out.write(it.str(evaluate(it, child, scope)));
  }
}

/** What `for` walks: a list's items, a str's characters, a dict's keys; Undefined is empty. */
function itemsOf(it: Interpreter, value: Value, node: AstNode): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...codePoints(value)];
  if (isDict(value)) return Object.keys(value);
  if (value === undefined) return [];
  throw new TemplateFailure('template.error.notIterable', { type: typeName(value) }).at(node.lineno + 1, node.colno + 1);
}

/** `for a, b in pairs`: binds each name, unpacking the item when there are several. */
function bindTarget(target: AstNode, value: Value, scope: Scope): void {
  if (target.typename === 'Symbol') return scope.set(String(target.value), value);
  const names = children(target);
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [...codePoints(value)] : isDict(value) ? Object.keys(value) : null;
  if (!items || items.length !== names.length) {
    throw new TemplateFailure('template.error.unpack', { expected: names.length, got: items ? items.length : typeName(value) });
  }
  names.forEach((name, i) => bindTarget(name, items[i], scope));
}

function renderFor(it: Interpreter, node: AstNode, scope: Scope, out: Output): void {
  let source = node.arr!;
  let condition: AstNode | undefined;
  if (source.typename === 'InlineIf' && !source.else_) {
    condition = source.cond;
    source = source.body!;
  }
  let items = itemsOf(it, evaluate(it, source, scope), source);
  if (condition) {
    const test = condition;
    items = items.filter((item) => {
      const iteration = new Scope(scope);
      bindTarget(node.name!, item, iteration);
      return truthy(evaluate(it, test, iteration));
    });
  }
  if (items.length === 0) return renderBody(it, node.else_, scope, out);
  const loop = new LoopState(items, equals);
  for (let i = 0; i < items.length; i++) {
    it.spend(1);
    loop.index0 = i;
    const iteration = new Scope(scope);
    iteration.set('loop', loop);
    bindTarget(node.name!, items[i], iteration);
    renderBody(it, node.body, iteration, out);
  }
}

function renderSet(it: Interpreter, node: AstNode, scope: Scope): void {
  const value = node.value ? evaluate(it, node.value as AstNode, scope) : renderCapture(it, node.body!, scope);
  const targets = node.targets!;
  if (targets.length === 1) return assign(it, targets[0]!, value, scope);
  const items = Array.isArray(value) ? value : null;
  if (!items || items.length !== targets.length) throw new TemplateFailure('template.error.unpack', { expected: targets.length, got: items ? items.length : typeName(value) });
  targets.forEach((target, i) => assign(it, target, items[i], scope));
}

/** `set name = …` binds in this scope; `set ns.attr = …` writes into a namespace(). */
function assign(it: Interpreter, target: AstNode, value: Value, scope: Scope): void {
  if (target.typename === 'Symbol') return scope.set(String(target.value), value);
  if (target.typename === 'LookupVal' && target.isAttribute) {
    const ns = evaluate(it, target.target!, scope);
    if (!(ns instanceof Namespace)) throw new TemplateFailure('template.error.notNamespace', { name: describe(target.target) });
    ns.attrs.set(String(target.val!.value), value);
    return;
  }
  throw new TemplateFailure('template.error.syntax', { detail: `cannot assign to ${describe(target)}` }, 'syntax');
}

/** `{% set x %}…{% endset %}` and `{% filter %}…{% endfilter %}` bodies, rendered to a string. */
export function renderCapture(it: Interpreter, node: AstNode, scope: Scope): string {
  const out = new Output(it.limits.maxOutput);
  renderBody(it, node.typename === 'Capture' ? node.body : node, scope, out);
  return out.text();
}

/** A `macro` tag or a call block's body as a callable that renders in a fresh scope over its definition's. */
export function makeMacro(it: Interpreter, node: AstNode, definedIn: Scope, name: string): Macro {
  const params = parametersOf(node.args);
  const body = node.body!;
  const used = specialNamesUsed(body);
  return new Macro(name, (args, kwargs) => {
    if (++it.depth > MAX_CALL_DEPTH) throw new TemplateFailure('template.error.tooDeep');
    try {
      const { values, varargs, extra } = bindArguments(name, params, used, args, kwargs);
      const scope = new Scope(definedIn);
      for (const param of params) {
        const value = values.has(param.name) ? (values.get(param.name) as Value) : param.default ? evaluate(it, param.default, scope) : undefined;
        scope.set(param.name, value);
      }
      scope.set('varargs', varargs);
      scope.set('kwargs', extra);
      if (Object.hasOwn(kwargs, 'caller')) scope.set('caller', kwargs.caller);
      const out = new Output(it.limits.maxOutput);
      renderBody(it, body, scope, out);
      return out.text();
    } finally {
      it.depth--;
    }
  });
}


