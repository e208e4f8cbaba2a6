// Pre-pass readers for the pieces of a word that start with a quote, `$` or a backtick. Each returns a
// Segment and leaves the cursor after it; nested scripts are pre-passed here too, once.

import { decodeAnsiC } from './ansi-c.js';
import { LexError, type Cursor } from './cursor.js';
import { lexScript } from './lex-script.js';
import type { Part, Segment } from './segments.js';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = '@*#?$!-';

/** '...': everything up to the next quote is literal. */
export function scanSingle(c: Cursor): Segment {
  const start = c.pos;
  const end = c.s.indexOf("'", start + 1);
  if (end < 0) throw new LexError('unterminated single quote');
  c.pos = end + 1;
  return { kind: 'lit', raw: c.s.slice(start, end + 1), value: c.s.slice(start + 1, end) };
}

/** "..." (cursor on the quote) or $"..." (cursor on the $). */
export function scanDouble(c: Cursor): Segment {
  const start = c.pos;
  if (c.s[c.pos] === '$') c.pos++;
  c.pos++;
  const parts = scanDqParts(c, '"', false);
  return { kind: 'dq', raw: c.s.slice(start, c.pos), parts };
}

/**
 * Text and expansions of a double-quoted string (endCh '"') or an unquoted here-doc body (endCh null,
 * where \" stays as written). Backslash only escapes $ ` " \ and newline there.
 */
export function scanDqParts(c: Cursor, endCh: '"' | null, heredoc: boolean): Part[] {
  const s = c.s;
  const parts: Part[] = [];
  let buf = '';
  const flush = (): void => {
    if (buf) parts.push(buf);
    buf = '';
  };
  while (c.pos < s.length) {
    const ch = s[c.pos] as string;
    if (endCh !== null && ch === endCh) {
      c.pos++;
      flush();
      return parts;
    }
    if (ch === '\\') {
      const n = s[c.pos + 1];
      if (n === '\n') c.pos += 2;
      else if (n === '$' || n === '`' || n === '\\' || (n === '"' && !heredoc)) {
        buf += n;
        c.pos += 2;
      } else {
        buf += '\\';
        c.pos++;
      }
    } else if (ch === '$') {
      const seg = scanDollar(c, true);
      if (seg) {
        flush();
        parts.push(seg);
      } else {
        buf += '$';
        c.pos++;
      }
    } else if (ch === '`') {
      flush();
      parts.push(scanBacktick(c));
    } else {
      buf += ch;
      c.pos++;
    }
  }
  if (endCh !== null) throw new LexError('unterminated double quote');
  flush();
  return parts;
}

/** `...`: unescape \` \\ \$ and pre-pass the inner script. */
export function scanBacktick(c: Cursor): Segment {
  const s = c.s;
  const start = c.pos;
  let inner = '';
  let i = start + 1;
  for (; i < s.length && s[i] !== '`'; i++) {
    if (s[i] === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$')) {
      inner += s[i + 1];
      i++;
    } else inner += s[i];
  }
  if (i >= s.length) throw new LexError('unterminated backtick substitution');
  c.pos = i + 1;
  const sub: Cursor = { s: inner, pos: 0, stats: c.stats, nest: c.nest + 1 };
  return { kind: 'cmdsub', raw: s.slice(start, c.pos), script: lexScript(sub, null) };
}

/**
 * Scan the body of $((..)), ((..)) or an extglob group from just after its opening, collecting nested
 * expansions. Returns the position after the closing `))` (or `)` when single), or -1 when the text
 * does not close the way arithmetic would (then `$((` was really `$( (`).
 */
export function scanParenBody(c: Cursor, from: number, double: boolean, nested: Segment[]): number {
  const s = c.s;
  let depth = 0;
  c.pos = from;
  while (c.pos < s.length) {
    const ch = s[c.pos] as string;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) {
        if (!double) return c.pos + 1;
        return s[c.pos + 1] === ')' ? c.pos + 2 : -1;
      }
      depth--;
    } else if (ch === '\\') c.pos++;
    else if (ch === "'") {
      nested.push(scanSingle(c));
      continue;
    } else if (ch === '"') {
      nested.push(scanDouble(c));
      continue;
    } else if (ch === '`') {
      nested.push(scanBacktick(c));
      continue;
    } else if (ch === '$') {
      const seg = scanDollar(c, false);
      if (seg) {
        nested.push(seg);
        continue;
      }
    }
    c.pos++;
  }
  return -1;
}

function poisonNames(c: Cursor, text: string): void {
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) c.stats.poisoned.add(m[0]);
}

/** ${...}: nested expansions inside operands still run (${x:-$(rm -rf /)}). */
function scanBraceParam(c: Cursor, start: number): Segment {
  const s = c.s;
  const nested: Segment[] = [];
  c.pos = start + 2;
  while (c.pos < s.length && s[c.pos] !== '}') {
    const ch = s[c.pos];
    if (ch === '\\') c.pos += 2;
    else if (ch === "'") nested.push(scanSingle(c));
    else if (ch === '"') nested.push(scanDouble(c));
    else if (ch === '`') nested.push(scanBacktick(c));
    else if (ch === '$') {
      const seg = scanDollar(c, false);
      if (seg) nested.push(seg);
      else c.pos++;
    } else c.pos++;
  }
  if (c.pos >= s.length) throw new LexError('unterminated ${');
  const body = s.slice(start + 2, c.pos);
  c.pos++;
  const raw = s.slice(start, c.pos);
  if (/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])$/.test(body)) {
    return { kind: 'param', raw, name: body, plain: true, nested };
  }
  const m = /^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(body);
  // ${x:=v}, ${x=v} and ${a[5]:=v} assign: never fold x (or a) afterwards.
  if (m?.[1] && /^[#!]?[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?:?=/.test(body)) c.stats.poisoned.add(m[1]);
  return { kind: 'param', raw, name: m?.[1] ?? body, plain: false, nested };
}

/** Cursor on `$`: the expansion it starts, or null when it is a literal dollar sign. */
export function scanDollar(c: Cursor, inDq: boolean): Segment | null {
  const s = c.s;
  const start = c.pos;
  const n = s[start + 1];
  if (n === undefined) return null;
  if (!inDq && n === "'") {
    let i = start + 2;
    for (; i < s.length && s[i] !== "'"; i++) if (s[i] === '\\') i++;
    if (i >= s.length) throw new LexError("unterminated $'");
    c.pos = i + 1;
    return { kind: 'lit', raw: s.slice(start, c.pos), value: decodeAnsiC(s.slice(start + 2, i)) };
  }
  if (!inDq && n === '"') return scanDouble(c);
  if (n === '(') {
    if (s[start + 2] === '(') {
      const nested: Segment[] = [];
      const end = scanParenBody(c, start + 3, true, nested);
      if (end >= 0) {
        c.pos = end;
        poisonNames(c, s.slice(start + 3, end - 2));
        return { kind: 'arith', raw: s.slice(start, end), nested };
      }
    }
    c.pos = start + 2;
    c.nest++;
    const script = lexScript(c, ')');
    c.nest--;
    return { kind: 'cmdsub', raw: s.slice(start, c.pos), script };
  }
  if (n === '[') {
    const end = s.indexOf(']', start + 2);
    if (end < 0) throw new LexError('unterminated $[');
    c.pos = end + 1;
    return { kind: 'arith', raw: s.slice(start, c.pos), nested: [] };
  }
  if (n === '{') return scanBraceParam(c, start);
  if (NAME_START.test(n)) {
    let i = start + 2;
    while (i < s.length && NAME_CHAR.test(s[i] as string)) i++;
    c.pos = i;
    return { kind: 'param', raw: s.slice(start, i), name: s.slice(start + 1, i), plain: true, nested: [] };
  }
  if ((n >= '0' && n <= '9') || SPECIAL_PARAMS.includes(n)) {
    c.pos = start + 2;
    return { kind: 'param', raw: s.slice(start, start + 2), name: n, plain: true, nested: [] };
  }
  return null;
}
