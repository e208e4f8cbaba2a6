// Files named inside a larger word: socat addresses (CREATE:/etc/x, OPEN:/dev/sda,link=/x), and the
// file reads and writes of awk and sed programs (getline < "/etc/shadow", print > "f", sed 'r f',
// 'w f', s///w f). Each becomes a path word judged against allowedPaths like any other.
import { sedScripts } from '../parse/inline-code.js';
import type { SimpleCommand, Word } from '../parse/types.js';
import type { AccessKind, PathWord } from './path-words.js';
import { SQLITE_SHELLS, sqliteWords } from './sqlite-files.js';

/** socat address types whose parameter is a file, and how it is opened. */
const socatFileAddresses: Record<string, AccessKind> = {
  create: 'write', creat: 'write', open: 'write', gopen: 'write', file: 'write', pipe: 'write', fifo: 'write',
  'unix-connect': 'write', 'unix-listen': 'write', 'unix-sendto': 'write', 'unix-recvfrom': 'write', 'unix-recv': 'write',
  'unix-client': 'write', 'abstract-connect': 'read', readline: 'read',
};

/** socat address options whose value is a file. */
const socatFileOptions: Record<string, AccessKind> = {
  link: 'write', lockfile: 'write', waitlock: 'write', 'history-file': 'write', history: 'write',
  cert: 'read', key: 'read', cafile: 'read', capath: 'read', dhparam: 'read', dhparams: 'read', chroot: 'read',
};

function pathWord(w: Word, text: string, access: AccessKind): PathWord {
  // The path part of a word with unknowns keeps its placeholders; resolving judges the known prefix.
  return { arg: w.raw, text, literal: w.literal, access, unknowns: w.unknowns ?? [] };
}

/** socat's two addresses: `TYPE:PARAM,opt=val,...`; a bare path is GOPEN. With -u the first is only read. */
function socatWords(cmd: SimpleCommand): PathWord[] {
  const out: PathWord[] = [];
  const addresses = cmd.args.filter((a) => !/^-[A-Za-z]/.test(a.text));
  const oneWay = cmd.args.some((a) => a.text === '-u') ? 0 : cmd.args.some((a) => a.text === '-U') ? 1 : -1;
  addresses.forEach((a, index) => {
    const [head = '', ...options] = a.text.split(',');
    const colon = head.indexOf(':');
    const type = colon === -1 ? '' : head.slice(0, colon).toLowerCase();
    const readOnly = index === oneWay;
    const access = socatFileAddresses[type];
    if (access) out.push(pathWord(a, head.slice(colon + 1), readOnly ? 'read' : access));
    else if (colon === -1 && head.includes('/')) out.push(pathWord(a, head, readOnly ? 'read' : 'write'));
    for (const o of options) {
      const eq = o.indexOf('=');
      const optionAccess = eq === -1 ? undefined : socatFileOptions[o.slice(0, eq).toLowerCase()];
      if (optionAccess) out.push(pathWord(a, o.slice(eq + 1), optionAccess));
    }
  });
  return out;
}

/** awk options that take a value; -f/-E name a program file, so there is no inline program. */
const awkValueOptions = new Set(['-F', '-v', '--assign', '--field-separator', '-i', '--include', '-l', '--load']);

/** The inline program of an awk invocation (gawk -i inplace PROG: the -i value is no program). */
function awkProgram(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '--') return args[i + 1];
    if (/^(-f|-E|--file|--exec)/.test(t)) return undefined;
    if (awkValueOptions.has(t)) i++;
    else if (!t.startsWith('-') || t === '-') return args[i];
  }
  return undefined;
}

/** awk: `getline < "f"` reads f; `print > "f"`, `>> "f"` write it. A file given by an expression is unknown. */
function awkWords(cmd: SimpleCommand): PathWord[] {
  const prog = awkProgram(cmd.args);
  if (!prog?.literal) return [];
  const out: PathWord[] = [];
  const io = /(getline\b[^<;{}\n|]*<|\bprintf?\b[^;{}\n]*?>>?)\s*("((?:[^"\\\n]|\\.)*)"|[^\s;{})]+)?/g;
  for (const m of prog.text.matchAll(io)) {
    const access: AccessKind = m[1]!.startsWith('getline') ? 'read' : 'write';
    // SECURITY: `getline < file` with file a variable (-v file=/etc/shadow) reads what it holds.
    if (m[3] !== undefined) out.push(pathWord(prog, m[3], access));
    else out.push({ arg: prog.raw, text: '\u0000', literal: false, access, unknowns: [`awk expression ${m[2] ?? ''}`.trim()] });
  }
  return out;
}

const sedAddress = /^\s*(\d+(~\d+)?|\$|\/(?:[^/\\\n]|\\.)*\/[IM]*|\\(.)(?:(?!\4)[^\\\n]|\\.)*\4[IM]*)(\s*,\s*(\d+|\$|\/(?:[^/\\\n]|\\.)*\/[IM]*|[+~]\d+))?\s*!?\s*/;

/** The file commands of one sed script: `r F`, `R F` read F; `w F`, `W F`, `s///w F` write it (to the end of the line). */
function sedFiles(script: string): Array<{ file: string; access: AccessKind }> {
  const out: Array<{ file: string; access: AccessKind }> = [];
  let i = 0;
  const restOfLine = (): string => {
    const eol = script.indexOf('\n', i);
    const text = script.slice(i, eol === -1 ? script.length : eol);
    i = eol === -1 ? script.length : eol;
    return text.trim();
  };
  while (i < script.length) {
    while (i < script.length && /[\s;{}]/.test(script[i]!)) i++;
    i += sedAddress.exec(script.slice(i))?.[0].length ?? 0;
    const c = script[i++];
    if (c === undefined) break;
    if ('rRwW'.includes(c)) out.push({ file: restOfLine(), access: c === 'r' || c === 'R' ? 'read' : 'write' });
    else if (c === 's' || c === 'y') {
      const d = script[i++];
      for (let part = 0; part < 2 && d !== undefined; part++) {
        while (i < script.length && script[i] !== d) i += script[i] === '\\' ? 2 : 1;
        i++;
      }
      const flags = /^[gpIiMme0-9]*/.exec(script.slice(i))![0];
      i += flags.length;
      if (c === 's' && script[i] === 'w') {
        i++;
        out.push({ file: restOfLine(), access: 'write' });
      }
    } else if ('aicebtT:#'.includes(c)) {
      // Text, labels, comments and e's command run to the end of the line (b/t/T labels also to ;).
      const eol = script.indexOf('\n', i);
      const semi = 'btT'.includes(c) ? script.indexOf(';', i) : -1;
      const ends = [eol, semi].filter((x) => x >= 0);
      i = ends.length ? Math.min(...ends) : script.length;
    }
  }
  return out.filter((f) => f.file !== '' && f.file !== '/dev/stdout' && f.file !== '/dev/stderr');
}

function sedWords(cmd: SimpleCommand): PathWord[] {
  return (sedScripts(cmd.args) ?? []).filter((s) => s.literal).flatMap((s) => sedFiles(s.text).map((f) => pathWord(s, f.file, f.access)));
}

const AWKS = new Set(['awk', 'gawk', 'mawk', 'nawk']);

/** The files named inside a command's words (socat addresses, awk and sed programs). */
export function embeddedFileWords(cmd: SimpleCommand): PathWord[] {
  const p = cmd.program ?? '';
  if (p === 'socat') return socatWords(cmd);
  if (AWKS.has(p)) return awkWords(cmd);
  if (p === 'sed' || p === 'gsed') return sedWords(cmd);
  if (SQLITE_SHELLS.has(p)) return sqliteWords(cmd);
  return [];
}
