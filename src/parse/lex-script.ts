// The pre-pass over a whole script: one linear scan that lifts here-document bodies out, rewrites the
// constructs bash-parser rejects or misreads into equivalent ones it reads correctly, and collects
// comments. Words go through lexWord; what bash-parser gets has no quotes, `$` or backslashes left.

import { addSegment, CapError, isBlank, LexError, MAX_LEX_NEST, type Cursor } from './cursor.js';
import { readBodies, readDelimiter, type HereDocSeg } from './heredoc.js';
import { scanParenBody } from './lex-expansions.js';
import { lexWord } from './lex-word.js';
import { endCommand, newTracker, trackWord } from './name-setters.js';
import type { LexedScript, Segment } from './segments.js';

type CaseState = 'head' | 'pattern' | 'body';

const KEEP_CMD_START = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', 'time', 'coproc']);
const OPENERS = new Set(['if', 'while', 'until', 'for', 'select', '{']);
/** Transformed characters per bash-parser call, at least (see LexedScript.breaks). */
const CHUNK = 2048;
const NEWLINE_AFTER = new Set(['do', 'then', 'else', 'elif', 'if', 'while', 'until', '{']);
const DECLARE = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
// After these words a bare NAME argument is being set (read x, unset x, getopts o x...): poison all.
const NAME_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Pre-pass a script from the cursor to the end (term null) or to the `)` closing a $( or <( . */
export function lexScript(c: Cursor, term: ')' | null): LexedScript {
  if (c.nest > MAX_LEX_NEST) throw new CapError(`more than ${MAX_LEX_NEST} nested substitutions`);
  const s = c.s;
  const start = c.pos;
  const segs: Segment[] = [];
  const pending: HereDocSeg[] = [];
  const cases: CaseState[] = [];
  let out = '';
  let cmdStart = true;
  let declArgs = false;
  // The names the current simple command may set (read x, printf -v x, eval 'x=1'...).
  let names = newTracker();
  let afterCloser = false;
  let depth = 0;
  // Open if/while/until/for/select/{ blocks, and whether the last token continues the command.
  let blocks = 0;
  let continues = false;
  let lastBreak = 0;
  const breaks: number[] = [];
  const operator = (text: string, advance: number): void => {
    afterCloser = text === ')';
    continues = text === '&&' || text === '||' || text.endsWith('|') || text === '(';
    out += text;
    c.pos += advance;
    cmdStart = true;
    declArgs = false;
    endCommand(names, c);
    names = newTracker();
  };

  /** Record a place where bash-parser may be handed a new piece (see LexedScript.breaks). */
  function maybeBreak(): void {
    if (out.length - lastBreak < CHUNK) return;
    breaks.push(out.length);
    lastBreak = out.length;
  }
  /**
   * && and || at top level: in a long chain, end the piece there with a newline instead. What runs
   * when differs, but the set of commands reported (all of them) does not.
   */
  function andOr(op: string): void {
    if (depth === 0 && blocks === 0 && cases.length === 0 && out.length - lastBreak >= CHUNK) {
      operator('\n', 2);
      maybeBreak();
    } else operator(op, 2);
  }

  /** Redirection operators; the target word is read here too so it never counts as a command word. */
  const redirect = (): void => {
    if (s.startsWith('<<<', c.pos)) {
      c.pos += 3;
      emitTarget('<', '<<<');
      return;
    }
    if (s.startsWith('<<', c.pos)) {
      const dash = s[c.pos + 2] === '-';
      c.pos += dash ? 3 : 2;
      while (isBlank(s[c.pos])) c.pos++;
      const d = readDelimiter(c);
      const seg: HereDocSeg = { kind: 'heredoc', raw: d.raw, op: dash ? '<<-' : '<<', delimiter: d.delimiter, quoted: d.quoted, body: '', parts: undefined };
      pending.push(seg);
      out += '< ' + addSegment(segs, seg);
      return;
    }
    const op = /^(<>|<&|<|>>|>\||>&|>)/.exec(s.slice(c.pos, c.pos + 2))?.[1] ?? '>';
    c.pos += op.length;
    emitTarget(op, undefined);
  };
  const emitTarget = (op: string, mark: string | undefined): void => {
    while (isBlank(s[c.pos]) || (s[c.pos] === '\\' && s[c.pos + 1] === '\n')) c.pos += s[c.pos] === '\\' ? 2 : 1;
    out += op + ' ' + (mark ? addSegment(segs, { kind: 'opmark', raw: '', op: mark }) : '');
    const before = c.pos;
    out += lexWord(c, segs, false).text;
    if (c.pos === before) throw new LexError(`redirection ${mark ?? op} without a target`);
  };

  while (c.pos < s.length) {
    const ch = s[c.pos] as string;
    const next = s[c.pos + 1];
    const inPattern = cases[cases.length - 1] === 'pattern';
    if (isBlank(ch)) {
      out += ch;
      c.pos++;
    } else if (ch === '\n') {
      const open = continues || depth > 0 || blocks > 0 || cases.length > 0;
      operator('\n', 1);
      if (pending.length) readBodies(c, pending);
      if (!open) maybeBreak();
    } else if (ch === '#') {
      const eol = s.indexOf('\n', c.pos);
      const end = eol < 0 ? s.length : eol;
      c.stats.comments.push(s.slice(c.pos, end));
      c.pos = end;
    } else if (ch === '\\' && next === '\n') {
      c.pos += 2;
    } else if (ch === ';') {
      const len = s.startsWith(';;&', c.pos) ? 3 : next === ';' || next === '&' ? 2 : 1;
      if (len > 1 && cases.length) cases[cases.length - 1] = 'pattern';
      // ;& and ;;& (fall-through) become ;; : which branch runs does not change what could run.
      operator(len > 1 ? ';;' : ';', len);
      if (len === 1 && depth === 0 && blocks === 0 && cases.length === 0) maybeBreak();
    } else if (ch === '&') {
      if (next === '&') andOr('&&');
      else if (next === '>') {
        const append = s[c.pos + 2] === '>';
        c.pos += append ? 3 : 2;
        emitTarget(append ? '>>' : '>', append ? '&>>' : '&>');
      } else {
        operator('&', 1);
        if (depth === 0 && blocks === 0 && cases.length === 0) maybeBreak();
      }
    } else if (ch === '|') {
      if (next === '|') andOr('||');
      else if (next === '&') operator(' 2>&1 |', 2);
      else operator('|', 1);
    } else if (ch === '(') {
      if (cmdStart && !inPattern && next === '(') {
        const save = c.pos;
        const nested: Segment[] = [];
        const end = scanParenBody(c, c.pos + 2, true, nested);
        if (end >= 0) {
          const raw = s.slice(save, end);
          for (const m of raw.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) c.stats.poisoned.add(m[0]);
          out += addSegment(segs, { kind: 'arithcmd', raw, nested });
          c.pos = end;
          cmdStart = false;
          continue;
        }
        c.pos = save;
      }
      if (inPattern) {
        out += '(';
        c.pos++;
      } else {
        depth++;
        operator('(', 1);
      }
    } else if (ch === ')') {
      if (inPattern) {
        cases[cases.length - 1] = 'body';
        operator(')\n', 1);
      } else if (depth === 0 && term === ')') {
        c.pos++;
        return finish();
      } else {
        depth--;
        operator(')', 1);
      }
    } else if ((ch === '<' || ch === '>') && next !== '(') {
      redirect();
    } else {
      lexCommandWord(inPattern);
    }
  }
  if (term === ')') throw new LexError('unterminated $( or <(');
  return finish();

  function finish(): LexedScript {
    endCommand(names, c);
    // SECURITY: bash reads such a body from after the substitution in ways that differ by version
    // (`echo $(cat <<EOF) ; rm -rf x` runs the rm); never guess: fail closed.
    if (pending.length && (term === ')' || c.nest > 0)) throw new LexError('here-document not terminated inside a substitution');
    if (pending.length) readBodies(c, pending);
    return { source: s.slice(start, term === ')' ? c.pos - 1 : c.pos), text: out, segments: segs, breaks };
  }

  /** A word in command position gets the keyword rewrites; elsewhere it is just read. */
  function lexCommandWord(inPattern: boolean): void {
    const atCmd = cmdStart && !inPattern;
    if (atCmd && s.startsWith('[[', c.pos) && (isBlank(s[c.pos + 2]) || s[c.pos + 2] === '\n')) {
      out += addSegment(segs, lexDoubleBracket());
      cmdStart = false;
      return;
    }
    if (atCmd && s.startsWith('function', c.pos) && isBlank(s[c.pos + 8])) {
      // `function f {` / `function f() {` -> `f() {` (bash-parser rejects the keyword)
      c.pos += 8;
      while (isBlank(s[c.pos])) c.pos++;
      out += lexWord(c, segs, false).text;
      const m = /^[ \t]*\([ \t]*\)/.exec(s.slice(c.pos, c.pos + 16));
      if (m) c.pos += m[0].length;
      out += '() ';
      cmdStart = true;
      return;
    }
    const w = lexWord(c, segs, atCmd || declArgs);
    trackWord(names, c, segs, w);
    continues = false;
    if (w.plain !== null && /^\d+$/.test(w.plain) && isBlank(s[c.pos])) {
      // `head -c 100 < f`: bash-parser takes a number before a blank and a redirection as the fd
      // (bash does not), dropping the argument; a quoted number is never an fd.
      w.text = addSegment(segs, { kind: 'lit', raw: w.plain, value: w.plain });
    }
    if (w.text === '' ) {
      // A character no rule consumed: bash would reject it too.
      throw new LexError(`unexpected ${s[c.pos] ?? 'end of input'}`);
    }
    const word = w.plain;
    if (word !== null && cases[cases.length - 1] === 'head' && word === 'in') {
      out += w.text;
      cases[cases.length - 1] = 'pattern';
      return;
    }
    if (word === 'esac' && cases.length && (atCmd || inPattern)) {
      cases.pop();
      afterCloser = true;
      out += w.text;
      cmdStart = false;
      return;
    }
    if (!atCmd) {
      if (word !== null && NAME_WORD.test(word)) c.stats.poisoned.add(word);
      // `builtin declare x=1`, `command export y=2`: still assignments.
      if (word !== null && DECLARE.has(word)) declArgs = true;
      // `{` and `}` are keywords only in command position (and `}` after done/fi/esac); elsewhere
      // (find -ok rm { } ;) they are words, which bash-parser would misread as keywords.
      if ((word === '{' || word === '}') && !(word === '}' && afterCloser)) out += addSegment(segs, { kind: 'lit', raw: word, value: word });
      else if (afterCloser && (word === 'done' || word === 'fi' || word === 'esac')) {
        // `fi done` is legal bash; bash-parser needs a separator between the two keywords.
        out += ';' + w.text;
        if (word === 'esac') cases.pop();
        else blocks--;
      } else out += w.text;
      if (word === '}' && afterCloser) blocks--;
      afterCloser = word === 'done' || word === 'fi' || word === 'esac' || word === '}';
      return;
    }
    afterCloser = word === 'done' || word === 'fi' || word === '}';
    if (afterCloser) blocks--;
    else if (word !== null && OPENERS.has(word)) blocks++;
    if (word === '!') {
      // `if ! cmd`: bash-parser reads `!` as a command name; negation does not change what runs.
      out += ' ';
      return;
    }
    if (word === 'time' && /^[ \t]*(-p[ \t]+)?(\(|\{[ \t\n]|\[\[|if\b|for\b|while\b|until\b|case\b)/.test(s.slice(c.pos, c.pos + 16))) {
      // `time ( .. )` / `time { ..; }`: the keyword only times what follows; bash-parser rejects it
      // before a compound command, so drop it (a simple command keeps `time` as a wrapper).
      const m = /^[ \t]*(-p[ \t]+)?/.exec(s.slice(c.pos, c.pos + 16));
      c.pos += m?.[0].length ?? 0;
      out += ' ';
      return;
    }
    if (word === 'select') out += 'for';
    else out += w.text;
    // bash-parser misses a keyword right after do/then/else/{ on the same line (`do if ..`): a newline
    // there means the same to bash and makes bash-parser see it.
    if (word !== null && NEWLINE_AFTER.has(word)) out += '\n';
    if (word !== null && KEEP_CMD_START.has(word)) return;
    if (word === 'case') cases.push('head');
    else if (word === 'for' || word === 'select') lexForHead(word === 'select');
    else if (word !== null && DECLARE.has(word)) declArgs = true;
    if (w.assign) return;
    cmdStart = false;
  }

  /** `for ((..))` and `for x; do` (no `in`) -> forms bash-parser reads. */
  function lexForHead(select: boolean): void {
    while (isBlank(s[c.pos])) c.pos++;
    if (s.startsWith('((', c.pos)) {
      const nested: Segment[] = [];
      const start = c.pos; // scanParenBody moves c.pos: the raw text must start at `((`
      const end = scanParenBody(c, c.pos + 2, true, nested);
      if (end < 0) throw new LexError('unterminated for ((');
      const raw = s.slice(start, end);
      // Like ((..)): any name in it may be assigned (i++), so none is folded to an earlier value.
      for (const m of raw.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) c.stats.poisoned.add(m[0]);
      c.pos = end;
      out += ' argent_cfor in ' + addSegment(segs, { kind: 'arith', raw, nested });
      return;
    }
    const name = lexWord(c, segs, false);
    // A `for` variable only ever holds its list's values (loop-vars.ts); select's also takes what
    // the user types (or nothing), so it is plainly unknown.
    if (name.plain && select) c.stats.poisoned.add(name.plain);
    else if (name.plain) c.stats.forVars.set(name.plain, (c.stats.forVars.get(name.plain) ?? 0) + 1);
    out += ' ' + name.text;
    const rest = /^[ \t\n]*(\S+)/.exec(s.slice(c.pos, c.pos + 64));
    if (rest?.[1] !== 'in') {
      // `for x do` is legal bash; bash-parser needs the list separated from `do`.
      const sep = rest?.[1] === 'do' || rest?.[1]?.startsWith('do;') ? ';' : '';
      out += ' in ' + addSegment(segs, { kind: 'param', raw: '"$@"', name: '@', plain: true, nested: [] }) + sep;
    }
  }

  /** [[ .. ]]: its words are read (they may hold substitutions), operators kept as words. */
  function lexDoubleBracket(): Segment {
    const from = c.pos;
    const words: string[] = [];
    c.pos += 2;
    for (;;) {
      while (isBlank(s[c.pos]) || s[c.pos] === '\n' || (s[c.pos] === '\\' && s[c.pos + 1] === '\n')) c.pos += s[c.pos] === '\\' ? 2 : 1;
      if (c.pos >= s.length) throw new LexError('unterminated [[');
      if (s.startsWith(']]', c.pos) && /^[\s;&|)]?$/.test(s[c.pos + 2] ?? '')) {
        c.pos += 2;
        break;
      }
      const op = /^(&&|\|\||[()!<>|&;])/.exec(s.slice(c.pos, c.pos + 2));
      const before = c.pos;
      const w = op ? undefined : lexWord(c, segs, false);
      if (op?.[1]) {
        words.push(op[1]);
        c.pos += op[1].length;
      } else if (w && c.pos > before) words.push(w.text);
      else throw new LexError('unexpected character in [[');
    }
    return { kind: 'dbrack', raw: s.slice(from, c.pos), words };
  }
}

