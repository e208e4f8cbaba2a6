// Files the sqlite3 shell (and duckdb, which copies its dot-commands) opens because of the text it is
// given as operands or -cmd values: dot-commands (.output /etc/x, .backup, .read, .import, .open...)
// and SQL (ATTACH 'f', VACUUM INTO 'f', readfile('f'), writefile('f', ..)). Each becomes a path word
// judged against allowedPaths. Dot-commands that run a shell (.shell, .output '|cmd') are code:
// policy/code-options.ts.
import type { SimpleCommand, Word } from '../parse/types.js';
import { UNKNOWN } from '../parse/words.js';
import type { AccessKind, PathWord } from './path-words.js';

export const SQLITE_SHELLS = new Set(['sqlite3', 'sqlite', 'duckdb']);

/** Dot-commands that name a file: its access, and which argument it is (the last one, or the first). */
const DOT_FILES: Record<string, { access: AccessKind; first?: boolean; keywords?: string[] }> = {
  backup: { access: 'write' },
  save: { access: 'write' },
  clone: { access: 'write' },
  output: { access: 'write' },
  once: { access: 'write' },
  log: { access: 'write', keywords: ['on', 'off', 'stdout', 'stderr'] },
  open: { access: 'write' }, // creates the database when missing
  read: { access: 'read' },
  restore: { access: 'read' },
  import: { access: 'read', first: true },
  cd: { access: 'read' },
};

/** Dot-command options that take a value (.open --maxsize N, .import --skip N --schema S). */
const VALUE_OPTIONS = new Set(['--maxsize', '--skip', '--schema']);

/** SQL that names a file in a string literal; group 2 is the name. */
const SQL_FILES: Array<{ re: RegExp; access: AccessKind }> = [
  { re: /\b(readfile|fsdir|lsdir|zipfile)\s*\(\s*'([^']*)'/gi, access: 'read' },
  { re: /\b(writefile)\s*\(\s*'([^']*)'/gi, access: 'write' },
  { re: /\b(attach)\s+(?:database\s+)?'([^']*)'/gi, access: 'write' },
  { re: /\b(vacuum)\s+(?:[A-Za-z_]\w*\s+)?into\s+'([^']*)'/gi, access: 'write' },
];
/** The same functions with anything but a string literal: the file is only known at run time. */
const SQL_DYNAMIC = /\b(readfile|writefile|fsdir|lsdir|zipfile)\s*\(\s*(?!')/i;

/** sqlite's argument splitting for dot-commands: blanks separate, quotes group. */
function tokens(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'?|"((?:[^"\\]|\\.)*)"?|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

function pathWord(w: Word, text: string, access: AccessKind): PathWord {
  return { arg: w.raw, text, literal: w.literal, access, unknowns: w.unknowns ?? [] };
}

/** The files one word of sqlite text names. `moved`: a .cd came before, so relative names are unknown. */
function wordFiles(w: Word, state: { moved: boolean }, out: PathWord[]): void {
  const add = (text: string, access: AccessKind): void => {
    if (text === '' || text.startsWith('|')) return; // a pipe is code (code-options.ts)
    // SECURITY: after .cd DIR a relative name is under DIR, which this check does not follow.
    const shown = state.moved && !text.startsWith('/') && !text.startsWith('~') ? `${UNKNOWN}/${text}` : text;
    out.push(shown === text ? pathWord(w, text, access) : { ...pathWord(w, shown, access), literal: false, unknowns: [...(w.unknowns ?? []), '.cd'] });
  };
  for (const line of w.text.split(/\n|;(?=\s*\.)/)) {
    const dot = /^\s*\.([a-z]+)\b(.*)$/s.exec(line);
    const spec = dot?.[1] !== undefined && Object.hasOwn(DOT_FILES, dot[1]) ? DOT_FILES[dot[1]] : undefined;
    if (dot && spec) {
      const args: string[] = [];
      const all = tokens(dot[2] ?? '');
      for (let i = 0; i < all.length; i++) {
        const t = all[i] as string;
        if (VALUE_OPTIONS.has(t)) i++;
        else if (!t.startsWith('-')) args.push(t);
      }
      const file = spec.first ? args[0] : args[args.length - 1];
      if (file !== undefined && !(spec.keywords ?? []).includes(file)) add(file, spec.access);
      if (dot[1] === 'cd') state.moved = true;
      continue;
    }
    for (const { re, access } of SQL_FILES) for (const m of line.matchAll(re)) add(m[2] ?? '', access);
    if (SQL_DYNAMIC.test(line)) out.push({ ...pathWord(w, UNKNOWN, 'write'), literal: false, unknowns: [...(w.unknowns ?? []), 'a file named in SQL at run time'] });
  }
}

/** The files a sqlite3/duckdb command's operands and -cmd values name. */
export function sqliteWords(cmd: SimpleCommand): PathWord[] {
  const out: PathWord[] = [];
  const state = { moved: false };
  // Every word: the database name never starts with a dot-command or holds these SQL forms.
  for (const a of cmd.args) wordFiles(a, state, out);
  return out;
}
