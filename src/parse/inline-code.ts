// Interpreter code we cannot see into: python -c, node -e, perl -e..., awk programs that run commands
// or write files, sed scripts with the e/w commands. These become Unknown 'inline-code'.

import type { Word } from './types.js';
import { own } from '../util/own.js';
import { CODE_FLAGS, EVAL_SUBCOMMANDS, FAMILY_VALUE_OPTS, INTERPRETER_FAMILY, OPERANDS, PRELOADS, PYTHON_CODE_MODULES, PYTHON_STDIN_MODULES, REMOTE_SCRIPT, SCRIPT_SUBCOMMANDS, VALUE_OPTS } from './interpreter-table.js';

const familyName = new RegExp(`^(${Object.keys(INTERPRETER_FAMILY).map((n) => n.replace(/[.+-]/g, '\\$&')).join('|')})[0-9.]*$`);

/** Interpreter family of a program name (python3.11 -> python), or undefined. */
export function interpreterOf(program: string): string | undefined {
  const name = familyName.exec(program)?.[1];
  return name === undefined ? undefined : own(INTERPRETER_FAMILY, name);
}

/** Script operands that name the command's stdin: the program is read from the pipe or here-doc. */
export const STDIN_FILES = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;

/** How an interpreter invocation gets its program. */
export interface InterpreterUse {
  /** Runs code given on the command line. */
  inline: string | undefined;
  /** No script operand: reads the program from stdin. */
  readsStdin: boolean;
}

/** A preloaded module that is code the policy cannot see (node -r ./x.js, perl -M'x;system..'), as `opt value`. */
function preloadCode(family: string, word: Word, next: Word | undefined): string | undefined {
  const spec = own(PRELOADS, family);
  if (!spec) return undefined;
  const t = word.text;
  for (const opt of spec.options) {
    let value: Word | undefined;
    if (t === opt) value = next;
    else if (opt.startsWith('--') && t.startsWith(`${opt}=`)) value = { ...word, text: t.slice(opt.length + 1) };
    else if (!opt.startsWith('--') && t.startsWith(opt) && t.length > opt.length) value = { ...word, text: t.slice(opt.length) };
    if (value && (!value.literal || spec.code.test(value.text))) return `${opt} ${value.text.slice(0, 40)}`;
  }
  return undefined;
}

/** How an interpreter invocation gets its program. */
export function interpreterUse(family: string, args: Word[]): InterpreterUse {
  const flag = own(CODE_FLAGS, family);
  const valueOpts = own(FAMILY_VALUE_OPTS, family) ?? [];
  const operands = own(OPERANDS, family);
  let sawInput = false;
  let stdinInput = operands === 'none';
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (i === 0 && t === own(EVAL_SUBCOMMANDS, family)) return { inline: `${family} ${t}`, readsStdin: false };
    if (i === 0 && t === own(SCRIPT_SUBCOMMANDS, family)) continue;
    const eq = t.indexOf('=');
    const opt = eq > 0 && t.startsWith('--') ? t.slice(0, eq) : t;
    if (flag?.test(t) || (opt !== t && flag?.test(opt))) return { inline: `${family} ${opt}`, readsStdin: false };
    const preload = preloadCode(family, args[i] as Word, args[i + 1]);
    if (preload) return { inline: `${family} ${preload} (preloaded code)`, readsStdin: false };
    if (t === '--' && operands === undefined) return { inline: undefined, readsStdin: i + 1 >= args.length || STDIN_FILES.test(args[i + 1]?.text ?? '') };
    if (family === 'python' && /^-m/.test(t)) {
      // Everything after `-m MODULE` is the module's own arguments.
      const mod = t.length > 2 ? t.slice(2) : (args[i + 1]?.text ?? '');
      const when = own(PYTHON_CODE_MODULES, mod);
      const rest = args.slice(t.length > 2 ? i + 1 : i + 2).map((a) => a.text);
      if (when === true || (when && rest.includes(when))) return { inline: `${family} -m ${mod}`, readsStdin: false };
      return { inline: undefined, readsStdin: PYTHON_STDIN_MODULES.has(mod) };
    }
    if (t.startsWith('-') && t !== '-' && t !== '--') {
      if (VALUE_OPTS.has(t) || valueOpts.includes(t)) i++;
      continue;
    }
    // SECURITY: programs whose every operand is input keep reading options after them (m4 a.m4 -D x).
    if (operands !== undefined) {
      if (t === '--') continue;
      sawInput = true;
      if (STDIN_FILES.test(t)) stdinInput = true;
      continue;
    }
    if (REMOTE_SCRIPT.test(t)) return { inline: `${family} ${t.slice(0, 40)}`, readsStdin: false };
    return { inline: undefined, readsStdin: STDIN_FILES.test(t) };
  }
  return { inline: undefined, readsStdin: stdinInput || !sawInput };
}

/** awk code with strings and regex literals blanked, so operators in them are not misread. */
function awkCodeOnly(prog: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < prog.length; i++) {
    const ch = prog[i] as string;
    if (ch === '"' || (ch === '/' && /^$|[(,~!{};&|\n]/.test(prev))) {
      let j = i + 1;
      for (; j < prog.length && prog[j] !== ch && prog[j] !== '\n'; j++) if (prog[j] === '\\') j++;
      out += ch === '"' ? ' "" ' : ' // ';
      i = j;
      prev = 'x';
      continue;
    }
    out += ch;
    if (!/\s/.test(ch)) prev = ch;
  }
  return out;
}

/** True if an awk program runs commands (system(), pipes) or writes files (print > f). */
export function awkRunsOrWrites(prog: string): boolean {
  const code = awkCodeOnly(prog);
  if (/\bsystem\s*\(/.test(code)) return true;
  if (/\|/.test(code.replace(/\|\|/g, ''))) return true;
  return /\bprintf?\b[^;{}\n()]*>/.test(code);
}

/** awk's -f program files (-f F, -fF, --file=F, --file F). */
export function awkProgramFiles(args: Word[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (t === '--' || !t.startsWith('-')) break;
    if (t === '-f' || t === '--file') files.push(args[++i]?.text ?? '');
    else if (t.startsWith('--file=')) files.push(t.slice(7));
    else if (/^-f./.test(t)) files.push(t.slice(2));
    else if (t === '-F' || t === '-v' || t === '--assign' || t === '--field-separator') i++;
  }
  return files;
}

/** The inline program of an awk invocation, or undefined when it runs a program file (-f). */
export function awkProgram(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (t === '--') return args[i + 1];
    if (t === '-f' || t.startsWith('--file') || /^-f./.test(t)) return undefined;
    if (t === '-F' || t === '-v' || t === '--assign' || t === '--field-separator') {
      i++;
      continue;
    }
    if (t.startsWith('-') && t.length > 1) continue;
    return args[i];
  }
  return undefined;
}

/** Skip a sed address (line number, $, /re/, \cREc, first~step, addr1,addr2, !). */
function skipAddress(s: string, i: number): number {
  for (let k = 0; k < 2; k++) {
    const m = /^(\d+(~\d+)?|\$|\/(?:[^/\\\n]|\\.)*\/[IM]*|\\(.)(?:(?!\3)[^\\\n]|\\.)*\3[IM]*)/.exec(s.slice(i));
    if (m) i += m[0].length;
    if (s[i] === ',') i++;
    else break;
  }
  while (s[i] === '!' || s[i] === ' ') i++;
  return i;
}

/** True if a sed script has an e command, w/W command, or an s command with the e or w flag. */
export function sedRunsOrWrites(script: string): boolean {
  let i = 0;
  while (i < script.length) {
    while (i < script.length && /[\s;{}]/.test(script[i] as string)) i++;
    if (i >= script.length) break;
    i = skipAddress(script, i);
    const c = script[i];
    if (c === undefined) break;
    if (c === 'e' || c === 'w' || c === 'W') return true;
    if (c === 's' || c === 'y') {
      const d = script[i + 1];
      if (d === undefined) return false;
      i += 2;
      for (let part = 0; part < 2; part++) {
        while (i < script.length && script[i] !== d) i += script[i] === '\\' ? 2 : 1;
        i++;
      }
      const flags = /^[^;}\n]*/.exec(script.slice(i))?.[0] ?? '';
      if (c === 's' && /^[gpIiMm0-9]*[ew]/.test(flags)) return true;
      i += flags.length;
      continue;
    }
    if ('#aicrRbtT:vlqQ'.includes(c)) {
      const eol = script.indexOf('\n', i);
      const semi = 'btT'.includes(c) ? script.indexOf(';', i) : -1;
      const ends = [eol, semi].filter((x) => x >= 0);
      i = ends.length ? Math.min(...ends) : script.length;
      continue;
    }
    i++;
  }
  return false;
}

/** The sed scripts of an invocation (-e/--expression values, or the first operand). */
export function sedScripts(args: Word[]): Word[] | undefined {
  const scripts: Word[] = [];
  let operand: Word | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Word;
    const t = a.text;
    if (t === '-e' || t === '--expression') {
      const v = args[++i];
      if (v) scripts.push(v);
    } else if (t.startsWith('--expression=')) scripts.push({ ...a, text: t.slice(13) });
    else if (/^-[nrEsuz]*e./.test(t)) scripts.push({ ...a, text: t.slice(t.indexOf('e') + 1) });
    else if (t === '-f' || t === '--file' || t === '-l') i++;
    else if (t.startsWith('-') && t.length > 1) continue;
    else if (!operand) operand = a;
  }
  if (scripts.length) return scripts;
  return operand ? [operand] : undefined;
}
