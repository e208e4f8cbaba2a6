// Options that move where a command works or name a file the wrapper itself opens: `env -C DIR cmd`
// (cmd's relative paths are under DIR), `git -C DIR`, `make -C DIR`, `tar -C DIR` (the program's own
// relative paths are), `xargs -a FILE` (read). Data, not code: extend the tables.
import { posix } from 'node:path';
import type { SimpleCommand, Word } from '../parse/types.js';
import { expandTilde, resolvePathWord, type PathContext } from './expand-path.js';
import type { AccessKind, PathWord } from './path-words.js';

interface WrapperOptions {
  /** Options that take a value (to find where the wrapped command starts). */
  values: string[];
  /** Options whose value is a file or directory: `cwd` is the directory the wrapped command runs in. */
  files: Record<string, AccessKind>;
  /** NAME=value words may come before the command. */
  assignments?: boolean;
}

/** Wrappers (commands that run another) and their own file options. */
export const wrapperOptions: Record<string, WrapperOptions> = {
  env: { values: ['-u', '--unset', '-S', '--split-string', '-a', '--argv0', '-P'], files: { '-C': 'cwd', '--chdir': 'cwd' }, assignments: true },
  sudo: { values: ['-u', '--user', '-g', '--group', '-p', '--prompt', '-C', '--close-from', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout', '-h', '--host'], files: { '-D': 'cwd', '--chdir': 'cwd', '-R': 'read', '--chroot': 'read' }, assignments: true },
  'systemd-run': { values: ['-u', '--unit', '-p', '--property', '-E', '--setenv', '--uid', '--gid', '--description', '--slice', '-M', '--machine', '-H', '--host', '-s', '--service-type', '--nice'], files: { '--working-directory': 'cwd' } },
  unshare: { values: ['-S', '--setuid', '-G', '--setgid', '--propagation', '--setgroups', '--map-user', '--map-group', '--map-users', '--map-groups'], files: { '-w': 'cwd', '--wd': 'cwd', '-R': 'read', '--root': 'read' } },
  xargs: { values: ['-d', '--delimiter', '-E', '-e', '-I', '-L', '-l', '--max-lines', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'], files: { '-a': 'read', '--arg-file': 'read' } },
  parallel: { values: ['-j', '--jobs', '-S', '--sshlogin', '-I', '--colsep', '-d', '--delimiter', '-E', '-n', '--max-args', '-N', '-L', '--timeout', '--delay', '--env'], files: { '-a': 'read', '--arg-file': 'read', '--joblog': 'write', '--results': 'write', '--tmpdir': 'write', '--sshloginfile': 'read', '--basefile': 'read', '--workdir': 'read' } },
  time: { values: ['-f', '--format'], files: { '-o': 'write', '--output': 'write' } },
};

/** Programs whose own relative paths are taken from a -C DIR; positional: only the words after it (tar). */
export const ownCwdOptions: Record<string, { options: string[]; positional?: boolean }> = {
  git: { options: ['-C'] },
  make: { options: ['-C', '--directory'] },
  gmake: { options: ['-C', '--directory'] },
  ninja: { options: ['-C'] },
  go: { options: ['-C'] },
  cargo: { options: ['-C'] },
  meson: { options: ['-C'] },
  pnpm: { options: ['-C', '--dir'] },
  yarn: { options: ['--cwd'] },
  npm: { options: ['--prefix'] },
  uv: { options: ['--directory'] },
  poetry: { options: ['-C', '--directory'] },
  terraform: { options: ['-chdir'] },
  tar: { options: ['-C', '--directory'], positional: true },
  gtar: { options: ['-C', '--directory'], positional: true },
  bsdtar: { options: ['-C', '--directory'], positional: true },
};

/** A wrapper's file options, up to the command it runs. `cwd` ones are marked `wrappedCwd`. */
export function wrapperFileWords(cmd: SimpleCommand): PathWord[] {
  const spec = cmd.program === undefined ? undefined : Object.hasOwn(wrapperOptions, cmd.program) ? wrapperOptions[cmd.program] : undefined;
  if (!spec) return [];
  const out: PathWord[] = [];
  const push = (w: Word, text: string, access: AccessKind): void => {
    const word: PathWord = { arg: w.raw, text, literal: w.literal, access: access === 'cwd' ? 'read' : access, unknowns: w.unknowns ?? [] };
    out.push(access === 'cwd' ? { ...word, wrappedCwd: true } : word);
  };
  // parallel :::: FILE... takes its inputs from the files named after it.
  if (cmd.program === 'parallel') {
    let files = false;
    for (const a of cmd.args) {
      if (/^:::/.test(a.text)) files = /^::::\+?$/.test(a.text);
      else if (files) push(a, a.text, 'read');
    }
  }
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    const t = a.text;
    if (t === '--' || (!t.startsWith('-') && !(spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)))) break;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq === -1 ? t : t.slice(0, eq);
      const access = Object.hasOwn(spec.files, name) ? spec.files[name] : undefined;
      const value = eq !== -1 ? t.slice(eq + 1) : access || spec.values.includes(name) ? cmd.args[++i]?.text : undefined;
      if (access && value !== undefined) push(eq !== -1 ? a : cmd.args[i]!, value, access);
      continue;
    }
    // A cluster of short options: the first that takes a value takes the rest of the word or the next one.
    for (let k = 1; k < t.length; k++) {
      const name = `-${t[k]}`;
      const access = Object.hasOwn(spec.files, name) ? spec.files[name] : undefined;
      if (!access && !spec.values.includes(name)) continue;
      const attached = k + 1 < t.length;
      const w = attached ? a : cmd.args[++i];
      if (access && w) push(w, attached ? t.slice(k + 1) : w.text, access);
      break;
    }
  }
  return out;
}

/** The program's own relative path words, read from its -C directories as the program will. */
export function underOwnCwd(cmd: SimpleCommand, words: PathWord[]): PathWord[] {
  const spec = cmd.program === undefined ? undefined : Object.hasOwn(ownCwdOptions, cmd.program) ? ownCwdOptions[cmd.program] : undefined;
  if (!spec) return words;
  const dirs: Word[] = [];
  cmd.args.forEach((a, i) => {
    const name = a.text.split('=')[0]!;
    if (!spec.options.includes(name)) return;
    const value = a.text.includes('=') ? { ...a, text: a.text.slice(a.text.indexOf('=') + 1) } : cmd.args[i + 1];
    if (value) dirs.push(value);
  });
  if (dirs.length === 0) return words;
  const relative = (text: string): boolean => !text.startsWith('/') && !text.startsWith('~');
  // Each -C is relative to the one before it.
  const prefixes: Array<{ text: string; literal: boolean; unknowns: string[] }> = [];
  for (const d of dirs) {
    const prev = prefixes.at(-1);
    const text = prev && relative(d.text) ? `${prev.text}/${d.text}` : d.text;
    prefixes.push({ text, literal: d.literal && (prev?.literal ?? true), unknowns: [...(prev?.unknowns ?? []), ...(d.unknowns ?? [])] });
  }
  const out: PathWord[] = [];
  for (const w of words) {
    const dir = dirs.findIndex((d) => d.raw === w.arg || d.text === w.text);
    if (!relative(w.text) || w.access === 'cwd' || dir === 0) {
      out.push(w);
      continue;
    }
    if (dir > 0) {
      // A later -C DIR is itself under the ones before it.
      out.push({ ...w, text: prefixes[dir]!.text, literal: prefixes[dir]!.literal, unknowns: prefixes[dir]!.unknowns });
      continue;
    }
    // A positional -C (tar) applies only to what follows it: the word is judged from every place it may be read.
    if (spec.positional) out.push(w);
    for (const p of spec.positional ? prefixes : prefixes.slice(-1)) {
      out.push({ ...w, text: `${p.text}/${w.text}`, literal: w.literal && p.literal, unknowns: [...p.unknowns, ...w.unknowns] });
    }
  }
  return out;
}

/**
 * The cwd of the commands a wrapper runs (`env -C DIR sh -c '...'`): set after the wrapper, in force
 * for the commands reported under it (their `via` extends the wrapper's), and undone after them.
 */
export class WrappedCwds {
  private scopes: Array<{ via: string[]; saved: string[] }> = [];

  /** The cwds `cmd` runs in: the saved ones again once past the commands the wrapper runs. */
  enter(cmd: SimpleCommand, cwds: string[]): string[] {
    let current = cwds;
    for (let top = this.scopes.at(-1); top && !top.via.every((v, i) => cmd.via[i] === v); top = this.scopes.at(-1)) {
      current = top.saved;
      this.scopes.pop();
    }
    return current;
  }

  /** After a wrapper with a literal cwd option: the commands it runs start there. */
  open(cmd: SimpleCommand, words: PathWord[], cwds: string[], ctx: PathContext): string[] {
    const dirs = words.filter((w) => w.wrappedCwd && w.literal);
    if (dirs.length === 0 || cmd.program === undefined) return cwds;
    let next = cwds;
    for (const d of dirs) next = [...new Set(next.map((c) => resolvePathWord(posix.resolve(c, expandTilde(d.text, ctx)), '/', ctx)))];
    this.scopes.push({ via: [...cmd.via, cmd.program], saved: cwds });
    return next;
  }
}
