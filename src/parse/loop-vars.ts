// For-loop variables with known values: in `for f in a.txt src/*.ts; do cat "$f.bak"; done` the word
// "$f.bak" is, on each pass, one of "a.txt.bak" and "src/*.ts.bak" (Word.candidates). A variable
// qualifies only when nothing else in the whole script can set it; the word stays non-literal, so a
// consumer that does not read candidates keeps failing closed.

import { ifsChanged, type ParseState } from './state.js';
import type { ParamOp } from './param-ops.js';
import type { Word } from './types.js';

/** Most values one loop may bind and most candidates one word may get; beyond, the word stays unknown. */
export const MAX_CANDIDATES = 1024;

/** A `for NAME in WORDS` whose words are all known, while its body is walked. */
export interface LoopBinding {
  /** Unique per loop walked: words sharing a binding take their candidates from the same pass. */
  id: number;
  name: string;
  /** The list's words after expansion; a glob pattern stands for the file names bash expands it to. */
  values: string[];
  /** Some value is a glob pattern. */
  glob: boolean;
  /** Safe unquoted: no value is empty, a pattern, or holds blanks, so $NAME neither splits nor globs. */
  plain: boolean;
  /** Words that got candidates from this binding, with their own glob flag, to take back if needed. */
  words: Array<{ word: Word; glob: boolean }>;
}

/** A reference to a loop variable inside a word, and whether it sits inside double quotes. */
export interface LoopRef {
  binding: LoopBinding;
  quoted: boolean;
  /** ${name OP word}: the operator, applied to each value (param-ops.ts). */
  op?: ParamOp;
}

/** A word as literal text and loop-variable references (no other unknown parts). */
export type Template = Array<string | LoopRef>;

// Variables the shell sets by itself: read with no name sets REPLY, cd sets PWD, every command sets
// $_, getopts sets OPTARG... A loop over one of these says nothing about its value in the body.
const SHELL_SET =
  /^(_|REPLY|PWD|OLDPWD|HOME|IFS|PATH|CDPATH|RANDOM|SRANDOM|SECONDS|LINENO|EPOCH\w*|BASH\w*|OPT(ARG|IND|ERR)|COLUMNS|LINES|HIST\w*|PIPESTATUS|MAPFILE|READLINE_\w*|COPROC\w*|FUNCNAME|GROUPS|DIRSTACK|UID|EUID|PPID|SHLVL|SHELLOPTS|COMP_\w*|GLOBIGNORE|TMOUT)$/;

/**
 * True when `name` is set by exactly one `for` head in the whole script and by nothing else: no
 * assignment, read, unset, declare, arithmetic, ${name:=..}, second loop, nameref or dynamic name.
 */
function onlySetByOneLoop(st: ParseState, name: string): boolean {
  const s = st.stats;
  return !SHELL_SET.test(name) && !s.dynamicNames && !s.poisoned.has(name) && !s.assignCounts.has(name) && s.forVars.get(name) === 1;
}

/** The binding for `for name in list`, or undefined when the values are not all known. */
export function bindLoop(st: ParseState, name: string, list: Word[]): LoopBinding | undefined {
  if (list.length === 0 || list.length > MAX_CANDIDATES || !onlySetByOneLoop(st, name)) return undefined;
  let glob = false;
  let plain = !ifsChanged(st);
  for (const w of list) {
    if (!w.literal) return undefined;
    // SECURITY: a quoted "*" is a literal star; as a candidate it could not be told from a pattern.
    if (!w.glob && /[*?[]/.test(w.text)) return undefined;
    // SECURITY: a quoted leading ~ stays literal in bash, but a consumer would expand it as a home.
    if (w.text.startsWith('~') && !w.raw.startsWith('~')) return undefined;
    glob ||= w.glob;
    if (w.glob || w.text === '' || /[ \t\n]/.test(w.text)) plain = false;
  }
  return { id: ++st.loopSeq, name, values: list.map((w) => w.text), glob, plain, words: [] };
}

/**
 * After the body was walked: code in it that is only read while walking (eval '..') may have set the
 * variable after all; then every word that got candidates from this loop loses them.
 */
export function unbindLoop(st: ParseState, b: LoopBinding): void {
  if (onlySetByOneLoop(st, b.name) && (!b.plain || !ifsChanged(st))) return;
  for (const { word, glob } of b.words) {
    delete word.candidates;
    delete word.candidateKey;
    word.glob = glob;
  }
}

/** The innermost binding of `name` around the code being walked. */
export function loopBinding(st: ParseState, name: string): LoopBinding | undefined {
  for (let i = st.loops.length - 1; i >= 0; i--) if (st.loops[i]?.name === name) return st.loops[i];
  return undefined;
}

/** The values a reference stands for (the operator applied), or undefined if one of them is unknown. */
function refValues(ref: LoopRef): string[] | undefined {
  const out: string[] = [];
  for (const v of ref.binding.values) {
    const value = ref.op ? ref.op(v, /[*?[]/.test(v)) : v;
    if (value === undefined) return undefined;
    // SECURITY: unquoted, a derived value is split and globbed again; only one that can do neither (and
    // does not vanish when empty) is known after that.
    if (ref.op && !ref.quoted && (value === '' || /[\s*?[]/.test(value))) return undefined;
    out.push(value);
  }
  return out;
}

/** Give `word` (built from `tpl`) its candidates, when every reference allows it and they are few enough. */
export function addCandidates(word: Word, tpl: Template): void {
  const bindings: LoopBinding[] = [];
  const values = new Map<LoopRef, string[]>();
  for (const part of tpl) {
    if (typeof part === 'string') continue;
    // SECURITY: an unquoted value is split and globbed again (a file "a ..", a file "*"): only values
    // that can do neither are known after that.
    if (!part.quoted && !part.binding.plain) return;
    const vs = refValues(part);
    if (vs === undefined) return;
    values.set(part, vs);
    if (!bindings.includes(part.binding)) bindings.push(part.binding);
  }
  if (bindings.length === 0) return;
  bindings.sort((a, b) => a.id - b.id);
  let total = 1;
  for (const b of bindings) total *= b.values.length;
  if (total > MAX_CANDIDATES) return;
  // Every combination of the bindings' values, the last binding varying fastest, so two words with
  // the same key list their candidates in the same order.
  const index = bindings.map(() => 0);
  const slot = new Map(bindings.map((b, i) => [b, i]));
  const candidates: string[] = [];
  for (let n = 0; n < total; n++) {
    let text = '';
    for (const part of tpl) text += typeof part === 'string' ? part : ((values.get(part) as string[])[index[slot.get(part.binding) as number] as number] as string);
    candidates.push(text);
    for (let k = bindings.length - 1; k >= 0; k--) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (bindings[k] as LoopBinding).values.length) break;
      index[k] = 0;
    }
  }
  for (const b of bindings) b.words.push({ word, glob: word.glob });
  word.candidates = candidates;
  word.candidateKey = bindings.map((b) => b.id).join(',');
  // The value came from a pattern: each candidate names the files matching it, even inside quotes.
  if (bindings.some((b) => b.glob)) word.glob = true;
}
