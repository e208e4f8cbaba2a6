// A shortcut around bash-parser for the commonest input after the pre-pass: lists and pipelines of
// simple commands with redirections (no parentheses, keywords or case). It builds exactly the AST
// bash-parser would (test/parse/fast-path.test.ts checks it on real commands) at a fraction of the
// cost; anything else returns undefined and goes to bash-parser.

import type { BpCommand, BpNode, BpRedirect, BpScript, BpWord } from 'bash-parser';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'select', 'function', 'time', 'coproc', '{', '}', '!', '[[', ']]']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const TOKEN = /[ \t]+|\n|&&|\|\||;;|[;&|]|>>|>\||>&|<>|<&|<<|[<>]|[()]|[^\s;&|<>()]+/g;
const REDIRECT_TYPE: Record<string, string> = { '>': 'great', '>>': 'dgreat', '<': 'less', '<>': 'lessgreat', '>&': 'greatand', '<&': 'lessand', '>|': 'clobber' };

class Bail extends Error {}

/** The AST of a list of simple commands, or undefined when bash-parser must read it. */
export function fastParse(text: string): BpScript | undefined {
  const toks: string[] = [];
  const glued: boolean[] = []; // token follows the previous one with no blank in between
  let blank = true;
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    if (/^[ \t]/.test(t)) {
      blank = true;
      continue;
    }
    toks.push(t);
    glued.push(!blank);
    blank = false;
  }
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const isWord = (t: string | undefined): t is string => t !== undefined && /^[^\s;&|<>()]/.test(t);
  const skipNewlines = (): void => {
    while (peek() === '\n') i++;
  };

  const command = (): BpCommand => {
    const cmd: BpCommand = { type: 'Command' };
    const prefix: Array<BpWord | BpRedirect> = [];
    const suffix: Array<BpWord | BpRedirect> = [];
    for (;;) {
      const t = peek();
      const next = toks[i + 1];
      const redirectOp = (op: string | undefined): op is string => op !== undefined && REDIRECT_TYPE[op] !== undefined;
      if (isWord(t) && /^\d+$/.test(t) && redirectOp(next) && glued[i + 1]) {
        i++;
        (cmd.name ? suffix : prefix).push(redirect({ text: t, type: 'io_number' }));
      } else if (redirectOp(t)) {
        (cmd.name ? suffix : prefix).push(redirect(undefined));
      } else if (isWord(t)) {
        if (KEYWORDS.has(t)) throw new Bail();
        i++;
        if (!cmd.name && ASSIGNMENT.test(t)) prefix.push({ text: t, type: 'AssignmentWord' });
        else if (!cmd.name) cmd.name = { text: t, type: 'Word' };
        else suffix.push({ text: t, type: 'Word' });
      } else break;
    }
    if (!cmd.name && prefix.length === 0) throw new Bail();
    if (prefix.length) cmd.prefix = prefix;
    if (suffix.length) cmd.suffix = suffix;
    return cmd;
  };
  const redirect = (numberIo: { text: string; type: string } | undefined): BpRedirect => {
    const op = toks[i++] as string;
    const file = toks[i++];
    if (!isWord(file)) throw new Bail();
    const r: BpRedirect = { type: 'Redirect', op: { text: op, type: REDIRECT_TYPE[op] as string }, file: { text: file, type: 'Word' } };
    if (numberIo) r.numberIo = numberIo;
    return r;
  };
  const pipeline = (): BpNode => {
    const cmds: BpNode[] = [command()];
    while (peek() === '|') {
      i++;
      skipNewlines();
      cmds.push(command());
    }
    return cmds.length === 1 ? (cmds[0] as BpNode) : { type: 'Pipeline', commands: cmds };
  };
  const andOr = (): BpNode => {
    let left = pipeline();
    while (peek() === '&&' || peek() === '||') {
      const op = peek() === '&&' ? 'and' : 'or';
      i++;
      skipNewlines();
      left = { type: 'LogicalExpression', op, left, right: pipeline() };
    }
    return left;
  };

  try {
    const commands: BpNode[] = [];
    skipNewlines();
    while (i < toks.length) {
      const node = andOr();
      const sep = peek();
      if (sep === '&') (node as { async?: boolean }).async = true;
      else if (sep !== ';' && sep !== '\n' && sep !== undefined) throw new Bail();
      if (sep !== undefined) i++;
      commands.push(node);
      skipNewlines();
    }
    return commands.length ? { type: 'Script', commands } : undefined;
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
}
