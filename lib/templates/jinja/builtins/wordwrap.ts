/**
 * Python's textwrap.wrap as Jinja2's `wordwrap` calls it (expand_tabs=False, replace_whitespace=False,
 * drop_whitespace=True): text is cut into chunks (words, runs of whitespace and, with break_on_hyphens,
 * the parts of hyphenated words), then lines are filled greedily.
 */
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NON_WS = '[^\\t\\n\\x0b\\x0c\\r ]';
const WORD = '[\\p{L}\\p{N}_]';
const WORD_PUNCT = `[\\p{L}\\p{N}_!"'&.,?]`;
const LETTER = '[\\p{L}_]';

const HYPHENATED = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|${NON_WS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${WS}|$)|(?<=${WORD_PUNCT})(?=-{2,}${WORD})))`,
  'u',
);
const SIMPLE = new RegExp(`(${WS}+)`, 'u');

const len = (s: string): number => Array.from(s).length;
const blank = (s: string): boolean => s.trim() === '';

export function wrap(text: string, width: number, breakLongWords: boolean, breakOnHyphens: boolean): string[] {
  const chunks = text.split(breakOnHyphens ? HYPHENATED : SIMPLE).filter(Boolean).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const line: string[] = [];
    let used = 0;
    if (blank(chunks.at(-1)!) && lines.length) chunks.pop();
    while (chunks.length && used + len(chunks.at(-1)!) <= width) {
      const chunk = chunks.pop()!;
      line.push(chunk);
      used += len(chunk);
    }
    if (chunks.length && len(chunks.at(-1)!) > width) breakLongWord(chunks, line, used, width, breakLongWords, breakOnHyphens);
    if (line.length && blank(line.at(-1)!)) line.pop();
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}

function breakLongWord(chunks: string[], line: string[], used: number, width: number, breakLongWords: boolean, breakOnHyphens: boolean): void {
  const spaceLeft = width < 1 ? 1 : width - used;
  if (breakLongWords) {
    const chunk = Array.from(chunks.at(-1)!);
    let end = spaceLeft;
    if (breakOnHyphens && chunk.length > spaceLeft) {
      const hyphen = chunk.slice(0, spaceLeft).lastIndexOf('-');
      if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
    }
    line.push(chunk.slice(0, end).join(''));
    chunks[chunks.length - 1] = chunk.slice(end).join('');
  } else if (!line.length) {
    line.push(chunks.pop()!);
  }
}
