// Pre-pass reader for one shell word: quotes, backslashes and expansions become placeholders, so the
// text bash-parser sees is plain characters, glob characters and placeholder characters only.

import { addSegment, countAssign, isBlank, LexError, type Cursor } from './cursor.js';
import { scanBacktick, scanDollar, scanDouble, scanParenBody, scanSingle } from './lex-expansions.js';
import { lexScript } from './lex-script.js';
import { isPlaceholderRange, type Segment } from './segments.js';

/** One pre-passed word and what the script loop needs to know about it. */
export interface LexedWord {
  /** The transformed word (the caller may still quote it). */
  text: string;
  /** The word's text when it is entirely unquoted plain characters (for reserved words), else null. */
  plain: string | null;
  /** True when it is an assignment NAME=..., NAME+=..., NAME[i]=... */
  assign: boolean;
}

const ASSIGN_PREFIX = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)$/;
const EXTGLOB_CHARS = '?*+@!';

/** <(..) / >(..): the inner script runs; the word becomes a /dev/fd path. */
function scanProcSub(c: Cursor): Segment {
  const start = c.pos;
  c.pos += 2;
  c.nest++;
  const script = lexScript(c, ')');
  c.nest--;
  return { kind: 'procsub', raw: c.s.slice(start, c.pos), script };
}

/** a=(x y z): element words, each pre-passed like any other word. */
function scanArray(c: Cursor, segs: Segment[]): Segment {
  const s = c.s;
  const start = c.pos;
  const words: string[] = [];
  c.pos++;
  for (;;) {
    while (isBlank(s[c.pos]) || s[c.pos] === '\n' || (s[c.pos] === '\\' && s[c.pos + 1] === '\n')) {
      c.pos += s[c.pos] === '\\' ? 2 : 1;
    }
    if (c.pos >= s.length) throw new LexError('unterminated array assignment');
    if (s[c.pos] === ')') {
      c.pos++;
      break;
    }
    if (s[c.pos] === '#') {
      const eol = s.indexOf('\n', c.pos);
      c.stats.comments.push(s.slice(c.pos, eol < 0 ? s.length : eol));
      c.pos = eol < 0 ? s.length : eol;
      continue;
    }
    const before = c.pos;
    const w = lexWord(c, segs, false);
    if (c.pos === before) throw new LexError(`unexpected ${s[c.pos]} in array assignment`);
    words.push(w.text);
  }
  return { kind: 'array', raw: s.slice(start, c.pos), words };
}

/**
 * Read one word at the cursor. `assignCtx`: the word is in a position where NAME=value is an
 * assignment (command start, or an argument of export/declare/local/readonly/typeset).
 */
export function lexWord(c: Cursor, segs: Segment[], assignCtx: boolean): LexedWord {
  const s = c.s;
  let text = '';
  let plain: string | null = '';
  let assign = false;
  let afterEq = false;
  const put = (seg: Segment): void => {
    text += addSegment(segs, seg);
    plain = null;
    afterEq = false;
  };
  while (c.pos < s.length) {
    const ch = s[c.pos] as string;
    if (isBlank(ch) || ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === ')') break;
    if (ch === '<' || ch === '>') {
      if (s[c.pos + 1] !== '(') break;
      put(scanProcSub(c));
      continue;
    }
    if (ch === '(') {
      if (afterEq) {
        put(scanArray(c, segs));
        continue;
      }
      const last = text[text.length - 1];
      if (plain !== null && last !== undefined && EXTGLOB_CHARS.includes(last)) {
        const start = c.pos - 1;
        const nested: Segment[] = [];
        const end = scanParenBody(c, c.pos + 1, false, nested);
        if (end < 0) throw new LexError('unterminated extended glob');
        c.pos = end;
        text = text.slice(0, -1);
        put({ kind: 'extglob', raw: s.slice(start, end), nested });
        continue;
      }
      break;
    }
    afterEq = false;
    if (ch === '=' && assignCtx && !assign && plain !== null) {
      const m = ASSIGN_PREFIX.exec(plain);
      if (m?.[1]) {
        // SECURITY: bash-parser misreads x+=v and a[i]=v; hand it NAME= and never fold NAME later.
        assign = true;
        countAssign(c.stats, m[1]);
        c.pos++;
        if (m[2] || m[3]) {
          c.stats.poisoned.add(m[1]);
          text = m[1] + '=' + addSegment(segs, { kind: 'opmark', raw: '', op: m[3] ? '+=' : '[]=', ...(m[2] ? { index: m[2].slice(1, -1) } : {}) });
          plain = null;
        } else {
          text += '=';
          plain += '=';
        }
        afterEq = true;
        continue;
      }
    }
    if (ch === '\\') {
      const n = s[c.pos + 1];
      if (n === '\n') {
        c.pos += 2;
        continue;
      }
      const len = n === undefined ? 0 : (s.codePointAt(c.pos + 1) ?? 0) > 0xffff ? 2 : 1;
      const value = n === undefined ? '\\' : s.slice(c.pos + 1, c.pos + 1 + len);
      put({ kind: 'lit', raw: s.slice(c.pos, c.pos + 1 + len), value });
      c.pos += 1 + len;
      continue;
    }
    if (ch === "'") {
      put(scanSingle(c));
      continue;
    }
    if (ch === '"') {
      put(scanDouble(c));
      continue;
    }
    if (ch === '`') {
      put(scanBacktick(c));
      continue;
    }
    if (ch === '$') {
      // A `$` that starts no expansion is literal (grep x$); bash-parser crashes on it, so quote it.
      const seg = scanDollar(c, false);
      if (seg) put(seg);
      else {
        put({ kind: 'lit', raw: '$', value: '$' });
        c.pos++;
      }
      continue;
    }
    if (ch === '#') {
      // A # inside a word is literal (nixpkgs#pkg), but bash-parser cuts the word there: quote it.
      put({ kind: 'lit', raw: '#', value: '#' });
      c.pos++;
      continue;
    }
    const cp = s.codePointAt(c.pos) ?? 0;
    const chr = cp > 0xffff ? s.slice(c.pos, c.pos + 2) : ch;
    if (isPlaceholderRange(cp)) {
      // SECURITY: a private-use character in the input must never be mistaken for a placeholder.
      put({ kind: 'lit', raw: chr, value: chr });
      c.pos += chr.length;
      continue;
    }
    text += chr;
    if (plain !== null) plain += chr;
    c.pos += chr.length;
  }
  return { text, plain, assign };
}
