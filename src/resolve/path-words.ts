// Picks the words of one simple command that name files, with how they are accessed. It does not
// touch the filesystem; resolving the words is the caller's job.
import type { SimpleCommand, Word } from '../parse/types.js';
import {
  dataOnlyPrograms,
  dataOperandOptions,
  fileOperandPrograms,
  fileValueOptionExceptions,
  fileValueOptions,
  leadingDataOperands,
  writeOperandPrograms,
} from './path-programs.js';
import { own } from '../util/own.js';
import { underOwnCwd, wrapperFileWords } from './cwd-options.js';
import { embeddedFileWords } from './embedded-files.js';
import { cdArgs } from './cd-args.js';
import { optionListWords } from './option-lists.js';
import { impliedPathWords } from './system-paths.js';
import { variablePathWords } from './env-paths.js';
import { fileUrlPaths, writesUrls } from './file-urls.js';
import { implicitTargetWords } from './implicit-targets.js';

export type AccessKind = 'read' | 'write' | 'cwd';

export interface PathWord {
  /** The word as written. */
  arg: string;
  /** The part of the word that is the path (after "of=", "--out=", "@", "-o"), with \u0000 for unknowns. */
  text: string;
  literal: boolean;
  access: AccessKind;
  unknowns: string[];
  /** A write that replaces the file's content (`>`, tee, cp's target): destructive when the file exists. */
  overwrite?: boolean;
  /** The directory the commands this wrapper runs start in (env -C DIR): see cwd-options.ts. */
  wrappedCwd?: boolean;
  /** An operand the program acts on as it is, a symlink not followed (du, stat, rm): see noFollowOperands. */
  noFollow?: boolean;
}

/**
 * Programs that act on a symlink named on their command line rather than on its target, and the options
 * that make them follow it after all. (ls, cat, cp... follow: they are not here.)
 */
const noFollowOperands: Record<string, string[]> = {
  du: ['-L', '--dereference', '-D', '-H', '--dereference-args'],
  stat: ['-L', '--dereference'],
  readlink: [],
  rm: [],
  unlink: [],
};

/** Of the data options, those whose value is a file to read (grep -f FILE, sed -f SCRIPT). */
const fileDataOptions = new Set(['-f', '--file', '--from-file']);

const interpreters = new Set(['python', 'python3', 'node', 'ruby', 'perl', 'php', 'bash', 'sh', 'dash', 'zsh', 'lua']);
const copyLike = new Set(['cp', 'install', 'rsync', 'scp', 'ln']);
const findDataOptions = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-type', '-xtype', '-perm',
  '-user', '-group', '-uid', '-gid', '-size', '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-maxdepth',
  '-mindepth', '-printf', '-fstype', '-links', '-inum', '-newermt', '-regextype', '-used', '-lname', '-ilname',
]);
const findFileOptions = new Set(['-newer', '-anewer', '-cnewer', '-samefile', '-fprint', '-fprint0', '-fprintf', '-fls', '-files0-from']);
const findWriteOptions = new Set(['-fprint', '-fprint0', '-fprintf', '-fls']);

/** A word that looks like it names a file: absolute, ~, ./, ../, or a relative path with a slash. */
export function looksLikePath(text: string): boolean {
  if (text === '' || text === '-') return false;
  if (text.startsWith('/') || text.startsWith('~') || text === '.' || text === '..') return true;
  if (text.startsWith('./') || text.startsWith('../')) return true;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) return false; // URL
  if (/^[^/\s]+:/.test(text)) return false; // host:path (remote) or key: value
  return text.includes('/') && !/\s/.test(text);
}

function word(w: Word, text: string, access: AccessKind): PathWord {
  return { arg: w.raw, text, literal: w.literal, access, unknowns: w.unknowns ?? [] };
}

/** `name=value` and `@file` forms whose value is a path (dd of=, curl -d @file, make DESTDIR=/x). */
function embeddedPath(w: Word, program: string): PathWord | undefined {
  const eq = /^-{0,2}([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(w.text);
  if (eq && eq[2] !== undefined) {
    let value = eq[2];
    // name=@file and name=<file (curl -F: upload the file, or send its content as the field);
    // `;type=..`/`;filename=..` after the file are curl's field options, not part of the name.
    if (value.startsWith('@') || value.startsWith('<')) value = value.slice(1).replace(/;[A-Za-z]+=[\s\S]*$/, '');
    if (looksLikePath(value)) return word(w, value, program === 'dd' && eq[1] === 'of' ? 'write' : 'read');
  }
  if (w.text.startsWith('@') && looksLikePath(w.text.slice(1))) return word(w, w.text.slice(1), 'read');
  // name@file: curl --data-urlencode / --variable, httpie's field@file send the file's content.
  const at = /^([A-Za-z_][A-Za-z0-9_.-]*)@(.+)$/s.exec(w.text);
  if (at?.[2] && looksLikePath(at[2])) return word(w, at[2], 'read');
  return undefined;
}

function redirectPaths(cmd: SimpleCommand, out: PathWord[]): void {
  for (const r of cmd.redirects) {
    const t = r.target;
    if (r.kind === 'read') out.push(word(t, t.text, 'read'));
    else if (r.kind === 'write') out.push({ ...word(t, t.text, 'write'), overwrite: true });
    else if (r.kind === 'append' || r.kind === 'readwrite') out.push(word(t, t.text, 'write'));
    else if (r.kind === 'dup' && !/^(\d+|-)$/.test(t.text) && (t.literal || looksLikePath(t.text))) {
      out.push(word(t, t.text, 'write')); // `>&file` writes to a file when the target is not an fd number
    }
  }
}

function findPaths(cmd: SimpleCommand, out: PathWord[]): void {
  let inExpression = false;
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (!inExpression && (a.text.startsWith('-') || a.text === '(' || a.text === '!')) inExpression = true;
    if (!inExpression) {
      out.push(word(a, a.text, 'read'));
      continue;
    }
    if (a.text === '-exec' || a.text === '-execdir' || a.text === '-ok' || a.text === '-okdir') {
      while (i < cmd.args.length && cmd.args[i]!.text !== ';' && cmd.args[i]!.text !== '+') i++;
    } else if (findDataOptions.has(a.text)) i++;
    else if (findFileOptions.has(a.text) && cmd.args[i + 1]) {
      out.push(word(cmd.args[i + 1]!, cmd.args[i + 1]!.text, findWriteOptions.has(a.text) ? 'write' : 'read'));
      i++;
    }
  }
}

/** Every word of `cmd` that names a file, with its access kind. `cd`/`pushd` targets are 'cwd'. */
export function pathWords(cmd: SimpleCommand): PathWord[] {
  const out: PathWord[] = [];
  redirectPaths(cmd, out);
  out.push(...variablePathWords(cmd));
  // Files a wrapper's options name, state files a command changes, files inside socat/awk/sed words.
  out.push(...wrapperFileWords(cmd), ...impliedPathWords(cmd), ...embeddedFileWords(cmd), ...implicitTargetWords(cmd));
  out.push(...optionListWords(cmd)); // key=value lists (--mount source=), ffmpeg's concat:
  const program = cmd.program;
  if (program === undefined || dataOnlyPrograms.has(program)) return out;
  if (program === 'find') {
    findPaths(cmd, out);
    return out;
  }
  if (program === 'cd' || program === 'pushd') {
    const { target } = cdArgs(cmd);
    if (target && target.text !== '-' && !/^[+-]\d+$/.test(target.text)) out.push(word(target, target.text, 'cwd'));
    return out;
  }
  const exceptions = own(fileValueOptionExceptions, program) ?? [];
  const dataOptions = own(dataOperandOptions, program) ?? [];
  let leadingData = own(leadingDataOperands, program) ?? 0;
  const operands: Word[] = [];
  let endOfOptions = false;
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    const t = a.text;
    if (!endOfOptions && t === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && t.startsWith('-') && t.length > 1 && a.literal) {
      const eq = t.indexOf('=');
      const name = eq === -1 ? t : t.slice(0, eq);
      const isFileOption = fileValueOptions.has(name) && !exceptions.includes(name);
      if (dataOptions.includes(name)) {
        leadingData = 0; // the pattern/script came through an option, so every operand is a file
        const fromFile = fileDataOptions.has(name);
        const value = eq === -1 ? cmd.args[i + 1] : undefined;
        if (fromFile && eq !== -1) out.push(word(a, t.slice(eq + 1), 'read'));
        if (fromFile && value) out.push(word(value, value.text, 'read'));
        if (eq === -1) i++;
        continue;
      }
      if (eq !== -1) {
        const value = t.slice(eq + 1);
        const output = name.includes('out') || name === '-o';
        const urls = fileUrlPaths(value);
        if (urls.length > 0) for (const u of urls) out.push(word(a, u, output ? 'write' : 'read'));
        else if (isFileOption || looksLikePath(value)) out.push(output ? { ...word(a, value, 'write'), overwrite: true } : word(a, value, 'read'));
      } else if (isFileOption && cmd.args[i + 1]) {
        const v = cmd.args[++i]!;
        const output = name === '-o' || name.includes('out');
        out.push(output ? { ...word(v, v.text, 'write'), overwrite: true } : word(v, v.text, 'read'));
      } else if (!t.startsWith('--') && t.length > 2 && /^[/~]|^\.\.?\//.test(t.slice(2)) && t.slice(2).length > 1) {
        out.push(word(a, t.slice(2), name.startsWith('-o') ? 'write' : 'read')); // -o/path, -I/usr/include
      }
      continue;
    }
    if (leadingData > 0) {
      leadingData--;
      continue;
    }
    operands.push(a);
  }
  const fileProgram = fileOperandPrograms.has(program) || writeOperandPrograms.has(program) || program === 'tar';
  const urlAccess: AccessKind = writeOperandPrograms.has(program) || writesUrls(cmd, program) ? 'write' : 'read';
  operands.forEach((a, index) => {
    const urls = fileUrlPaths(a.text);
    if (urls.length > 0) return void out.push(...urls.map((u) => word(a, u, urlAccess)));
    const embedded = a.literal ? embeddedPath(a, program) : undefined;
    if (embedded) return void out.push(embedded);
    const isFile = interpreters.has(program) ? index === 0 || looksLikePath(a.text) : fileProgram || looksLikePath(a.text);
    if (!isFile) return;
    let access: AccessKind = writeOperandPrograms.has(program) ? 'write' : 'read';
    if (copyLike.has(program) && index < operands.length - 1) access = 'read';
    const overwrite =
      (program === 'tee' && !cmd.args.some((x) => x.text === '-a' || x.text === '--append')) ||
      ((program === 'cp' || program === 'install') && index === operands.length - 1 && index > 0);
    const follows = own(noFollowOperands, program)?.some((f) => cmd.args.some((x) => x.text === f || (f.length === 2 && /^-[A-Za-z]+$/.test(x.text) && x.text.includes(f[1]!))));
    const noFollow = own(noFollowOperands, program) !== undefined && !follows;
    const pw = overwrite ? { ...word(a, a.text, access), overwrite } : word(a, a.text, access);
    out.push(noFollow ? { ...pw, noFollow } : pw);
  });
  return underOwnCwd(cmd, out);
}
