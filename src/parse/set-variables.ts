// Which variables one simple command sets, every way bash and env can set them: `NAME=v cmd` and
// `NAME=v` (cmd.assignments), `export NAME=v` / `declare -x NAME=v` (operands of the declarers),
// `env NAME=v cmd` (operands of the wrappers that take assignments), and names given to builtins that
// store input (`read NAME`, `printf -v NAME`), whose value the analysis cannot know. The policy judges
// variables whose value a later program runs as code, the resolver those whose value is a path.

import type { SimpleCommand, Word } from './types.js';
import { WRAPPERS } from './wrappers.js';
import { own } from '../util/own.js';

export interface SetVariable {
  /** The name; UNKNOWN_NAME when it comes from an expansion (export "$n=v", read "$n"). */
  name: string;
  /**
   * What the command adds to the value: the variable's own earlier value is left out of it
   * (PYTHONPATH=src:$PYTHONPATH adds "src:"), since the command did not choose it. Undefined when
   * the command sets the name to something unknown (read NAME, export NAME).
   */
  value: Word | undefined;
}

/** The name of a variable set through an expansion: it may be any variable. */
export const UNKNOWN_NAME = '\u0000';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const declarers = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
/** Builtins whose name operands receive input; their options that take a value are skipped. */
const readers: Record<string, string> = { read: 'dinNptu', mapfile: 'dnOsuCc', readarray: 'dnOsuCc' };
/** Options whose value is NAME=VALUE for the command's environment (dotenv -v, systemd-run -E). */
const envOptions: Record<string, string[]> = { dotenv: ['-v'], 'systemd-run': ['-E', '--setenv'] };

/** The part of `w` after its first "=", as a word of its own (name=value operands). */
function valueAfterEquals(w: Word): Word {
  const cut = (s: string) => s.slice(s.indexOf('=') + 1);
  return { raw: cut(w.raw), text: cut(w.text), literal: w.literal, glob: w.glob, ...(w.unknowns ? { unknowns: w.unknowns } : {}) };
}

/**
 * `value` without the expansions of the variable's own earlier value ($NAME, ${NAME}, ${NAME:+:$NAME}):
 * that value came from the environment the session started with, or from an assignment checked when
 * it was made. Other expansions stay unknown.
 */
function addedValue(name: string, value: Word): Word {
  const unknowns = value.unknowns ?? [];
  const parts = value.text.split('\u0000');
  if (value.literal || !NAME.test(name) || parts.length !== unknowns.length + 1) return value;
  const ownValue = new RegExp(`^\\$\\{?${name}\\}?$|^\\$\\{${name}:?\\+[:\\s]*\\$\\{?${name}\\}?[:\\s]*\\}$`);
  let text = parts[0]!;
  const left: string[] = [];
  unknowns.forEach((u, i) => {
    if (!ownValue.test(u)) {
      text += '\u0000';
      left.push(u);
    }
    text += parts[i + 1]!;
  });
  return { ...value, text, literal: left.length === 0, unknowns: left };
}

/** A name as written, or UNKNOWN_NAME when an expansion is in it; undefined when it is no name at all. */
function nameOf(text: string): string | undefined {
  if (text.includes('\u0000')) return UNKNOWN_NAME;
  return NAME.test(text) ? text : undefined;
}

/** export/declare operands: NAME=value sets it; a bare NAME exported (export, -x) passes on a value we do not see. */
function fromDeclarer(cmd: SimpleCommand, out: SetVariable[]): void {
  const flags = cmd.args.filter((a) => /^[-+][A-Za-z]+$/.test(a.text)).map((a) => a.text).join('');
  // -p prints, export -n / declare +x un-export: nothing reaches a program.
  if (/p/.test(flags) || (cmd.program === 'export' && /n/.test(flags))) return;
  const exports = cmd.program === 'export' || /-[A-Za-z]*x/.test(flags);
  // SECURITY: declare -n r=TARGET makes r an alias of TARGET: a later r=v sets TARGET, so TARGET is set.
  const nameref = /-[A-Za-z]*n/.test(flags);
  for (const a of cmd.args) {
    if (/^[-+][A-Za-z]+$/.test(a.text) || a.text === '--') continue;
    const eq = a.text.indexOf('=');
    const name = nameOf((eq === -1 ? a.text : a.text.slice(0, eq)).replace(/(\+|\[.*\])$/, ''));
    if (name === undefined) continue;
    if (nameref) out.push({ name: eq === -1 ? UNKNOWN_NAME : (nameOf(a.text.slice(eq + 1)) ?? UNKNOWN_NAME), value: undefined });
    else if (eq !== -1) out.push({ name, value: valueAfterEquals(a) });
    else if (exports || name === UNKNOWN_NAME) out.push({ name, value: undefined });
  }
}

/** read/mapfile NAME and printf -v NAME: set from input the analysis does not see. */
function fromReader(cmd: SimpleCommand, out: SetVariable[]): void {
  const valueOpts = own(readers, cmd.program) ?? '';
  for (let i = 0; i < cmd.args.length; i++) {
    const t = cmd.args[i]!.text;
    const opt = /^-([A-Za-z][A-Za-z0-9_\u0000]*)$/.exec(t);
    if (opt) {
      const letters = opt[1]!;
      const k = [...letters].findIndex((ch) => ch === 'v' || ch === 'a' || valueOpts.includes(ch));
      if (k === -1) continue;
      const rest = letters.slice(k + 1);
      const value = rest !== '' ? rest : cmd.args[++i]?.text;
      const name = value === undefined ? undefined : nameOf(value);
      if ((letters[k] === 'v' || letters[k] === 'a') && name !== undefined) out.push({ name, value: undefined });
      continue;
    }
    if (cmd.program === 'printf') break; // the format and its arguments are data
    const name = nameOf(t);
    if (name !== undefined) out.push({ name, value: undefined });
  }
}

/** env/sudo NAME=value words before the command: env takes any word with "=" (BASH_FUNC_f%%=...). */
function fromWrapper(cmd: SimpleCommand, out: SetVariable[]): void {
  const spec = own(WRAPPERS, cmd.program);
  const takesValue = [...(spec?.value ?? []), ...(spec?.code ?? [])];
  const setOptions = own(envOptions, cmd.program) ?? [];
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    const t = a.text;
    if (t === '--' || t === '-') continue;
    if (t.startsWith('-')) {
      const value = setOptions.includes(t) ? cmd.args[i + 1] : undefined;
      if (value && value.text.indexOf('=') > 0) out.push({ name: nameOf(value.text.slice(0, value.text.indexOf('='))) ?? UNKNOWN_NAME, value: valueAfterEquals(value) });
      if (takesValue.includes(t)) i++; // -u NAME, --chdir DIR: the next word is the option's value
      continue;
    }
    const eq = t.indexOf('=');
    if (!spec?.assignments || eq <= 0) return; // the command starts here
    out.push({ name: t.slice(0, eq), value: valueAfterEquals(a) });
  }
}

/**
 * Names a `for NAME in ...` or `select NAME in ...` of the script (nested code strings included)
 * assigns on each pass: the walk reports loops as their bodies' commands, not as assignments.
 */
export function loopVariableNames(source: string): string[] {
  return [...source.matchAll(/\b(?:for|select)\s+([A-Za-z_][A-Za-z0-9_]*)(?=\s*(?:$|;|\n|\bin\b|\bdo\b))/g)].map((m) => m[1]!);
}

/** Every variable `cmd` sets, in order. Names may be anything env accepts (BASH_FUNC_ls%%). */
export function variablesSet(cmd: SimpleCommand): SetVariable[] {
  const out: SetVariable[] = cmd.assignments.map((a) => ({ name: a.name, value: a.value }));
  const p = cmd.program;
  // SECURITY: `time NAME=v cmd` and `coproc NAME=v cmd` set NAME (bash keywords); when a wrapper
  // hands such a word on as the command name, it is still an assignment.
  const named = cmd.name?.text ?? '';
  if (cmd.via.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(named)) out.push({ name: named.slice(0, named.indexOf('=')), value: valueAfterEquals(cmd.name!) });
  if (p !== undefined && declarers.has(p)) fromDeclarer(cmd, out);
  else if (p === 'printf' || own(readers, p) !== undefined) fromReader(cmd, out);
  else if (own(WRAPPERS, p)?.assignments || own(envOptions, p)) fromWrapper(cmd, out);
  return out.map((v) => (v.value === undefined ? v : { ...v, value: addedValue(v.name, v.value) }));
}
