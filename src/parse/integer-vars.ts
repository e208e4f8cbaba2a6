// declare -i / typeset -i / local -i give a variable the integer attribute: from then on every
// assignment to it (n=v, n+=v, n=(v w), declare n=v) evaluates the value as arithmetic, and arithmetic
// runs the $(..) in an array subscript a value names: declare -i n; o='a[$(id)]'; n=o runs id.

import { arithmeticCode } from './arith-code.js';
import type { ParseState } from './state.js';
import type { Word } from './types.js';

const DECLARERS = new Set(['declare', 'typeset', 'local']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** declare/typeset/local with an option word holding `i` (-i, -ai, -ix): the operands become integers. */
export function setsInteger(program: string, args: Word[]): boolean {
  return DECLARERS.has(program) && args.some((a) => /^-[a-zA-Z]*i/.test(a.text));
}

/**
 * Remember the names a declare -i command gives the integer attribute. Recorded wherever the command
 * is (a function, a branch): a name that may be an integer is treated as one (fail closed).
 */
export function recordIntegers(st: ParseState, program: string, args: Word[]): void {
  if (!setsInteger(program, args)) return;
  for (const a of args) {
    if (a.text.startsWith('-') || a.text.startsWith('+')) continue;
    const m = NAME.exec(a.text);
    if (m) (st.integers ??= new Set()).add(m[0]);
  }
}

/** Whether assignments to `target` (NAME, NAME[i] or NAME+) are arithmetic because of declare -i. */
export function isInteger(st: ParseState, target: string): boolean {
  const m = NAME.exec(target);
  return m !== null && (st.integers?.has(m[0]) ?? false);
}

/**
 * The code assigning `value` to an integer variable runs. `own`: also substitutions written in the
 * value itself (an over-report on an expanded value, never a miss). Unknown values are not followed,
 * as in every other arithmetic context.
 */
export function integerAssignmentCode(st: ParseState, value: Word): string[] {
  return value.literal ? arithmeticCode(st, value.text, true) : [];
}
