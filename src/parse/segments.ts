// The side table of the pre-pass: every piece of a word bash-parser cannot be trusted with (quotes,
// expansions, here-documents...) is replaced by one private-use placeholder character that indexes here.

/** Literal text, or an expansion/quoted piece, inside a double-quoted string, here-doc body or ${..}. */
export type Part = string | Segment;

/** A script after the pre-pass: what bash-parser sees, plus the table its placeholders index. */
export interface LexedScript {
  /** The original source of this (possibly nested) script. */
  source: string;
  /** The transformed text handed to bash-parser. */
  text: string;
  segments: Segment[];
  /**
   * Offsets in `text` where a complete top-level command list ends (no open block, quote or
   * operator): bash-parser is quadratic in input size, so long scripts are parsed in pieces there.
   */
  breaks: number[];
}

/** One placeholder's meaning: a quoted piece, an expansion, a here-doc, or an operator mark. */
export type Segment =
  /** A quoted literal: '..', \c, $'..' (decoded), or a private-use character from the input itself. */
  | { kind: 'lit'; raw: string; value: string }
  /** "..." or $"...": literal text and expansions, never split or globbed. */
  | { kind: 'dq'; raw: string; parts: Part[] }
  /** $x, ${x}, ${x:-..}: `plain` when it is just the value of `name`; `nested` holds expansions inside. */
  | { kind: 'param'; raw: string; name: string; plain: boolean; nested: Segment[] }
  /** $(..) or `..`: the inner script, already pre-passed. */
  | { kind: 'cmdsub'; raw: string; script: LexedScript }
  /** $((..)): unknown value; `nested` holds the substitutions inside it. */
  | { kind: 'arith'; raw: string; nested: Segment[] }
  /** <(..) or >(..): the inner script; the word becomes /dev/fd/63. */
  | { kind: 'procsub'; raw: string; script: LexedScript }
  /** Extended glob !(..), @(..), ?(..), *(..), +(..). */
  | { kind: 'extglob'; raw: string; nested: Segment[] }
  /** A here-document redirect target: the body was lifted out of the script. */
  | {
      kind: 'heredoc';
      raw: string;
      op: '<<' | '<<-';
      delimiter: string;
      quoted: boolean;
      body: string;
      /** The body split into text and expansions; undefined when quoted (pure data). */
      parts: Part[] | undefined;
    }
  /**
   * Marks the operator bash-parser would misread, written before the target word: <<<, &>, &>>, +=.
   * For a[i]=v and a[i]+=v, `index` is the subscript, which bash evaluates as arithmetic.
   */
  | { kind: 'opmark'; raw: string; op: string; index?: string }
  /** The value of a=(x y): the element words, in transformed form (same table). */
  | { kind: 'array'; raw: string; words: string[] }
  /** [[ .. ]]: its words in transformed form (same table). */
  | { kind: 'dbrack'; raw: string; words: string[] }
  /** ((..)) as a command: unknown value; `nested` holds the substitutions inside it. */
  | { kind: 'arithcmd'; raw: string; nested: Segment[] };

const BMP_BASE = 0xe000;
const BMP_SIZE = 0xf8ff - 0xe000 + 1;
const ASTRAL_BASE = 0xf0000;
const ASTRAL_SIZE = 0xffffd - 0xf0000 + 1;

/** The placeholder character for table index i (one code point). */
export function placeholder(i: number): string {
  return i < BMP_SIZE ? String.fromCharCode(BMP_BASE + i) : String.fromCodePoint(ASTRAL_BASE + i - BMP_SIZE);
}

/** The table index a code point stands for, or -1 when it is ordinary text. */
export function placeholderIndex(cp: number): number {
  if (cp >= BMP_BASE && cp < BMP_BASE + BMP_SIZE) return cp - BMP_BASE;
  if (cp >= ASTRAL_BASE && cp < ASTRAL_BASE + ASTRAL_SIZE) return BMP_SIZE + cp - ASTRAL_BASE;
  return -1;
}

/** Most placeholders one script can hold. */
export const MAX_PLACEHOLDERS = BMP_SIZE + ASTRAL_SIZE;

/** True if the code point is in a range the pre-pass uses for placeholders. */
export function isPlaceholderRange(cp: number): boolean {
  return placeholderIndex(cp) >= 0;
}

/** Put back the source text of a transformed word (placeholders -> their raw text). */
export function rawOf(text: string, segments: Segment[]): string {
  let out = '';
  for (const ch of text) {
    const idx = placeholderIndex(ch.codePointAt(0) ?? 0);
    const seg = idx >= 0 ? segments[idx] : undefined;
    out += seg ? seg.raw : ch;
  }
  return out;
}
