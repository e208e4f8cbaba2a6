// Here-documents in the pre-pass: the delimiter word (quoted or not), and the bodies read after the
// newline that ends the operator's line, so bash-parser never sees a body line.

import { isBlank, LexError, type Cursor } from './cursor.js';
import { scanDqParts } from './lex-expansions.js';
import type { Segment } from './segments.js';

/** The segment a here-doc operator leaves in the table; its body is filled in later. */
export type HereDocSeg = Extract<Segment, { kind: 'heredoc' }>;

/** The here-doc delimiter word as written: quote removal, and whether any part was quoted. */
export function readDelimiter(c: Cursor): { delimiter: string; quoted: boolean; raw: string } {
  const s = c.s;
  const start = c.pos;
  let delimiter = '';
  let quoted = false;
  while (c.pos < s.length) {
    const ch = s[c.pos] as string;
    if (isBlank(ch) || ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '<' || ch === '>' || ch === ')') break;
    if (ch === "'" || ch === '"') {
      const end = s.indexOf(ch, c.pos + 1);
      if (end < 0) throw new LexError('unterminated quote in here-document delimiter');
      delimiter += s.slice(c.pos + 1, end);
      quoted = true;
      c.pos = end + 1;
    } else if (ch === '\\') {
      delimiter += s[c.pos + 1] ?? '';
      quoted = true;
      c.pos += 2;
    } else {
      delimiter += ch;
      c.pos++;
    }
  }
  if (delimiter === '' && !quoted) throw new LexError('here-document without a delimiter');
  return { delimiter, quoted, raw: s.slice(start, c.pos) };
}

/** After the newline that ends a line with here-doc operators: read each body, in order. */
export function readBodies(c: Cursor, pending: HereDocSeg[]): void {
  const s = c.s;
  for (const doc of pending) {
    const lines: string[] = [];
    let found = false;
    while (c.pos < s.length) {
      const eol = s.indexOf('\n', c.pos);
      const end = eol < 0 ? s.length : eol;
      let line = s.slice(c.pos, end);
      c.pos = eol < 0 ? s.length : eol + 1;
      if (doc.op === '<<-') line = line.replace(/^\t+/, '');
      if (line === doc.delimiter) {
        found = true;
        break;
      }
      lines.push(line);
    }
    // bash accepts a body that runs to the end of input (with a warning); so do we.
    void found;
    doc.body = lines.length ? lines.join('\n') + '\n' : '';
    if (!doc.quoted) {
      const sub: Cursor = { s: doc.body, pos: 0, stats: c.stats, nest: c.nest + 1 };
      doc.parts = scanDqParts(sub, null, true);
    }
  }
  pending.length = 0;
}

