// Options and operands that name a file a program replaces (`tar -cf OUT`, `wget -O OUT`, `git archive
// -o OUT`, `sponge OUT`): writes, and destructive when OUT already exists. Data, not code: extend the
// table. path-words.ts knows the generic spellings (-o, --output...); this knows each program's own.
import { posix } from 'node:path';
import type { SimpleCommand, Word } from '../parse/types.js';
import type { PathWord } from './path-words.js';

export interface OutputSpec {
  programs: string[];
  /** Leading operands required (git "archive"; git "bundle" "create"). */
  subcommand?: string[];
  /** Options whose value is the output file: `-o F`, `-oF`, `-xo F` (last of a cluster), `--out=F`, `--out F`. */
  options?: string[];
  /** Which operand after the subcommand is the output file (sponge's 0). */
  operand?: number;
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
  { programs: ['tar', 'gtar', 'bsdtar'], options: ['-f', '--file'], whenFlag: ['-c', '--create'] },
  { programs: ['wget'], options: ['-O', '--output-document', '-o', '--output-file'], valueLetters: 'aABDeIilOoPQRTtUwX' },
  {
    programs: ['curl'],
    options: ['-o', '--output', '-D', '--dump-header', '-c', '--cookie-jar', '--trace', '--trace-ascii', '--stderr', '--libcurl'],
    valueLetters: 'AbCcDdEeFHhKmoPQrTtUuwXxYyz',
  },
  { ...git, subcommand: ['archive'], options: ['-o', '--output'] },
  { ...git, subcommand: ['bundle', 'create'], operand: 0 },
  { ...git, subcommand: ['diff'], options: ['--output'] },
  { programs: ['sort'], options: ['-o', '--output'] },
  { programs: ['tsc'], options: ['--outFile', '--out'] },
  { programs: ['gpg', 'gpg2'], options: ['-o', '--output'] },
  { programs: ['openssl'], options: ['-out'] },
  { programs: ['patch', 'iconv', 'pandoc', 'xsltproc', 'base64'], options: ['-o', '--output'] },
  { programs: ['sponge'], operand: 0, unlessFlag: ['-a', '--append'] },
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
  if (spec.programs.includes('tar') && args[0]?.literal && /^[A-Za-z]+$/.test(args[0].text)) args[0] = { ...args[0], text: `-${args[0].text}` };
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
    if (cmd.program === undefined || !spec.programs.includes(cmd.program)) continue;
    const { names, operands, outputs, dirs } = scan(cmd, spec);
    const sub = spec.subcommand ?? [];
    if (!sub.every((s, i) => operands[i]?.text === s)) continue;
    if (spec.whenFlag && !spec.whenFlag.some((f) => names.has(f))) continue;
    if (spec.unlessFlag?.some((f) => names.has(f))) continue;
    for (const w of outputs) if (w.text !== '-') out.push(pathWord(w, dirs)); // `-` is stdout
    const target = spec.operand === undefined ? undefined : operands[sub.length + spec.operand];
    if (target) out.push(pathWord(target, dirs));
  }
  return out;
}
