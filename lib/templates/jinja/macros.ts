import { children, type AstNode } from './ast';
import { TemplateFailure } from './errors';
import { PyCallable, tuple, type Dict, type Value } from './values';

/** A macro's parameters: names in order, each with its default expression if it has one. */
export interface Parameter {
  name: string;
  default?: AstNode;
}

export function parametersOf(signature: AstNode | undefined): Parameter[] {
  const params: Parameter[] = [];
  for (const arg of children(signature)) {
    if (arg.typename === 'KeywordArgs') {
      for (const pair of children(arg)) params.push({ name: String(pair.key!.value), default: pair.value as AstNode });
    } else if (arg.typename === 'Symbol') {
      params.push({ name: String(arg.value) });
    } else {
      throw new TemplateFailure('template.error.syntax', { detail: 'macro parameters must be names' }, 'syntax').at(arg.lineno + 1, arg.colno + 1);
    }
  }
  return params;
}

const usage = new WeakMap<AstNode, Set<string>>();

/** Which of `varargs`, `kwargs`, `caller` a macro body mentions (Jinja2 accepts extra arguments only then). */
export function specialNamesUsed(body: AstNode): Set<string> {
  let names = usage.get(body);
  if (names) return names;
  names = new Set();
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 200) return;
    const n = node as AstNode;
    if (n.typename === 'Symbol' && ['varargs', 'kwargs', 'caller'].includes(String(n.value))) names!.add(String(n.value));
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach((child) => walk(child, depth + 1));
      else if (value && typeof value === 'object') walk(value, depth + 1);
    }
  };
  walk(body, 0);
  usage.set(body, names);
  return names;
}

/** Binds a call's arguments to a macro's parameters with Jinja2's rules. */
export function bindArguments(
  name: string,
  params: Parameter[],
  used: Set<string>,
  args: Value[],
  kwargs: Dict,
): { values: Map<string, Value | AstNode>; varargs: Value[]; extra: Dict } {
  const values = new Map<string, Value | AstNode>();
  params.forEach((param, i) => {
    if (i < args.length) {
      if (Object.hasOwn(kwargs, param.name)) throw new TemplateFailure('template.error.badArgument', { name, detail: `multiple values for "${param.name}"` });
      values.set(param.name, args[i]);
    }
  });
  const varargs = args.slice(params.length);
  if (varargs.length && !used.has('varargs')) throw new TemplateFailure('template.error.tooManyArguments', { name });
  const extra: Dict = Object.create(null);
  for (const key of Object.keys(kwargs)) {
    if (params.some((p) => p.name === key)) values.set(key, kwargs[key]);
    else if (key === 'caller') continue;
    else if (used.has('kwargs')) extra[key] = kwargs[key];
    else throw new TemplateFailure('template.error.unexpectedKeyword', { name, keyword: key });
  }
  return { values, varargs: tuple(varargs), extra };
}

/** A macro or a call block's `caller`, as a template value: calling it renders its body. */
export class Macro extends PyCallable {
  constructor(readonly name: string, private readonly run: (args: Value[], kwargs: Dict) => string) {
    super();
  }
  call(args: Value[], kwargs: Record<string, Value>): Value {
    return this.run(args, kwargs);
  }
}
