// Arithmetic evaluates variable values as expressions, recursively, and an array subscript in one
// runs command substitutions: a='x[$(id)]'; (( a )) runs id. This finds the code such an evaluation
// would run, following variables folded to constants.

import { LexError, newStats, type Cursor } from './cursor.js';
import { scanDqParts } from './lex-expansions.js';
import type { Part } from './segments.js';
import { foldedVar, type ParseState } from './state.js';

const MAX_DEPTH = 8;

function substitutions(parts: Part[], out: string[]): void {
  for (const p of parts) {
    if (typeof p === 'string') continue;
    if (p.kind === 'cmdsub') out.push(p.script.source);
    else if (p.kind === 'dq') substitutions(p.parts, out);
    else if (p.kind === 'param' || p.kind === 'arith') substitutions(p.nested, out);
  }
}

/** The scripts of the command substitutions in `text` read as a double-quoted string would be. */
export function substitutionCode(text: string): string[] {
  const out: string[] = [];
  if (!/[$`]/.test(text)) return out;
  const c: Cursor = { s: text, pos: 0, stats: newStats(), nest: 0 };
  try {
    substitutions(scanDqParts(c, null, true), out);
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    out.push(text); // SECURITY: unreadable: hand it on as code, which then fails closed
  }
  return out;
}

/**
 * The scripts arithmetic evaluation of `expr` runs. `own`: also the substitutions written in expr
 * itself (for let/declare -i/[[ -eq ]] operands, which reach arithmetic as plain text); false for
 * $((..)) and ((..)), whose own substitutions the shell runs anyway and were already walked.
 */
export function arithmeticCode(st: ParseState, expr: string, own: boolean, depth = 0): string[] {
  const out: string[] = [];
  if (depth > MAX_DEPTH) return out;
  if (own) out.push(...substitutionCode(expr));
  for (const name of new Set(expr.match(/[A-Za-z_][A-Za-z0-9_]*/g))) {
    // Any literal value the name was given earlier counts, even if it is reassigned (i++) later:
    // missing code here is the hole, an extra report is not.
    const value = st.vars.get(name) ?? foldedVar(st, name);
    if (value !== undefined && /[$`]/.test(value)) out.push(...arithmeticCode(st, value, true, depth + 1));
  }
  // A value naming itself (x='a[$(id) x]') is followed to the depth cap: report each script once.
  return depth === 0 ? [...new Set(out)] : out;
}
