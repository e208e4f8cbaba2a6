// A shortcut around bash-parser for the commonest input after the pre-pass: one simple command of
// plain words (no operators, newlines, redirections or keywords). It builds the exact AST
// bash-parser would (checked against it on the corpora), at a fraction of the cost.

import type { BpCommand, BpScript, BpWord } from 'bash-parser';

const SIMPLE = /^[ \t]*[^\s;&|<>()]+(?:[ \t]+[^\s;&|<>()]+)*[ \t]*$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'select', 'function', 'time', 'coproc', '{', '}', '!', '[[', ']]']);

/** The AST of a one-simple-command piece, or undefined when bash-parser must read it. */
export function fastParse(text: string): BpScript | undefined {
  if (!SIMPLE.test(text)) return undefined;
  const words = text.trim().split(/[ \t]+/);
  if (words.some((w) => KEYWORDS.has(w))) return undefined;
  let i = 0;
  const prefix: BpWord[] = [];
  while (i < words.length && ASSIGNMENT.test(words[i] as string)) prefix.push({ type: 'AssignmentWord', text: words[i++] as string });
  const cmd: BpCommand = { type: 'Command' };
  if (prefix.length) cmd.prefix = prefix;
  if (i < words.length) {
    cmd.name = { type: 'Word', text: words[i] as string };
    if (i + 1 < words.length) cmd.suffix = words.slice(i + 1).map((text): BpWord => ({ type: 'Word', text }));
  }
  return { type: 'Script', commands: [cmd] };
}
