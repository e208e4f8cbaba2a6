// Code that arrives as input rather than on the command line: a shell whose `-c` string is an input
// line (`xargs sh -c`, `find -exec sh -c '{}'`), a command name that is an input (`parallel ::: CMD`),
// and editors that read their commands, `!shell` escapes included, from stdin.
import type { SimpleCommand, Word } from '../parse/types.js';
import { own } from '../util/own.js';
import { inputSplicers, parallelValueOptions, placeholder, shells, stdinEditors } from './code-options.js';

/** A shell invocation's `-c` flag and the code word after it (undefined: no code given, the next input is). */
function shellCodeWord(args: Word[]): { c: boolean; code: Word | undefined } {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(t)) {
      // bash -c -x STR: options may still follow -c.
      let j = i + 1;
      while (j < args.length && /^[-+][A-Za-z]+$/.test(args[j]!.text)) j++;
      return { c: true, code: args[j] };
    }
    if (!/^[-+]/.test(t) || t === '--' || t === '-') break;
  }
  return { c: false, code: undefined };
}

/** The replace string of xargs (-I R, -IR, -i, --replace[=R]). */
function xargsReplace(args: Word[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-I') return args[i + 1]?.text;
    if (t.startsWith('-I')) return t.slice(2);
    if (t === '-i' || t === '--replace') return '{}';
    if (t.startsWith('-i')) return t.slice(2);
    if (t.startsWith('--replace=')) return t.slice(10);
  }
  return undefined;
}

/** True if parallel is given no command (its inputs are the commands), false for `parallel CMD ::: ...`. */
function parallelWithoutCommand(args: Word[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (/^::::?\+?$/.test(t)) return true;
    if (t === '--') return i + 1 >= args.length || /^::::?\+?$/.test(args[i + 1]!.text);
    if (!t.startsWith('-') || t === '-') return false;
    if (parallelValueOptions.includes(t)) i++;
  }
  // No command and no ::: : the commands are read from stdin (or -a FILE); only --version-like runs nothing.
  return !args.some((a) => /^--(version|help|citation|number-of-(cpus|cores|sockets|threads))$/.test(a.text));
}

/** What runs input as code: one phrase per finding (empty when nothing does). `outer` runs `cmd`. */
export function inputAsCode(cmd: SimpleCommand, outer?: SimpleCommand): string[] {
  const out: string[] = [];
  const p = cmd.program ?? '';
  const spliced = cmd.appendsUnknownArgs === true || cmd.via.some((v) => inputSplicers.has(v));
  // xargs -I R: R stands for the input line, like find's {}.
  const repl = outer?.program === 'xargs' && cmd.via.at(-1) === 'xargs' ? xargsReplace(outer.args) : undefined;
  const isInput = (t: string): boolean => placeholder.test(t.trim()) || (repl !== undefined && t.trim() === repl);
  if (spliced && shells.has(p)) {
    const { c, code } = shellCodeWord(cmd.args);
    // SECURITY: `xargs sh -c` takes its code from the first input; `sh -c '{}'` is the input itself.
    if (c && (!code || isInput(code.text))) out.push('runs each input line as shell code');
  }
  if (spliced && cmd.name && isInput(cmd.name.text)) out.push('runs each input as the command');
  if (p === 'parallel' && parallelWithoutCommand(cmd.args)) out.push('runs each of its inputs as a shell command');
  return out;
}

/** Editors reading commands from stdin (ed, ex, vim -es): unless the stdin shown here has no `!`, it may shell out. */
export function stdinEditorCode(cmd: SimpleCommand): string[] {
  const spec = own(stdinEditors, cmd.program);
  if (!spec) return [];
  if (cmd.args.some((a) => /^(--version|--help|-V|-h)$/.test(a.text))) return [];
  if (spec.flags && !cmd.args.some((a) => spec.flags!.test(a.text))) return [];
  const stdin = [...cmd.redirects].reverse().find((r) => (r.fd ?? 0) === 0 && r.kind !== 'write' && r.kind !== 'append' && r.kind !== 'dup');
  let text: string | undefined;
  if (stdin?.kind === 'herestring' && stdin.target.literal) text = stdin.target.text;
  if (stdin?.kind === 'heredoc') text = [...cmd.hereDocs].reverse().find((d) => d.delimiter === stdin.target.text && d.quoted)?.body;
  if (text !== undefined && !text.includes('!')) return [];
  return [`reads editor commands from ${text === undefined ? 'stdin' : 'the text given on its stdin'}, where \`!cmd\` runs a shell command the policy does not check`];
}
