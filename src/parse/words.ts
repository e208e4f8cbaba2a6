// Pre-passed words -> the words bash would pass: quote removal, ANSI-C values, brace expansion, field
// splitting of folded values, and each expansion either folded to a constant or marked unknown
// (text "\u0000"). Substitutions inside words run their inner scripts through the walker.

import { arithmeticCode, substitutionCode } from './arith-code.js';
import { expandBraces } from './braces.js';
import { newStats } from './cursor.js';
import { lexScript } from './lex-script.js';
import { constantOutput, mktempPath } from './fold.js';
import { addCandidates, loopBinding, type Template } from './loop-vars.js';
import { listValue, type ListValue } from './lists.js';
import { parseParamOp } from './param-ops.js';
import { placeholderIndex, rawOf, type LexedScript, type Part, type Segment } from './segments.js';
import { addUnknown, clip, foldedVar, ifsChanged, shellCwd, type ParseState, type StdinSource } from './state.js';
import { expandTildePrefix } from './tilde.js';
import type { SimpleCommand, Word } from './types.js';

/** What evaluating a word needs: the state, the table its placeholders index, and a way to run code. */
export interface WordEnv {
  st: ParseState;
  segs: Segment[];
  /** Walk a nested script (substitution), returning the commands it produced. */
  runNested: (script: LexedScript, via: string, stdin?: StdinSource) => SimpleCommand[];
  /** The nesting being walked (Frame.via): whether $1 is still the script's own (lists.ts). */
  via: string[];
}

/** The value of one placeholder. */
interface Piece {
  text: string;
  literal: boolean;
  /** Quoted: never split or globbed. */
  quoted: boolean;
  unknowns: string[];
  glob?: boolean;
  /** For a non-literal piece whose only unknown parts are loop variables: its text and references. */
  tpl?: Template;
  /** "${a[@]}", "$@": a literal piece that is several words (text is them joined by blanks). */
  fields?: string[];
}

/** The placeholder for an unknown expansion in Word.text. */
export const UNKNOWN = '\u0000';

/**
 * The arithmetic parts of ${..}: an array subscript ${a[i]}, substring offsets ${x:o:l}, or both
 * (${a[@]:o:l}, a slice of the elements, whose offsets are arithmetic too).
 */
function paramArithmetic(raw: string, name: string): string | undefined {
  let rest = raw.slice(2).replace(/^[#!]/, '').slice(name.length, -1);
  const parts: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return rest.slice(1);
    parts.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  if (/^:[^-=?+]/.test(rest)) parts.push(rest.slice(1));
  // Only names matter to the caller (own substitutions were walked): a blank keeps them apart.
  return parts.length ? parts.join(' ') : undefined;
}

/** Pre-pass code found inside an arithmetic value (errors surface as an unparseable nested script). */
export function lexCode(code: string): LexedScript {
  try {
    return lexScript({ s: code, pos: 0, stats: newStats(), nest: 1 }, null);
  } catch {
    // SECURITY: bash-parser rejects this marker, so the walk reports it as unparseable.
    return { source: code, text: '(', segments: [], breaks: [] };
  }
}

const unknownPiece = (name: string, quoted: boolean): Piece => ({ text: UNKNOWN, literal: false, quoted, unknowns: [clip(name, 40)] });

/** `$(mktemp ..)`: its path as if printed (the substitution strips the newline). */
function mktempNewline(cmd: SimpleCommand, cwd: string | undefined): string | undefined {
  const path = mktempPath(cmd, cwd);
  return path === undefined ? undefined : `${path}\n`;
}

function runSubstitution(env: WordEnv, script: LexedScript, raw: string, quoted: boolean): Piece {
  const before = env.st.commands.length;
  const cmds = env.runNested(script, raw.startsWith('`') ? '`...`' : '$(...)');
  const only = cmds.length === 1 && env.st.commands.length - before === 1 ? cmds[0] : undefined;
  const out = only ? (constantOutput(only, (d) => env.st.docText.get(d), shellCwd(env.st)) ?? mktempNewline(only, shellCwd(env.st))) : undefined;
  if (out === undefined) return unknownPiece(raw, quoted);
  return { text: out.replace(/\n+$/, ''), literal: true, quoted, unknowns: [] };
}

/**
 * ${x@P} expands x's value as a prompt: backslash escapes, then $(..), backticks and ${..} run. A known
 * value's substitutions are walked; anything else is code we cannot see (\044 decodes to $, so a
 * value with backslashes counts as unknown).
 */
function promptExpansion(env: WordEnv, seg: Extract<Segment, { kind: 'param' }>, quoted: boolean): Piece {
  const value = seg.raw === `\${${seg.name}@P}` ? foldedVar(env.st, seg.name) : undefined;
  if (value === undefined || value.includes('\\')) {
    addUnknown(env.st, 'dynamic-code', `${clip(seg.raw, 40)} runs the command substitutions in a value not known until it runs`, clip(seg.raw));
  } else {
    for (const code of substitutionCode(value)) env.runNested(lexCode(code), '${..@P}');
  }
  return unknownPiece(seg.raw, quoted);
}

/**
 * ${!n} expands the variable NAMED by n's value; a subscripted name (n='a[$(id)]') has its subscript
 * evaluated as arithmetic, which runs code. Known values are checked; an unknown one is dynamic code.
 * (${!n[@]} lists keys and ${!n*} names: no indirection.)
 */
function indirection(env: WordEnv, seg: Extract<Segment, { kind: 'param' }>): void {
  if (!/^\$\{![A-Za-z_][A-Za-z0-9_]*([}:#%/^,+=?-])/.test(seg.raw)) return;
  const binding = loopBinding(env.st, seg.name);
  const known = env.st.vars.get(seg.name) ?? foldedVar(env.st, seg.name);
  const values = binding ? binding.values : known !== undefined ? [known] : undefined;
  if (!values) {
    addUnknown(env.st, 'dynamic-code', `${clip(seg.raw, 40)} names a variable not known until it runs, whose subscript may run code`, clip(seg.raw));
    return;
  }
  for (const v of values) {
    const open = v.indexOf('[');
    if (open < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.slice(0, open))) continue;
    const close = v.lastIndexOf(']');
    for (const code of arithmeticCode(env.st, v.slice(open + 1, close > open ? close : undefined), true)) env.runNested(lexCode(code), 'arithmetic');
  }
}

function evalNested(env: WordEnv, nested: Segment[]): void {
  for (const seg of nested) evalSegment(env, seg, true);
}

function evalParts(env: WordEnv, parts: Part[]): Piece {
  const piece: Piece = { text: '', literal: true, quoted: true, unknowns: [] };
  let tpl: Template | undefined = [];
  // "a${x[@]}b" is several words: the text before joins the first, the text after the last.
  const words = [''];
  for (const part of parts) {
    const p: Piece = typeof part === 'string' ? { text: part, literal: true, quoted: true, unknowns: [] } : evalSegment(env, part, true);
    const [first = '', ...rest] = p.fields ?? [p.text];
    words[words.length - 1] += first;
    words.push(...rest);
    piece.text += p.text;
    piece.literal &&= p.literal;
    piece.unknowns.push(...p.unknowns);
    if (p.literal) tpl?.push(p.text);
    else if (p.tpl) tpl?.push(...p.tpl);
    else tpl = undefined;
  }
  if (!piece.literal && tpl) piece.tpl = tpl;
  if (piece.literal && words.length > 1) piece.fields = words;
  else if (words.length > 1) delete piece.tpl;
  return piece;
}

/** A known list value as a piece: one value like a scalar, or several words. */
function listPiece(env: WordEnv, list: ListValue, raw: string, quoted: boolean): Piece {
  // SECURITY: unquoted, each value is split and globbed again: only values that can do neither are known.
  if (!quoted && ifsChanged(env.st)) return unknownPiece(raw, quoted);
  if (list.kind === 'one') return { text: list.value, literal: true, quoted, unknowns: [], glob: !quoted && /[*?[]/.test(list.value) };
  if (!quoted && list.values.some((v) => v === '' || /[\s*?[]/.test(v))) return unknownPiece(raw, quoted);
  return { text: list.values.join(' '), literal: true, quoted, unknowns: [], fields: list.values };
}

/** Evaluate one segment; `quoted` when it sits inside double quotes. */
export function evalSegment(env: WordEnv, seg: Segment, quoted: boolean): Piece {
  switch (seg.kind) {
    case 'lit':
      return { text: seg.value, literal: true, quoted: true, unknowns: [] };
    case 'dq':
      return evalParts(env, seg.parts);
    case 'param': {
      evalNested(env, seg.nested);
      if (!seg.plain && seg.raw.endsWith('@P}')) return promptExpansion(env, seg, quoted);
      if (!seg.plain) indirection(env, seg);
      const arith = seg.plain ? undefined : paramArithmetic(seg.raw, seg.name);
      if (arith) for (const code of arithmeticCode(env.st, arith, false)) env.runNested(lexCode(code), 'arithmetic');
      // ${a[0]}, "${a[@]}", $1, "$@": arrays and positional parameters with known values.
      const list = listValue(env.st, seg.raw, seg.name, env.via);
      if (list) return listPiece(env, list, seg.raw, quoted);
      // ${f%.ts}, ${f##*/}, ${#f}...: evaluated on known values (param-ops.ts); any other form stays unknown.
      const op = seg.plain ? undefined : parseParamOp(seg.raw, seg.name);
      const known = seg.plain || op !== undefined;
      const binding = known ? loopBinding(env.st, seg.name) : undefined;
      if (binding) return { ...unknownPiece(seg.raw, quoted), tpl: [{ binding, quoted, ...(op ? { op } : {}) }] };
      const folded = known ? foldedVar(env.st, seg.name) : undefined;
      const value = folded !== undefined && op ? op(folded, false) : folded;
      if (value === undefined) return unknownPiece(seg.raw, quoted);
      // SECURITY: with IFS changed we cannot know how an unquoted value splits.
      if (!quoted && ifsChanged(env.st) && /\S/.test(value)) return unknownPiece(seg.raw, quoted);
      return { text: value, literal: true, quoted, unknowns: [], glob: !quoted && /[*?[]/.test(value) };
    }
    case 'cmdsub':
      return runSubstitution(env, seg.script, seg.raw, quoted);
    case 'procsub':
      // SECURITY: >(sh) reads what the outer command writes: a shell there runs unknown code.
      if (seg.raw.startsWith('>')) env.runNested(seg.script, '>(...)', { kind: 'unknown', what: 'a process substitution' });
      else env.runNested(seg.script, '<(...)');
      return { text: '/dev/fd/63', literal: true, quoted: true, unknowns: [] };
    case 'arith':
    case 'arithcmd':
      evalNested(env, seg.nested);
      for (const code of arithmeticCode(env.st, seg.raw, false)) env.runNested(lexCode(code), 'arithmetic');
      return unknownPiece(seg.raw, quoted);
    case 'extglob':
      evalNested(env, seg.nested);
      return { text: seg.raw, literal: true, quoted: false, unknowns: [], glob: true };
    case 'heredoc':
      return { text: seg.delimiter, literal: true, quoted: true, unknowns: [] };
    case 'opmark':
      // a[i]=v: the subscript is evaluated as arithmetic (a[x]=1 with x='a[$(id)]' runs id).
      if (seg.index !== undefined) for (const code of arithmeticCode(env.st, seg.index, true)) env.runNested(lexCode(code), 'arithmetic');
      return { text: '', literal: true, quoted: true, unknowns: [] };
    case 'array':
    case 'dbrack': {
      const words = seg.words.flatMap((w) => expandWord(env, w));
      return {
        text: words.map((w) => w.text).join(' '),
        literal: words.every((w) => w.literal),
        quoted: true,
        unknowns: words.flatMap((w) => w.unknowns ?? []),
      };
    }
  }
}

interface Field {
  text: string;
  literal: boolean;
  glob: boolean;
  unknowns: string[];
  keep: boolean;
  /** The field as literal text and loop-variable references; undefined once another unknown joins. */
  tpl: Template | undefined;
}

const newField = (): Field => ({ text: '', literal: true, glob: false, unknowns: [], keep: false, tpl: [] });

function toWord(raw: string, f: Field): Word {
  const w: Word = { raw, text: f.text, literal: f.literal, glob: f.glob };
  if (f.unknowns.length) w.unknowns = f.unknowns;
  if (!f.literal && f.tpl) addCandidates(w, f.tpl);
  return w;
}

/** Evaluate every placeholder of a word once (so nested commands are reported once). */
function evalPieces(env: WordEnv, text: string): Map<number, Piece> {
  const pieces = new Map<number, Piece>();
  for (const ch of text) {
    const idx = placeholderIndex(ch.codePointAt(0) ?? 0);
    const seg = idx >= 0 ? env.segs[idx] : undefined;
    if (seg && !pieces.has(idx)) pieces.set(idx, evalSegment(env, seg, false));
  }
  return pieces;
}

function fieldsOf(text: string, pieces: Map<number, Piece>, raw: string, split: boolean): Word[] {
  const words: Word[] = [];
  let f = newField();
  const flush = (): void => {
    if (f.text !== '' || f.keep || !f.literal) words.push(toWord(raw, f));
    f = newField();
  };
  for (const ch of text) {
    const piece = pieces.get(placeholderIndex(ch.codePointAt(0) ?? 0));
    if (!piece) {
      f.text += ch;
      f.tpl?.push(ch);
      if (ch === '*' || ch === '?' || ch === '[') f.glob = true;
      continue;
    }
    f.literal &&= piece.literal;
    f.unknowns.push(...piece.unknowns);
    f.glob ||= piece.glob === true;
    if (!piece.literal) {
      if (piece.tpl) f.tpl?.push(...piece.tpl);
      else f.tpl = undefined;
    }
    if (piece.fields && split) {
      // "${a[@]}": one field per value (unquoted ones were made sure not to split further).
      piece.fields.forEach((part, k) => {
        if (k > 0) flush();
        f.text += part;
        f.tpl?.push(part);
        f.keep ||= piece.quoted;
      });
      continue;
    }
    if (piece.quoted || !split || !piece.literal) {
      f.text += piece.text;
      if (piece.literal) f.tpl?.push(piece.text);
      f.keep ||= piece.quoted;
      continue;
    }
    // An unquoted folded value splits into fields on blanks, as with the default IFS.
    const parts = piece.text.split(/[ \t\n]+/);
    parts.forEach((part, k) => {
      if (k > 0) flush();
      f.text += part;
      f.tpl?.push(part);
    });
  }
  flush();
  return words;
}

/** A word in a position bash expands fully (command name, argument): may become 0..n words. */
export function expandWord(env: WordEnv, word: string): Word[] {
  const text = expandTildePrefix(env.st, env.segs, word);
  const pieces = evalPieces(env, text);
  const raw = rawOf(text, env.segs);
  const variants = expandBraces(text);
  if (variants === undefined) {
    return [{ raw, text: UNKNOWN, literal: false, glob: false, unknowns: [clip(raw, 40)] }];
  }
  return variants.flatMap((v) => fieldsOf(v, pieces, raw, true));
}

/**
 * The elements of an array value `(a b c)` (`text`: the value as pre-passed, one placeholder), when each
 * is a known word that is not a pattern, else undefined. Only words without substitutions or
 * arithmetic qualify: they were evaluated once already, and evaluating them again must run nothing.
 */
export function arrayElements(env: WordEnv, text: string): string[] | undefined {
  const chars = [...text];
  const seg = chars.length === 1 ? env.segs[placeholderIndex(chars[0]?.codePointAt(0) ?? 0)] : undefined;
  if (seg?.kind !== 'array') return undefined;
  const quiet = (s: Part | undefined): boolean =>
    typeof s === 'string' || s?.kind === 'lit' || (s?.kind === 'param' && s.plain) || (s?.kind === 'dq' && s.parts.every(quiet));
  for (const w of seg.words) {
    for (const ch of w) {
      const idx = placeholderIndex(ch.codePointAt(0) ?? 0);
      if (idx >= 0 && !quiet(env.segs[idx])) return undefined;
    }
  }
  const words = seg.words.flatMap((w) => expandWord(env, w));
  // [k]=v elements and patterns have `[`, `*` or `?`: not modelled.
  if (!words.every((w) => w.literal && !w.glob && !w.candidates)) return undefined;
  return words.map((w) => w.text);
}

/** A word bash does not split or brace-expand (assignment value, redirect target, here-string). */
export function singleWord(env: WordEnv, word: string): Word {
  const text = expandTildePrefix(env.st, env.segs, word);
  const pieces = evalPieces(env, text);
  const raw = rawOf(text, env.segs);
  const fields = fieldsOf(text, pieces, raw, false);
  return fields[0] ?? { raw, text: '', literal: true, glob: false };
}
