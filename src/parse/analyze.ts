// What a command runs besides itself: shells with -c or code on stdin, eval, wrappers (sudo, env,
// xargs, find -exec...), interpreters with inline code, awk/sed programs, source. Inner commands are
// reported through the Runner with `via`; what cannot be seen into becomes an Unknown.

import { arithmeticCode } from './arith-code.js';
import { isInteger, setsInteger } from './integer-vars.js';
import { subscriptCode } from './name-operands.js';
import { awkProgram, awkProgramFiles, awkRunsOrWrites, interpreterOf, interpreterUse, sedRunsOrWrites, sedScripts, STDIN_FILES } from './inline-code.js';
import { addUnknown, clip, type Frame, type StdinSource } from './state.js';
import type { Redirect, SimpleCommand, Word } from './types.js';
import type { Runner } from './walk.js';
import { unwrap, WRAPPERS } from './wrappers.js';
import { UNKNOWN } from './words.js';

/** Shells: -c STRING or a script on stdin is code we read. */
export const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'yash', 'posh', 'rbash', 'fish', 'csh', 'tcsh', 'ksh93', 'oksh', 'loksh', 'lksh', 'pdksh', 'osh', 'ysh', 'oil', 'hush', 'bosh', 'brush', 'rc', 'es', 'elvish', 'nu', 'xonsh']);
const AWKS = new Set(['awk', 'gawk', 'mawk', 'nawk']);
const DECLARERS = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);
const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** Where the command's stdin comes from: its own redirections first, then the pipe. */
function stdinOf(run: Runner, cmd: SimpleCommand, frame: Frame): StdinSource | undefined {
  for (let i = cmd.redirects.length - 1; i >= 0; i--) {
    const r = cmd.redirects[i];
    if (!r || (r.fd !== undefined && r.fd !== 0)) continue;
    if (r.kind === 'heredoc') {
      const doc = [...cmd.hereDocs].reverse().find((d) => d.delimiter === r.target.text);
      const text = doc ? run.st.docText.get(doc) : undefined;
      return text !== undefined ? { kind: 'code', text } : { kind: 'unknown', what: 'a here-document with expansions' };
    }
    if (r.kind === 'herestring') return r.target.literal ? { kind: 'code', text: r.target.text } : { kind: 'unknown', what: r.target.raw };
    if (r.kind === 'read' || r.kind === 'readwrite') return { kind: 'unknown', what: `file ${r.target.raw}` };
  }
  return frame.stdin;
}

function runCode(run: Runner, code: Word, via: string, frame: Frame, cmd: SimpleCommand): void {
  if (!code.literal) {
    addUnknown(run.st, 'dynamic-code', `${via} runs code that is not known until it runs: ${clip(code.raw, 40)}`, clip(cmd.source));
    return;
  }
  run.code(code.text, via, frame, cmd);
}

/** sh/bash/... : -c STRING, or a script on stdin (here-doc, here-string, pipe). */
function shell(run: Runner, cmd: SimpleCommand, frame: Frame, p: string): void {
  let cFlag = false;
  let i = 0;
  for (; i < cmd.args.length; i++) {
    const t = (cmd.args[i] as Word).text;
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (t === '--rcfile' || t === '--init-file' || /^[-+]O$/.test(t)) {
      i++;
      continue;
    }
    if (t.startsWith('--')) continue;
    if (/^[-+][A-Za-z]+$/.test(t)) {
      if (t.startsWith('-') && t.includes('c')) cFlag = true;
      if (t.includes('o') || t.includes('O')) i++;
      continue;
    }
    break;
  }
  const operand = cmd.args[i];
  if (cFlag) {
    if (operand) runCode(run, operand, `${p} -c`, frame, cmd);
    return;
  }
  if (operand) return; // runs a script file: an ordinary command for the policy stage
  const stdin = stdinOf(run, cmd, frame);
  if (!stdin) return;
  if (stdin.kind === 'code') run.code(stdin.text, `${p} <stdin>`, frame, cmd);
  else addUnknown(run.st, 'dynamic-code', `${p} runs a script read from ${stdin.what}`, clip(cmd.source));
}

/**
 * Words with the run-time placeholder inside ({} for find, -I R for xargs) are not known: bash -c
 * 'rm {}' gets the file name spliced into its code. A word that is exactly the placeholder stays
 * as is (it stands for one unknown operand).
 */
function withPlaceholder(words: Word[], repl: string): Word[] {
  return words.map((w) => {
    // SECURITY: a loop value holding the placeholder ("$f" with f='{}') is replaced at run time too.
    if (w.candidates?.some((c) => c.includes(repl))) return { raw: w.raw, text: UNKNOWN, literal: false, glob: false, unknowns: [...(w.unknowns ?? []), repl] };
    return w.text !== repl && w.text.includes(repl) ? { ...w, text: w.text.split(repl).join(UNKNOWN), literal: false, unknowns: [...(w.unknowns ?? []), repl] } : w;
  });
}

/** The replace string of an xargs invocation (-I R, -IR, -i, --replace[=R]), if any. */
function xargsReplace(args: Word[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (t === '-I') return args[i + 1]?.text;
    if (t.startsWith('-I')) return t.slice(2);
    if (t === '-i' || t === '--replace') return '{}';
    if (t.startsWith('-i')) return t.slice(2);
    if (t.startsWith('--replace=')) return t.slice(10);
    if (!t.startsWith('-')) return undefined;
  }
  return undefined;
}

function findExec(run: Runner, cmd: SimpleCommand, frame: Frame): void {
  const args = withPlaceholder(cmd.args, '{}');
  for (let i = 0; i < args.length; i++) {
    const flag = (args[i] as Word).text;
    if (!FIND_EXEC.has(flag)) continue;
    const start = i + 1;
    let end = start;
    while (end < args.length && !/^[;+]$/.test((args[end] as Word).text)) end++;
    run.argv(args.slice(start, end), `find ${flag}`, frame, cmd, true);
    i = end;
  }
}

function wrapper(run: Runner, cmd: SimpleCommand, frame: Frame, p: string): void {
  let spec = WRAPPERS[p];
  if (!spec) return;
  if (p === 'watch' && cmd.args.some((a) => a.text === '-x' || a.text === '--exec')) spec = { ...spec, joinAsCode: false };
  const repl = p === 'xargs' ? xargsReplace(cmd.args) : undefined;
  const unwrapped = unwrap(p, cmd.args, spec);
  const argv = repl ? withPlaceholder(unwrapped.argv, repl) : unwrapped.argv;
  const code = unwrapped.code;
  if (unwrapped.opaque) addUnknown(run.st, 'dynamic-code', `${p} ${clip(unwrapped.opaque.raw, 40)} makes it run its scripts with a program the policy cannot see into`, clip(cmd.source));
  for (const c of code) runCode(run, c, `${p}`, frame, cmd);
  if (argv.length) run.argv(argv, p, frame, cmd, spec.appendsUnknownArgs);
}

const ARITH_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** let EXPR, declare -i n=EXPR (or n+=EXPR), [[ a -eq b ]]: operands are evaluated arithmetically. */
function arithmeticOperands(run: Runner, cmd: SimpleCommand, frame: Frame, p: string): void {
  const args = cmd.args;
  const exprs: Word[] =
    p === 'let'
      ? args
      : p === '[['
        ? args.filter((_, i) => ARITH_TESTS.has(args[i - 1]?.text ?? '') || ARITH_TESTS.has(args[i + 1]?.text ?? ''))
        : args.filter((a) => /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(a.text)).map((a) => ({ ...a, text: a.text.slice(a.text.indexOf('=') + 1) }));
  for (const e of exprs) {
    if (!e.literal) continue;
    for (const code of arithmeticCode(run.st, e.text, true)) run.code(code, 'arithmetic', frame, cmd);
  }
}

/** declare 'a[$(id)]=1', read 'a[i]', test -v 'a[i]': the builtin evaluates the name's subscript. */
function nameSubscripts(run: Runner, cmd: SimpleCommand, frame: Frame, p: string): void {
  const { code, dynamic } = subscriptCode(run.st, p, cmd.args);
  for (const c of code) run.code(c, 'arithmetic', frame, cmd);
  for (const w of dynamic) {
    addUnknown(run.st, 'dynamic-code', `${p} evaluates the subscript of ${clip(w.raw, 40)} as arithmetic, which runs any $(..) it holds at run time`, clip(cmd.source));
  }
}

/** compgen -C COMMAND runs COMMAND (as code, in a subshell); -F FUNCTION calls FUNCTION. */
function compgen(run: Runner, cmd: SimpleCommand, frame: Frame): void {
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (t === '--' || !t.startsWith('-')) break;
    for (let k = 1; k < t.length; k++) {
      const ch = t[k] as string;
      if (!'AGWXPSFCoV'.includes(ch)) continue;
      const value = k + 1 < t.length ? { ...(args[i] as Word), text: t.slice(k + 1) } : args[++i];
      if (value && ch === 'C') runCode(run, value, 'compgen -C', frame, cmd);
      // The function may be one this script defines (walked there) or not: the name is judged as a command.
      if (value && ch === 'F') run.argv([value], 'compgen -F', frame, cmd);
      break;
    }
  }
}

/** A literal `[DIR/]bin/activate` path without `..`: a Python virtual environment's activate script. */
const VENV_ACTIVATE = /^(?!.*(^|\/)\.\.(\/|$))[^\s$`\\*?[]*(^|\/)bin\/activate$/;
/** Programs that make a venv (and so write its activate script): python -m venv, uv venv, virtualenv. */
const VENV_MAKERS = /^(python[\d.]*|uv|virtualenv|poetry|pipenv)$/;

/**
 * `source .venv/bin/activate`: the script venv writes only sets PATH, PS1 and VIRTUAL_ENV and defines
 * `deactivate`, so it is not held as unseen code (the path itself is still checked as a read). Not when
 * this script wrote that file some other way first (echo .. > .venv/bin/activate; . .venv/bin/activate).
 */
function isVenvActivate(run: Runner, cmd: SimpleCommand, file: Word): boolean {
  if (!file.literal || !VENV_ACTIVATE.test(file.text)) return false;
  const path = file.text.replace(/^(\.\/)+/, '');
  // A word that may name the file or a directory above it (cp evil .venv/bin/, cp -r tpl/. .).
  const touches = (w: Word): boolean => {
    const t = w.text.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    return !w.literal || t.endsWith('activate') || t === '' || t === '.' || path.startsWith(`${t}/`);
  };
  const writes = (r: Redirect): boolean => r.kind !== 'read' && r.kind !== 'dup' && r.kind !== 'heredoc' && r.kind !== 'herestring';
  return !run.st.commands.some((c) => c !== cmd && (c.redirects.some((r) => writes(r) && touches(r.target)) || (!VENV_MAKERS.test(c.program ?? '') && c.args.some(touches))));
}

/** Analyze one reported command for the code it runs. */
export function analyzeCommand(run: Runner, cmd: SimpleCommand, frame: Frame): void {
  const p = cmd.program;
  if (!p) return;
  const st = run.st;
  const args = cmd.args;
  nameSubscripts(run, cmd, frame, p);
  if (p === 'compgen') return compgen(run, cmd, frame);
  if (SHELLS.has(p)) return shell(run, cmd, frame, p);
  if (p === 'eval') {
    // `eval -- CODE`: the builtin's end of options; CODE still runs.
    const words = args[0]?.text === '--' ? args.slice(1) : args;
    if (!words.length) return;
    const joined: Word = { raw: words.map((a) => a.raw).join(' '), text: words.map((a) => a.text).join(' '), literal: words.every((a) => a.literal), glob: false };
    return runCode(run, joined, 'eval', frame, cmd);
  }
  if (p === 'source' || p === '.') {
    // `. -- FILE`: the builtin's end of options, like eval's; FILE is still sourced.
    const file = args[0]?.text === '--' ? args[1] : args[0];
    if (file && !isVenvActivate(run, cmd, file)) addUnknown(st, 'source', `${p} runs the commands in ${clip(file.raw, 40)}, which we cannot see`, clip(cmd.source));
    return;
  }
  if (p === 'find') return findExec(run, cmd, frame);
  // declare n=v is arithmetic too when n was made an integer earlier (declare -i n).
  if (p === 'let' || p === '[[' || setsInteger(p, args) || (DECLARERS.has(p) && args.some((a) => /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(a.text) && isInteger(run.st, a.text)))) {
    return arithmeticOperands(run, cmd, frame, p);
  }
  if (p === 'alias') {
    for (const a of args) {
      const m = /^[^\s=/$`'"\\-][^\s=/$`'"\\]*=/.exec(a.text);
      if (m) runCode(run, { ...a, text: a.text.slice(m[0].length) }, 'alias', frame, cmd);
    }
    return;
  }
  if (p === 'mapfile' || p === 'readarray') {
    // -C CALLBACK is code this shell runs every -c lines read.
    for (let i = 0; i < args.length; i++) {
      const t = (args[i] as Word).text;
      if (t === '--' || !t.startsWith('-')) break;
      const k = t.indexOf('C');
      if (k < 0 || /[dnOsuc]/.test(t.slice(1, k))) continue;
      const code = k + 1 < t.length ? { ...(args[i] as Word), text: t.slice(k + 1) } : args[++i];
      if (code) runCode(run, code, `${p} -C`, frame, cmd);
    }
    return;
  }
  if (p === 'trap') {
    const words = args[0]?.text === '--' ? args.slice(1) : args;
    const first = words[0];
    if (first && words.length >= 2 && first.text !== '-' && !first.text.startsWith('-')) runCode(run, first, 'trap', frame, cmd);
    return;
  }
  const family = interpreterOf(p);
  if (family) {
    const use = interpreterUse(family, args);
    if (use.inline) addUnknown(st, 'inline-code', `${use.inline} runs inline code`, clip(cmd.source));
    else if (use.readsStdin && stdinOf(run, cmd, frame)) addUnknown(st, 'inline-code', `${p} runs a program read from stdin`, clip(cmd.source));
    // Interpreters that are package runners too (bun x CMD).
    if (Object.hasOwn(WRAPPERS, p)) wrapper(run, cmd, frame, p);
    return;
  }
  if (AWKS.has(p)) {
    // awk -f /dev/stdin: the program is the here-doc or pipe, which may be anything.
    if (awkProgramFiles(args).some((f) => STDIN_FILES.test(f)) && stdinOf(run, cmd, frame)) {
      return addUnknown(st, 'inline-code', `${p} runs a program read from stdin`, clip(cmd.source));
    }
    const prog = awkProgram(args);
    if (prog && (!prog.literal || awkRunsOrWrites(prog.text))) {
      addUnknown(st, 'inline-code', `${p} program can run commands or write files`, clip(cmd.source));
    }
    return;
  }
  if (p === 'sed' || p === 'gsed') {
    const scripts = sedScripts(args) ?? [];
    if (scripts.some((s) => !s.literal || sedRunsOrWrites(s.text))) {
      addUnknown(st, 'inline-code', `${p} script can run commands or write files (e/w)`, clip(cmd.source));
    }
    return;
  }
  wrapper(run, cmd, frame, p);
}
