// What one parseScript call accumulates, and the caps that make it fail closed instead of running on.

import type { LexStats } from './cursor.js';
import type { LoopBinding } from './loop-vars.js';
import type { FunctionDef, Redirect, HereDoc, SimpleCommand, Unknown, UnknownKind } from './types.js';

/** Known values of variables at analysis time, e.g. { vars: { HOME: '/root', USER: 'root' } }. */
export interface ParseContext {
  vars?: Record<string, string>;
}

/** The caps: hitting one is Unknown 'too-complex' (the engine blocks), never a silent partial result. */
export const LIMITS = {
  /** Nesting of -c strings, eval, substitutions and wrappers. */
  maxDepth: 16,
  maxSourceBytes: 2 * 1024 * 1024,
  maxCommands: 10_000,
};

/** Everything one parseScript call accumulates. */
export interface ParseState {
  commands: SimpleCommand[];
  functions: FunctionDef[];
  unknowns: Unknown[];
  stats: LexStats;
  /** Variables folded to constants: assigned once, literally, in the main shell, before use. */
  vars: Map<string, string>;
  /**
   * Of those, the ones assigned where the assignment may not run (a branch, a loop, the right of &&),
   * with the frame it sat in: only commands of that same frame see the value (`if c; then f=a; cat
   * "$f"; fi`); elsewhere the variable may still hold an earlier command's value (`false && f=a; cat
   * "$f"` in a session), so it is unknown there.
   */
  varScopes: Map<string, object>;
  /** The frame of the command whose words are being expanded (see varScopes). */
  frame?: object;
  /** Of those, the arrays whose elements are all known words (files=(a.md b.md)): see lists.ts. */
  arrays: Map<string, string[]>;
  /** The positional parameters after the script's one `set -- WORDS` (lists.ts), once walked past it. */
  positional: string[] | undefined;
  ctxVars: Record<string, string>;
  /** Functions being walked, innermost last, with whether the body spawns the function itself. */
  fnStack: Array<{ name: string; spawns: boolean }>;
  /** The text of each here-doc after expansion; undefined when it has unknown expansions. */
  docText: WeakMap<HereDoc, string | undefined>;
  /** Set when a cap was hit: walking stops. */
  capped: boolean;
  /** The for-loop variables with known values around the code being walked, innermost last. */
  loops: LoopBinding[];
  /** Counter for LoopBinding ids. */
  loopSeq: number;
  /** Names declare -i/typeset -i/local -i made integers: assigning to them is arithmetic (integer-vars.ts). */
  integers?: Set<string>;
  /**
   * How many more command variants (candidates.ts) the script may hand on: each is judged like a
   * command of its own, so the total grows with the script's size, never faster (see variantBudget).
   */
  variantBudget: number;
}

/**
 * The variant budget for a script: a thousand, plus one per 4 bytes of source. A variant costs about
 * what a command of the unrolled script would; a loop past the budget needs approval instead.
 */
export function variantBudget(source: string): number {
  return 1024 + Math.floor(source.length / 4);
}

/** Where a stdin comes from, for shells and interpreters that read code from it. */
export type StdinSource = { kind: 'code'; text: string } | { kind: 'unknown'; what: string };

/** The position being walked: nesting, and what surrounds the current command. */
export interface Frame {
  depth: number;
  via: string[];
  /** In a subshell, pipeline element, function body or nested script: assignments are not folded. */
  isolated: boolean;
  /** In a ( .. ) subshell or a pipeline element: a new process per run, so a cd there ends with it. */
  subshell?: boolean;
  pipeline: boolean;
  background: boolean;
  stdin: StdinSource | undefined;
  /** Redirections of enclosing compound commands ({ ..; } > f, while ..; done < f). */
  redirects: Redirect[];
  hereDocs: HereDoc[];
  /** Control flow around the command (see SimpleCommand.flow). */
  conditional?: boolean;
  loop?: boolean;
}

/** Record an Unknown; a too-complex one also stops the walk (the cap blocks). */
export function addUnknown(st: ParseState, kind: UnknownKind, detail: string, source: string): void {
  st.unknowns.push({ kind, detail, source });
  if (kind === 'too-complex') st.capped = true;
}

/** The value a variable folds to, or undefined when it is not a known constant at this point. */
export function foldedVar(st: ParseState, name: string): string | undefined {
  if (st.stats.poisoned.has(name) || st.stats.forVars.has(name) || st.stats.dynamicNames) return undefined;
  const count = st.stats.assignCounts.get(name) ?? 0;
  if (count === 1) {
    const scope = st.varScopes.get(name);
    return scope === undefined || scope === st.frame ? st.vars.get(name) : undefined;
  }
  if (count === 0) return Object.prototype.hasOwnProperty.call(st.ctxVars, name) ? st.ctxVars[name] : undefined;
  return undefined;
}

/**
 * The shell's working directory, for `$(pwd)`: the session's $PWD while nothing in the script may move
 * it or redefine pwd (cd/pushd/popd touch PWD, so any of them anywhere makes it unknown). An assigned
 * PWD does not move the shell, but is not told apart here: unknown too.
 */
export function shellCwd(st: ParseState): string | undefined {
  if (st.stats.poisoned.has('PWD') || st.stats.assignCounts.has('PWD') || st.stats.forVars.has('PWD')) return undefined;
  if (st.functions.some((f) => f.name === 'pwd') || st.fnStack.some((f) => f.name === 'pwd')) return undefined;
  return Object.prototype.hasOwnProperty.call(st.ctxVars, 'PWD') ? st.ctxVars.PWD : undefined;
}

/** True when field splitting may not be the default (IFS touched anywhere). */
export function ifsChanged(st: ParseState): boolean {
  return st.stats.assignCounts.has('IFS') || st.stats.poisoned.has('IFS') || st.stats.forVars.has('IFS') || st.stats.dynamicNames;
}

/** Shorten a source fragment for a message. */
export function clip(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? one.slice(0, max - 3) + '...' : one;
}
