/**
 * A template error an admin can act on: a stable key (translated from _locales by the UI), its
 * parameters, the position in the template (1-based) and an English fallback message.
 */
export type TemplateErrorKind = 'syntax' | 'runtime' | 'too-long' | 'fuel';

export interface TemplateError {
  kind: TemplateErrorKind;
  key: string;
  params: Record<string, string | number>;
  line?: number;
  column?: number;
  message: string;
}

type Params = Record<string, string | number>;

/** English fallbacks, one per key; `{name}` placeholders are filled from the params. */
const MESSAGES: Record<string, string> = {
  'template.error.syntax': 'Syntax error: {detail}',
  'template.error.unexpectedToken': 'Unexpected "{token}"',
  'template.error.unexpectedEnd': 'The template ends before a tag or expression is closed',
  'template.error.unknownTag': 'Unknown tag "{name}"',
  'template.error.notSupported': '"{name}" is not available in these templates',
  'template.error.unknownFilter': 'No filter named "{name}"',
  'template.error.unknownTest': 'No test named "{name}"',
  'template.error.notCallable': '"{name}" cannot be called',
  'template.error.undefinedValue': '"{name}" is undefined',
  'template.error.unsupportedOperand': 'Unsupported operand types for {op}: {left} and {right}',
  'template.error.notComparable': '"{op}" is not supported between {left} and {right}',
  'template.error.divisionByZero': 'Division by zero',
  'template.error.notIterable': '{type} cannot be iterated',
  'template.error.unpack': 'Expected {expected} values to unpack, got {got}',
  'template.error.notNamespace': 'Only a namespace() can be assigned attributes',
  'template.error.tooManyArguments': '{name}() got too many arguments',
  'template.error.unexpectedKeyword': '{name}() got an unexpected keyword argument "{keyword}"',
  'template.error.badArgument': '{name}(): {detail}',
  'template.error.badFormat': 'Bad % format: {detail}',
  'template.error.tooDeep': 'Templates nest or recurse too deeply',
  'template.error.tooMuchWork': 'The template takes too many steps (a loop that never ends?)',
  'template.error.tooLong': 'The template produces more than {limit} characters',
  'template.error.contextTooLarge': 'The data for this template has more than {limit} values',
  'template.error.internal': 'The template could not be rendered: {detail}',
};

const KINDS: Record<string, TemplateErrorKind> = {
  'template.error.syntax': 'syntax',
  'template.error.unexpectedToken': 'syntax',
  'template.error.unexpectedEnd': 'syntax',
  'template.error.unknownTag': 'syntax',
  'template.error.tooMuchWork': 'fuel',
  'template.error.tooDeep': 'fuel',
  'template.error.tooLong': 'too-long',
};

export function messageFor(key: string, params: Params): string {
  const text = MESSAGES[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Thrown inside the interpreter; renderTemplate catches it and returns its `error` data. */
export class TemplateFailure extends Error {
  readonly error: TemplateError;
  constructor(key: string, params: Params = {}, kind?: TemplateErrorKind) {
    const message = messageFor(key, params);
    super(message);
    this.error = { kind: kind ?? KINDS[key] ?? 'runtime', key, params, message };
  }

  /** Adds the position of the node being evaluated, unless a deeper node already did. */
  at(line: number | undefined, column: number | undefined): this {
    if (this.error.line === undefined && line !== undefined) {
      this.error.line = line;
      this.error.column = column;
    }
    return this;
  }
}

export const fail = (key: string, params?: Params): never => {
  throw new TemplateFailure(key, params);
};
