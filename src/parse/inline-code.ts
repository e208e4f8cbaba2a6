// Interpreter code we cannot see into: python -c, node -e, perl -e..., awk programs that run commands
// or write files, sed scripts with the e/w commands. These become Unknown 'inline-code'.

import type { Word } from './types.js';
import { own } from '../util/own.js';

/** Interpreter family of a program name (python3.11 -> python), or undefined. */
export function interpreterOf(program: string): string | undefined {
  const m = /^(python|perl|ruby|node|nodejs|php|lua|luajit|Rscript|osascript|bun|deno|pwsh|tclsh|irb|jshell|tsx|ts-node|ts-node-esm|esno)[0-9.]*$/.exec(program);
  if (!m?.[1]) return undefined;
  // TypeScript runners are node with a loader: same -e/-p/--eval flags, same --import.
  return own(nodeLike, m[1]) ? 'node' : m[1];
}

const CODE_FLAGS: Record<string, RegExp> = {
  // perl/ruby clusters: -ne, -pe, -lane, -pie all end in e/E and take the code next
  python: /^-[A-Za-z]*c$/,
  perl: /^-[A-Za-z]*[eE]$/,
  ruby: /^-[A-Za-z]*e$/,
  node: /^(-e|-p|--eval|--print|-pe)$/,
  bun: /^(-e|-p|--eval|--print)$/,
  php: /^-r$/,
  lua: /^-e$/,
  luajit: /^-e$/,
  Rscript: /^-e$/,
  osascript: /^-e$/,
  pwsh: /^(-c|-Command|-EncodedCommand|-e)$/i,
};

const nodeLike: Record<string, true> = { nodejs: true, tsx: true, 'ts-node': true, 'ts-node-esm': true, esno: true };

// Options whose value is the next word (so it is not mistaken for a script operand).
const VALUE_OPTS = new Set(['-m', '-W', '-X', '-r', '--require', '-I', '-M', '--import', '--loader', '--experimental-loader']);

/** Options that load a module before the script: a data: URL there is inline code (node --import data:..). */
const PRELOAD_OPTS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader']);

/** python -m modules that run a command-line argument as code: always (timeit STMT), or given this option (pdb -c CMD). */
const PYTHON_CODE_MODULES: Record<string, string | true> = { timeit: true, pdb: '-c', IPython: '-c', ipdb: '-c' };

/** Script operands that name the command's stdin: the program is read from the pipe or here-doc. */
export const STDIN_FILES = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;

/** How an interpreter invocation gets its program. */
export interface InterpreterUse {
  /** Runs code given on the command line. */
  inline: string | undefined;
  /** No script operand: reads the program from stdin. */
  readsStdin: boolean;
}

/** How an interpreter invocation gets its program. */
export function interpreterUse(family: string, args: Word[]): InterpreterUse {
  const flag = CODE_FLAGS[family];
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (family === 'deno' && i === 0 && t === 'eval') return { inline: 'deno eval', readsStdin: false };
    if (flag?.test(t) || (family === 'node' && /^--(eval|print)=/.test(t))) return { inline: `${family} ${t}`, readsStdin: false };
    if (t === '-') return { inline: undefined, readsStdin: true };
    if (t === '--') return { inline: undefined, readsStdin: i + 1 >= args.length || STDIN_FILES.test(args[i + 1]?.text ?? '') };
    const eq = t.indexOf('=');
    const opt = eq > 0 && t.startsWith('--') ? t.slice(0, eq) : t;
    const value = eq > 0 && t.startsWith('--') ? t.slice(eq + 1) : args[i + 1]?.text;
    if (family === 'node' && PRELOAD_OPTS.has(opt) && /^data:/i.test(value ?? '')) return { inline: `${family} ${opt} data:`, readsStdin: false };
    if (family === 'python' && /^-m/.test(t)) {
      // Everything after `-m MODULE` is the module's own arguments.
      const mod = t.length > 2 ? t.slice(2) : (value ?? '');
      const when = own(PYTHON_CODE_MODULES, mod);
      const rest = args.slice(t.length > 2 ? i + 1 : i + 2).map((a) => a.text);
      if (when === true || (when && rest.includes(when))) return { inline: `${family} -m ${mod}`, readsStdin: false };
      return { inline: undefined, readsStdin: false };
    }
    if (t.startsWith('-')) {
      if (VALUE_OPTS.has(t)) i++;
      continue;
    }
    return { inline: undefined, readsStdin: STDIN_FILES.test(t) };
  }
  return { inline: undefined, readsStdin: true };
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
