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
  /** Symlinks the script itself makes, by real location: target text, or null if unknown (planted-links.ts). */
  planted?: Map<string, string | null>;
  /** Set by a walk through a planted link whose target is unknown: the caller judges that word unknown. */
  crossedUnknown?: boolean;
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

function plantedBelow(dir: string, ctx: PathContext): boolean {
  if (!ctx.planted) return false;
  for (const link of ctx.planted.keys()) if (link.startsWith(`${dir}/`)) return true;
  return false;
}

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
    // A link this script makes comes first: it is not on disk yet (or replaces what is).
    const planted = ctx.planted?.get(next);
    if (planted === null || (planted !== undefined && depth >= MAX_LINKS)) {
      ctx.crossedUnknown = true;
      return posix.join(next, ...components.slice(i + 1));
    }
    if (planted !== undefined) {
      cur = walk(planted.startsWith('/') ? '/' : cur, planted.split('/'), ctx, depth + 1);
      continue;
    }
    const cached = ctx.realpaths.get(next);
    if (cached !== undefined) {
      cur = cached;
      continue;
    }
    // Does not exist (yet): nothing below it can be a symlink, the rest is lexical, unless the script
    // plants a link below it (`mkdir d && ln -s /tmp d/t`).
    if (ctx.missing.has(next) && !plantedBelow(next, ctx)) return posix.join(next, ...components.slice(i + 1));
    let resolved = next;
    try {
      if (lstatSync(next).isSymbolicLink()) {
        if (depth >= MAX_LINKS) return next;
        const target = readlinkSync(next);
        resolved = walk(target.startsWith('/') ? '/' : cur, target.split('/'), ctx, depth + 1);
      }
    } catch {
      ctx.missing.add(next);
      if (!plantedBelow(next, ctx)) return posix.join(next, ...components.slice(i + 1));
    }
    if (!ctx.crossedUnknown) ctx.realpaths.set(next, resolved);
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

/**
 * Like resolvePathWord, but the last component is not followed when it is a symlink: where a program
 * that works on the link itself (du, stat, rm, readlink) acts. With a trailing slash, `.` or `..` last,
 * every program follows, so those resolve fully.
 */
export function resolvePathWordNoFollow(word: string, cwd: string, ctx: PathContext): string {
  const expanded = expandTilde(word, ctx);
  const absolute = expanded.startsWith('/') ? expanded : `${cwd}/${expanded}`;
  const slash = absolute.lastIndexOf('/');
  const base = absolute.slice(slash + 1);
  if (base === '' || base === '.' || base === '..' || keepAsWritten.test(absolute)) return resolvePathWord(word, cwd, ctx);
  const dir = realpathLongestPrefix(absolute.slice(0, slash) || '/', ctx);
  return dir === '/' ? `/${base}` : `${dir}/${base}`;
}

/** Containment by path segments, never by string prefix: /tmp allows /tmp/a, not /tmpx. */
export function isInside(path: string, root: string): boolean {
  if (root === '/') return true;
  const r = root.endsWith('/') ? root.slice(0, -1) : root;
  return path === r || path.startsWith(`${r}/`);
}
