// Arrays and positional parameters with known values: files=(README.md notes.md); cat "${files[@]}"
// and set -- a b; cat "$1" "$@". Folded like scalars (state.ts foldedVar): only a list set exactly once
// in the whole script, in the main shell, before the use. Anything else stays unknown (fail closed).

import { foldedVar, ifsChanged, type Frame, type ParseState } from './state.js';
import type { SimpleCommand } from './types.js';

/** What a list expansion stands for: one value ($1, ${a[0]}, "$*") or several words ("$@", "${a[@]}"). */
export type ListValue = { kind: 'one'; value: string } | { kind: 'fields'; values: string[] };

/** The name the pre-pass counts `set -- ...` under (name-setters.ts); `shift` poisons it. */
export const POSITIONAL = '@';

/**
 * Nesting through which $1 still means the script's own positional parameters: substitutions run in
 * a subshell of this shell, eval in this shell. sh -c, trap, alias code and function bodies have their own.
 */
const SAME_PARAMS = new Set(['$(...)', '`...`', '<(...)', '>(...)', 'eval']);

/** The elements of array `name` when it is a constant (assigned once, as a list of known words). */
function foldedArray(st: ParseState, name: string): string[] | undefined {
  if (foldedVar(st, name) === undefined) return undefined;
  return st.arrays.get(name);
}

function foldedPositional(st: ParseState, via: string[]): string[] | undefined {
  const s = st.stats;
  if (s.poisoned.has(POSITIONAL) || s.dynamicNames || s.assignCounts.get(POSITIONAL) !== 1) return undefined;
  if (st.fnStack.length > 0 || !via.every((v) => SAME_PARAMS.has(v))) return undefined;
  return st.positional;
}

/** One element, the words of all, or all joined by a blank (only while IFS is the default). */
function pick(list: string[], index: string, st: ParseState): ListValue | undefined {
  // An empty list makes "$@" vanish, a word shape not modelled: unknown.
  if (list.length === 0) return undefined;
  if (index === '@') return { kind: 'fields', values: list };
  if (index === '*') return ifsChanged(st) ? undefined : { kind: 'one', value: list.join(' ') };
  const n = Number(index);
  const i = n < 0 ? list.length + n : n;
  return { kind: 'one', value: list[i] ?? '' };
}

/**
 * The value of ${a[i]}, ${a[@]}, ${a[*]}, $a (its first element), $1, ${2}, $@, $* or $# (raw as
 * written, `name` as the pre-pass read it), when the list is known; `via`: the nesting being walked.
 */
export function listValue(st: ParseState, raw: string, name: string, via: string[]): ListValue | undefined {
  if (/^(\d+|[@*#])$/.test(name) && name !== '0' && (raw === `$${name}` || raw === `\${${name}}`)) {
    const list = foldedPositional(st, via);
    if (!list) return undefined;
    if (name === '#') return { kind: 'one', value: String(list.length) };
    return name === '@' || name === '*' ? pick(list, name, st) : { kind: 'one', value: list[Number(name) - 1] ?? '' };
  }
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[(@|\*|-?[0-9]+)\]\}$/.exec(raw);
  const index = m ? (m[2] as string) : raw === `$${name}` || raw === `\${${name}}` ? '0' : undefined;
  if (index === undefined || (m && m[1] !== name)) return undefined;
  const list = foldedArray(st, name);
  return list ? pick(list, index, st) : undefined;
}

/**
 * The arrays a declare/typeset/local/readonly/export command sets (`found`: NAME=(..) operands with
 * known elements), when its options keep the elements as written: -A reads (k v) as pairs, -i and
 * -l/-u change the values, so any option but -a, -r, -x, -g means none.
 */
export function declaredArrays(cmd: SimpleCommand, found: Map<string, string[]>): Map<string, string[]> {
  if (!cmd.program || !['declare', 'typeset', 'local', 'readonly', 'export'].includes(cmd.program)) return new Map();
  const plainOptions = cmd.args.every((a) => a.literal && (!/^[-+]/.test(a.text) || /^-[argx]+$/.test(a.text)));
  return plainOptions ? found : new Map();
}

/**
 * After `set [options] -- WORDS` in the main shell, unconditionally: the positional parameters become
 * WORDS when every one is known (the pre-pass made sure no other command sets them).
 */
export function recordPositional(st: ParseState, cmd: SimpleCommand, frame: Frame): void {
  if (cmd.program !== 'set' || frame.isolated || frame.conditional || frame.loop || st.fnStack.length > 0) return;
  const args = cmd.args;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w?.literal) return;
    if (w.text === '--' || w.text === '-') {
      i++;
      break;
    }
    if (!/^[-+][A-Za-z]+$/.test(w.text)) break;
    if (w.text.includes('o')) i++; // set -o NAME
  }
  const words = args.slice(i);
  if (i > args.length || (words.length === 0 && args[i - 1]?.text !== '--')) return;
  if (!words.every((w) => w.literal && !w.glob && !w.candidates)) return;
  st.positional = words.map((w) => w.text);
}
