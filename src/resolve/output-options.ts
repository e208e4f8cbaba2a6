// Options and operands that name a file a program replaces (`tar -cf OUT`, `wget -O OUT`, `git archive
// -o OUT`, `sponge OUT`): writes, and destructive when OUT already exists. Data, not code: extend the
// table. path-words.ts knows the generic spellings (-o, --output...); this knows each program's own.
import { posix } from 'node:path';
import type { SimpleCommand, Word } from '../parse/types.js';
import type { PathWord } from './path-words.js';

export interface OutputSpec {
  /** Program names; '*' for options every program that has them means as an output file. */
  programs: string[];
  /** Leading operands required (git "archive"; git "bundle" "create"). */
  subcommand?: string[];
  /** Options whose value is the output file: `-o F`, `-oF`, `-xo F` (last of a cluster), `--out=F`, `--out F`. */
  options?: string[];
  /** Which operand after the subcommand is the output file (sponge's 0, uniq's 1). */
  operand?: number;
  /** The last of two or more operands is the output (rsync SRC... DEST). */
  lastOperand?: boolean;
  /** The first word may be a bundle of option letters without a dash (`tar czf OUT dir`, `jar cf OUT`). */
  bundledFirst?: boolean;
  /** Options that save each URL operand under its own basename in the cwd (`curl -O URL/README.md`). */
  remoteName?: string[];
  /** With one of these, the saved name comes from the server (curl -OJ): unknown. */
  serverName?: string[];
  /** Only in this mode: tar replaces its -f archive when creating, reads it when listing or extracting. */
  whenFlag?: string[];
  /** Not with these options (sponge -a appends). */
  unlessFlag?: string[];
  /** Options that take the next word as a value before the operands (git -C DIR), so it is no operand. */
  valueOptions?: string[];
  /** Short options that take a value: the rest of a cluster after one is its value (`curl -XDELETE`). */
  valueLetters?: string;
  /** An option that changes directory first, so a relative output is below it (`git -C sub archive -o x`). */
  cwdOption?: string;
}

const gitGlobals = ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--exec-path'];
const git = { programs: ['git'], valueOptions: gitGlobals, cwdOption: '-C' };

export const outputSpecs: OutputSpec[] = [
  { programs: ['*'], options: ['--out-file', '--outFile', '--output-file', '--outfile'] },
  { programs: ['tar', 'gtar', 'bsdtar'], options: ['-f', '--file'], whenFlag: ['-c', '--create'], bundledFirst: true },
  { programs: ['jar'], options: ['-f', '--file'], whenFlag: ['-c', '--create'], bundledFirst: true },
  { programs: ['wget'], options: ['-O', '--output-document', '-o', '--output-file'], valueLetters: 'aABDeIilOoPQRTtUwX' },
  {
    programs: ['curl'],
    options: ['-o', '--output', '-D', '--dump-header', '-c', '--cookie-jar', '--trace', '--trace-ascii', '--stderr', '--libcurl'],
    valueLetters: 'AbCcDdEeFHhKmoPQrTtUuwXxYyz',
    remoteName: ['-O', '--remote-name', '--remote-name-all'],
    serverName: ['-J', '--remote-header-name'],
  },
  { ...git, subcommand: ['archive'], options: ['-o', '--output'] },
  { ...git, subcommand: ['bundle', 'create'], operand: 0 },
  { ...git, options: ['--output'] }, // a diff option: git diff/log/show --output=F
  { programs: ['sort'], options: ['-o', '--output'] },
  { programs: ['tsc'], options: ['--out'] },
  { programs: ['gpg', 'gpg2'], options: ['-o', '--output'] },
  { programs: ['openssl'], options: ['-out'] },
  { programs: ['patch', 'iconv', 'pandoc', 'xsltproc', 'base64'], options: ['-o', '--output'] },
  { programs: ['sponge'], operand: 0, unlessFlag: ['-a', '--append'] },
  { programs: ['uniq'], operand: 1, valueOptions: ['-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars'] },
  { programs: ['xxd'], operand: 1, valueOptions: ['-c', '-g', '-l', '-s', '-o', '-n', '-cols', '-groupsize', '-len', '-seek', '-offset', '-name'] },
  { programs: ['rsync'], lastOperand: true, valueLetters: 'eBfTM', valueOptions: ['--exclude', '--include', '--filter', '--rsh', '--files-from', '--exclude-from', '--include-from', '--chmod', '--chown', '--log-file', '--temp-dir', '--partial-dir', '--backup-dir', '--link-dest', '--compare-dest', '--copy-dest', '--suffix', '--password-file', '--out-format', '--rsync-path', '--port', '--timeout', '--bwlimit', '--max-size', '--min-size'] },
  { programs: ['scp'], lastOperand: true, valueLetters: 'cFiJlloPS' },
  { programs: ['script'], operand: 0, unlessFlag: ['-a', '--append'], options: ['-O', '--log-out', '-B', '--log-io', '-I', '--log-in', '-T', '--log-timing'], valueOptions: ['-c', '--command', '-E', '--echo', '-m', '--logging-format'] },
];

/** Short options this spec knows (`-O`), as letters, for reading clusters like `-qO`. */
function shortLetters(spec: OutputSpec): string {
  return (spec.options ?? []).filter((o) => /^-[A-Za-z]$/.test(o)).map((o) => o[1]).join('');
}

/** The words of `cmd` with options and their values set apart: which option names appear, and the operands. */
function scan(cmd: SimpleCommand, spec: OutputSpec): { names: Set<string>; operands: Word[]; outputs: Word[]; dirs: Word[] } {
  const names = new Set<string>();
  const operands: Word[] = [];
  const outputs: Word[] = [];
  const dirs: Word[] = [];
  const options = spec.options ?? [];
  const letters = shortLetters(spec);
  const args = [...cmd.args];
  // tar's old style: `tar czf OUT dir` is `tar -czf OUT dir`.
  if (spec.bundledFirst && args[0]?.literal && /^[A-Za-z]+$/.test(args[0].text)) args[0] = { ...args[0], text: `-${args[0].text}` };
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (endOfOptions || !a.literal || !t.startsWith('-') || t === '-') {
      if (t === '--' && !endOfOptions) endOfOptions = true;
      else operands.push(a);
      continue;
    }
    if (t === '--') {
      endOfOptions = true;
      continue;
    }
    const eq = t.indexOf('=');
    const name = eq === -1 ? t : t.slice(0, eq);
    names.add(name);
    if (options.includes(name) && (name.startsWith('--') || (name.length > 2 && !/^-[A-Za-z]$/.test(name)))) {
      // --output=F, --output F, openssl's -out F
      if (eq !== -1) outputs.push({ ...a, text: t.slice(eq + 1) });
      else if (args[i + 1]) outputs.push(args[++i]!);
      continue;
    }
    if (t.startsWith('--')) {
      if (eq === -1 && (spec.valueOptions ?? []).includes(t)) i++;
      continue;
    }
    if ((spec.valueOptions ?? []).includes(t)) {
      if (t === spec.cwdOption && args[i + 1]) dirs.push(args[i + 1]!);
      i++;
      continue;
    }
    // A cluster: every letter is an option; the first output letter takes the rest or the next word.
    for (let k = 1; k < t.length; k++) {
      names.add(`-${t[k]}`);
      const output = letters.includes(t[k]!);
      if (!output && !(spec.valueLetters ?? '').includes(t[k]!)) continue;
      const rest = t.slice(k + 1);
      const value = rest !== '' ? { ...a, text: rest } : args[i + 1];
      if (rest === '') i++;
      if (output && value) outputs.push(value);
      break;
    }
  }
  return { names, operands, outputs, dirs };
}

/** The file name curl -O saves a URL under (its last path segment), undefined if unknown, null if not a URL. */
function remoteName(url: Word): string | undefined | null {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/.exec(url.text);
  if (!m) return url.literal ? null : undefined;
  if (!url.literal) return undefined;
  const name = (m[1] ?? '').split('/').pop() ?? '';
  return name === '' || name === '.' || name === '..' ? null : name;
}

/** The output word as a write path, below the directories `-C` moved to first. */
function pathWord(w: Word, dirs: Word[]): PathWord {
  let text = w.text;
  let literal = w.literal;
  const unknowns = [...(w.unknowns ?? [])];
  for (const d of [...dirs].reverse()) {
    if (text.startsWith('/')) break;
    // SECURITY: an unknown -C directory makes a relative output unknown, not relative to the cwd.
    text = d.literal ? posix.join(d.text, text) : `\u0000/${text}`;
    if (!d.literal) unknowns.push(d.raw);
    literal &&= d.literal;
  }
  return { arg: w.raw, text, literal, access: 'write', unknowns, overwrite: true };
}

/** The files `cmd` replaces through its program's own output options and operands. */
export function outputWords(cmd: SimpleCommand): PathWord[] {
  const out: PathWord[] = [];
  for (const spec of outputSpecs) {
    if (cmd.program === undefined || !(spec.programs.includes(cmd.program) || spec.programs.includes('*'))) continue;
    const { names, operands, outputs, dirs } = scan(cmd, spec);
    const sub = spec.subcommand ?? [];
    if (!sub.every((s, i) => operands[i]?.text === s)) continue;
    if (spec.whenFlag && !spec.whenFlag.some((f) => names.has(f))) continue;
    if (spec.unlessFlag?.some((f) => names.has(f))) continue;
    for (const w of outputs) if (w.text !== '-') out.push(pathWord(w, dirs)); // `-` is stdout
    const rest = operands.slice(sub.length);
    const target = spec.operand !== undefined ? rest[spec.operand] : spec.lastOperand && rest.length > 1 ? rest[rest.length - 1] : undefined;
    // host:path and URLs are remote.
    if (target && !/^[^/]*:/.test(target.text)) out.push(pathWord(target, dirs));
    if (spec.remoteName?.some((f) => names.has(f))) {
      // SECURITY: -J takes the name from the server, which may be any file in the cwd.
      const fromServer = spec.serverName?.some((f) => names.has(f)) === true;
      for (const url of rest) {
        const name = remoteName(url);
        if (name !== null) out.push(pathWord(fromServer || name === undefined ? { ...url, literal: false, text: '\u0000', unknowns: [url.raw] } : { ...url, text: name }, dirs));
      }
    }
  }
  // Two rows may name the same word (tsc --outFile is also the catch-all's): once is enough.
  const unique = new Map<string, PathWord>();
  for (const w of out) if (!unique.has(`${w.arg}\u0000${w.text}`)) unique.set(`${w.arg}\u0000${w.text}`, w);
  return [...unique.values()];
}
