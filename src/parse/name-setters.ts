// Which variables a script may set besides plain NAME=value: builtins that take a variable name as an
// operand or option value (read x, read -a x, printf -vx, unset x, getopts o x, declare "x=1"), names
// set implicitly (REPLY, PWD), namerefs, and code run in this shell (eval, trap, alias, mapfile -C).
// The pre-pass feeds every word of a simple command here, so folding (state.ts) and loop candidates
// (loop-vars.ts) know every name that may change before either is used.

import { CapError, countAssign, LexError, type Cursor, type LexStats } from './cursor.js';
import { lexScript } from './lex-script.js';
import type { LexedWord } from './lex-word.js';
import { POSITIONAL } from './lists.js';
import { placeholderIndex, rawOf, type Segment } from './segments.js';

export interface SetterSpec {
  /** Options whose value is a variable name (read -a NAME, printf -v NAME, wait -p NAME). */
  nameOpts?: string;
  /** Options whose value is something else (read -p PROMPT), so it is skipped. */
  valueOpts?: string;
  /** Options whose value is code run in this shell (mapfile -C CALLBACK). */
  codeOpts?: string;
  /** Which operands are names: all, none, or only the second (getopts OPTSTRING NAME). */
  operands: 'all' | 'none' | 'second';
  /** Names it sets without being told: read with no name sets REPLY, cd sets PWD and OLDPWD. */
  implicit?: string[];
  /** declare -n makes a name an alias of another: any assignment may then set any variable. */
  nameref?: boolean;
  /** Its operands are code this shell runs (eval, trap, alias): read for what that code sets. */
  code?: boolean;
  /** set: operands (or `--`) replace the positional parameters, counted like an assignment (lists.ts). */
  positional?: boolean;
}

const DECLARE: SetterSpec = { operands: 'all', nameref: true };
export const SETTERS: Record<string, SetterSpec> = {
  read: { nameOpts: 'a', valueOpts: 'dinNptu', operands: 'all', implicit: ['REPLY'] },
  printf: { nameOpts: 'v', operands: 'none' },
  declare: DECLARE,
  typeset: DECLARE,
  local: DECLARE,
  export: { operands: 'all' },
  readonly: { operands: 'all' },
  unset: { operands: 'all' },
  mapfile: { valueOpts: 'dnOsuc', codeOpts: 'C', operands: 'all', implicit: ['MAPFILE'] },
  readarray: { valueOpts: 'dnOsuc', codeOpts: 'C', operands: 'all', implicit: ['MAPFILE'] },
  getopts: { operands: 'second', implicit: ['OPTARG', 'OPTIND'] },
  wait: { nameOpts: 'p', operands: 'none' },
  compgen: { nameOpts: 'V', valueOpts: 'AGWXPSFo', codeOpts: 'C', operands: 'none' },
  let: { operands: 'all' },
  set: { valueOpts: 'o', operands: 'none', positional: true },
  shift: { operands: 'none', implicit: [POSITIONAL] },
  cd: { operands: 'none', implicit: ['PWD', 'OLDPWD'] },
  pushd: { operands: 'none', implicit: ['PWD', 'OLDPWD'] },
  popd: { operands: 'none', implicit: ['PWD', 'OLDPWD'] },
  eval: { operands: 'none', code: true },
  trap: { operands: 'none', code: true },
  alias: { operands: 'none', code: true },
};

/** Where the pre-pass is in one simple command's words. */
export interface NameTracker {
  spec: SetterSpec | undefined;
  program: string;
  optionsDone: boolean;
  /** What the next word is: the value of an option just seen. */
  pending: 'name' | 'value' | 'code' | undefined;
  operands: number;
  /** Static code words (eval x=1, trap 'read y' ERR), read at the end of the command. */
  code: string[];
}

/** A tracker for the next simple command. */
export function newTracker(): NameTracker {
  return { spec: undefined, program: '', optionsDone: false, pending: undefined, operands: 0, code: [] };
}

/** The value of a pre-passed word when it has no expansions (quotes removed, $'..' decoded). */
function staticValue(text: string, segs: Segment[]): string | undefined {
  let out = '';
  for (const ch of text) {
    const idx = placeholderIndex(ch.codePointAt(0) ?? 0);
    if (idx < 0) {
      out += ch;
      continue;
    }
    const seg = segs[idx];
    if (seg?.kind === 'lit') out += seg.value;
    else if (seg?.kind === 'dq' && seg.parts.every((p) => typeof p === 'string')) out += seg.parts.join('');
    else if (seg?.kind === 'opmark') continue;
    else if (seg?.kind === 'extglob') out += seg.raw;
    else return undefined;
  }
  return out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** A word that names a variable (maybe with =value or [index]). */
function nameWord(stats: LexStats, value: string | undefined): void {
  // SECURITY: read "$r" / unset $r set a variable we cannot name: nothing may be folded then.
  if (value === undefined) stats.dynamicNames = true;
  else {
    const m = NAME.exec(value);
    if (m) stats.poisoned.add(m[0]);
  }
}

/** Read code that this shell runs, for the names it sets (its commands are walked again later). */
function readCode(c: Cursor, code: string): void {
  // Same counts and poisoned names; its comments are kept when the walk reads the code again.
  const stats: LexStats = { ...c.stats, comments: [] };
  try {
    lexScript({ s: code, pos: 0, stats, nest: c.nest + 1 }, null);
  } catch (e) {
    // SECURITY: code we cannot read may set anything; the walk reports it as unparseable later.
    if (e instanceof LexError || e instanceof CapError) stats.dynamicNames = true;
    else throw e;
  }
  if (stats.dynamicNames) c.stats.dynamicNames = true;
}

/** The options of the current command ended: `set`'s operands (even none after --) are the new $@. */
function endOptions(t: NameTracker, c: Cursor): void {
  t.optionsDone = true;
  if (t.spec?.positional) countAssign(c.stats, POSITIONAL);
}

/** Feed one word of the current simple command (its pre-passed form and the cursor after it). */
export function trackWord(t: NameTracker, c: Cursor, segs: Segment[], w: LexedWord): void {
  const value = staticValue(w.text, segs);
  if (!t.spec) {
    // The first word naming a setter starts it, also behind `builtin`/`command` (or as data: harmless).
    const spec = value !== undefined && Object.prototype.hasOwnProperty.call(SETTERS, value) ? SETTERS[value] : undefined;
    if (spec) {
      t.spec = spec;
      t.program = value as string;
      for (const n of spec.implicit ?? []) c.stats.poisoned.add(n);
    }
    return;
  }
  const spec = t.spec;
  if (spec.code) {
    if (value === undefined) return; // code with expansions: the walk reports it as dynamic code
    t.code.push(t.program === 'alias' ? value.slice(value.indexOf('=') + 1) : value);
    return;
  }
  if (w.assign) return; // NAME=value after declare/export: counted by lexWord
  if (t.pending) {
    if (t.pending === 'name') nameWord(c.stats, value);
    else if (t.pending === 'code' && value !== undefined) readCode(c, value);
    t.pending = undefined;
    return;
  }
  if (!t.optionsDone) {
    if (value === '--') {
      endOptions(t, c);
      return;
    }
    if (value === undefined && spec.operands !== 'all') {
      // SECURITY: printf "$opt" x: an unknown word may be an option that makes the next word a name.
      t.pending = 'name';
      if (spec.positional) c.stats.poisoned.add(POSITIONAL); // set "$x": maybe --, maybe operands
      return;
    }
    if (value !== undefined && value.length > 1 && (value.startsWith('-') || ((spec.nameref || spec.positional) && value.startsWith('+')))) {
      for (let k = 1; k < value.length; k++) {
        const ch = value[k] as string;
        if (spec.nameref && ch === 'n') c.stats.dynamicNames = true;
        const kind = spec.nameOpts?.includes(ch) ? 'name' : spec.valueOpts?.includes(ch) ? 'value' : spec.codeOpts?.includes(ch) ? 'code' : undefined;
        if (!kind) continue;
        const rest = value.slice(k + 1);
        if (rest === '') t.pending = kind;
        else if (kind === 'name') nameWord(c.stats, rest);
        else if (kind === 'code') readCode(c, rest);
        break;
      }
      return;
    }
    endOptions(t, c);
  }
  t.operands++;
  if (spec.operands === 'all' || (spec.operands === 'second' && t.operands === 2)) {
    if (t.program === 'let') {
      // Arithmetic: every name in it may be assigned (let x=1, let "y += $z"); values are numbers.
      for (const m of `${value ?? ''} ${rawOf(w.text, segs)}`.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) c.stats.poisoned.add(m[0]);
    } else nameWord(c.stats, value);
  }
}

/** The command ended: read the code words it gathered (eval, trap, alias) as one script. */
export function endCommand(t: NameTracker, c: Cursor): void {
  if (t.code.length > 0) readCode(c, t.code.join(' '));
}
