// A path word to an absolute, normalized, symlink-resolved path: ~, ~user, cwd, . and .., then the
// realpath of the longest prefix that exists (so a symlink inside the project that points out of it
// is judged by where it points).
import { realpathSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** Per-evaluation caches: no module-level state, one of these lives for one evaluate() call. */
export interface PathContext {
  home: string;
  realpaths: Map<string, string>;
  userHomes?: Map<string, string | null>;
}

export function newPathContext(home: string): PathContext {
  return { home, realpaths: new Map() };
}

function userHome(name: string, ctx: PathContext): string | null {
  if (!ctx.userHomes) {
    ctx.userHomes = new Map();
    try {
      for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const fields = line.split(':');
        if (fields.length >= 6 && fields[0]) ctx.userHomes.set(fields[0], fields[5] ?? null);
      }
    } catch {
      // No passwd file: every ~user stays unknown, which the caller treats as a literal word.
    }
  }
  return ctx.userHomes.get(name) ?? null;
}

/** Expands a leading ~ or ~user the way bash does (unknown users stay literal). */
export function expandTilde(word: string, ctx: PathContext): string {
  if (!word.startsWith('~')) return word;
  const slash = word.indexOf('/');
  const user = slash === -1 ? word.slice(1) : word.slice(1, slash);
  const rest = slash === -1 ? '' : word.slice(slash);
  if (user === '') return ctx.home + rest;
  if (user === '+' || user === '-') return word; // $PWD / $OLDPWD: the caller tracks cwd instead
  const home = userHome(user, ctx);
  return home === null ? word : home + rest;
}

/** realpath of the longest existing prefix, with the rest appended (the rest cannot hold symlinks yet). */
export function realpathLongestPrefix(absolute: string, ctx: PathContext): string {
  const cached = ctx.realpaths.get(absolute);
  if (cached !== undefined) return cached;
  let head = absolute;
  const tail: string[] = [];
  let result: string | undefined;
  for (;;) {
    try {
      const real = realpathSync.native(head);
      result = tail.length === 0 ? real : posix.join(real, ...tail.reverse());
      break;
    } catch {
      if (head === '/') {
        result = absolute;
        break;
      }
      tail.push(posix.basename(head));
      head = posix.dirname(head);
    }
  }
  ctx.realpaths.set(absolute, result);
  return result;
}

/** A literal path word, relative to cwd, to its absolute real path. */
export function resolvePathWord(word: string, cwd: string, ctx: PathContext): string {
  const expanded = expandTilde(word, ctx);
  const absolute = posix.resolve(cwd, expanded);
  return realpathLongestPrefix(absolute, ctx);
}

/** Containment by path segments, never by string prefix: /tmp allows /tmp/a, not /tmpx. */
export function isInside(path: string, root: string): boolean {
  if (root === '/') return true;
  const r = root.endsWith('/') ? root.slice(0, -1) : root;
  return path === r || path.startsWith(`${r}/`);
}
