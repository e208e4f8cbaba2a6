// A path word to an absolute path the way the kernel would walk it: ~ and ~user expanded, then
// component by component from the cwd, following every symlink where it stands, so `..` after a
// symlink climbs from the link's target (physically), and a dangling link is judged by its target.
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';

/** Per-evaluation caches: no module-level state, one of these lives for one evaluate() call. */
export interface PathContext {
  home: string;
  /** Resolved real path of each absolute prefix already walked. */
  realpaths: Map<string, string>;
  /** Absolute prefixes found missing (most paths in a command line name files still to be made). */
  missing: Set<string>;
  userHomes?: Map<string, string | null>;
}

export function newPathContext(home: string): PathContext {
  return { home, realpaths: new Map(), missing: new Set() };
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

const MAX_LINKS = 40; // the kernel's own limit (ELOOP)

/** Walks `components` from the real directory `start`, following symlinks as the kernel does. */
function walk(start: string, components: string[], ctx: PathContext, depth: number): string {
  let cur = start;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      cur = posix.dirname(cur);
      continue;
    }
    const next = cur === '/' ? `/${c}` : `${cur}/${c}`;
    const cached = ctx.realpaths.get(next);
    if (cached !== undefined) {
      cur = cached;
      continue;
    }
    // Does not exist (yet): nothing below it can be a symlink, the rest is lexical.
    if (ctx.missing.has(next)) return posix.join(next, ...components.slice(i + 1));
    let resolved = next;
    try {
      if (lstatSync(next).isSymbolicLink()) {
        if (depth >= MAX_LINKS) return next;
        const target = readlinkSync(next);
        resolved = walk(target.startsWith('/') ? '/' : cur, target.split('/'), ctx, depth + 1);
      }
    } catch {
      ctx.missing.add(next);
      return posix.join(next, ...components.slice(i + 1));
    }
    ctx.realpaths.set(next, resolved);
    cur = resolved;
  }
  return cur;
}

/** An absolute path to where the kernel would land, resolving symlinks; missing parts stay lexical. */
export function realpathLongestPrefix(absolute: string, ctx: PathContext): string {
  return walk('/', absolute.split('/'), ctx, 0);
}

/** Device names that must not be resolved: /dev/fd/N points at /proc/<this process>/fd/N. */
const keepAsWritten = /^\/(dev\/(fd\/\d+|stdin|stdout|stderr)|proc\/self\/fd\/\d+)$/;

/** A literal path word, relative to cwd, to its absolute real path. */
export function resolvePathWord(word: string, cwd: string, ctx: PathContext): string {
  const expanded = expandTilde(word, ctx);
  if (keepAsWritten.test(expanded)) return expanded;
  const absolute = expanded.startsWith('/') ? expanded : `${cwd}/${expanded}`;
  return realpathLongestPrefix(absolute, ctx);
}

/** Containment by path segments, never by string prefix: /tmp allows /tmp/a, not /tmpx. */
export function isInside(path: string, root: string): boolean {
  if (root === '/') return true;
  const r = root.endsWith('/') ? root.slice(0, -1) : root;
  return path === r || path.startsWith(`${r}/`);
}
