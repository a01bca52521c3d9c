import { PyFloat, tuple, type Value } from '../values';

/**
 * Reads a Python literal (as in builtins.cases.txt) into the value model: `2.0` is a float, `(1,)` a tuple,
 * `None`/`True`/`False`, and the bare word `Undefined` for a missing value. Used by the tests only.
 */
export function parsePyLiteral(text: string): Value {
  let i = 0;
  const space = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const expect = (ch: string) => {
    space();
    if (text[i] !== ch) throw new SyntaxError(`expected ${ch} at ${i} in ${text}`);
    i++;
  };
  const string = (): string => {
    const quote = text[i++];
    let out = '';
    while (text[i] !== quote) {
      const ch = text[i++]!;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = text[i++]!;
      if (esc === 'u' || esc === 'x') {
        const n = esc === 'u' ? 4 : 2;
        out += String.fromCharCode(parseInt(text.slice(i, i + n), 16));
        i += n;
      } else out += { n: '\n', t: '\t', r: '\r' }[esc] ?? esc;
    }
    i++;
    return out;
  };
  const items = (close: string): Value[] => {
    const out: Value[] = [];
    space();
    while (text[i] !== close) {
      out.push(value());
      space();
      if (text[i] === ',') i++;
      space();
    }
    i++;
    return out;
  };
  const value = (): Value => {
    space();
    const ch = text[i];
    if (ch === '"' || ch === "'") return string();
    if (ch === '[') {
      i++;
      return items(']');
    }
    if (ch === '(') {
      const start = ++i;
      const inner = items(')');
      const hasComma = text.slice(start, i).includes(',');
      return inner.length === 1 && !hasComma ? inner[0]! : tuple(inner);
    }
    if (ch === '{') {
      i++;
      const out: { [key: string]: Value } = {};
      space();
      while (text[i] !== '}') {
        const key = value();
        expect(':');
        out[String(key)] = value();
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
      return out;
    }
    const word = /^[-+]?(?:\d*\.?\d+(?:[eE][-+]?\d+)?|\d+\.|\w+)/.exec(text.slice(i))![0];
    i += word.length;
    if (word === 'None') return null;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'Undefined') return undefined;
    return /[.eE]/.test(word) ? new PyFloat(Number(word)) : Number(word);
  };
  const result = value();
  space();
  if (i !== text.length) throw new SyntaxError(`trailing text in ${text}`);
  return result;
}
