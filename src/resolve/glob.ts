// Glob words against the filesystem. A pattern names whatever matches it when the command runs, and a
// match may be a symlink to anywhere (`cat link-*/passwd`, `for f in *; do cat "$f"; done` with a link
// to /etc/passwd in the directory), so each current match is resolved like any other path.
import { readdirSync } from 'node:fs';

const GLOB_CHAR = /[*?[]/;

/** Most directory entries looked at for one word; beyond, the caller judges only the directory. */
export const MAX_GLOB_ENTRIES = 4096;

/** True if the text holds a glob character (quoted ones too: over-matching only adds paths to judge). */
export function hasGlob(text: string): boolean {
  return GLOB_CHAR.test(text);
}

/**
 * One path component as a regular expression, or undefined to match every name (extended globs and
 * [[:class:]] are not translated). Case-insensitive and matching dot files: nocaseglob and dotglob
 * may be on in a session, and matching more only adds paths to judge.
 */
function componentRegex(pattern: string): RegExp | undefined {
  if (/[@!+*?]\(/.test(pattern) || pattern.includes('[:')) return undefined;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      const first = pattern[i + 1] === '!' || pattern[i + 1] === '^' ? i + 2 : i + 1;
      const end = pattern.indexOf(']', first + 1);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      const body = pattern.slice(first, end).replace(/[\\\]^[]/g, '\\$&');
      re += `[${first === i + 2 ? '^' : ''}${body}]`;
      i = end;
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, 'is');
  } catch {
    return undefined;
  }
}

/**
 * The existing paths `pattern` matches below `base` (an absolute directory taken literally), or
 * undefined when more than MAX_GLOB_ENTRIES entries would have to be looked at. `**` is read as `*`
 * (globstar's recursion is not followed).
 */
export function globMatches(base: string, pattern: string): string[] | undefined {
  const comps = pattern.split('/').filter((c) => c !== '' && c !== '.');
  const out: string[] = [];
  let budget = MAX_GLOB_ENTRIES;
  const child = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);
  const visit = (dir: string, i: number): boolean => {
    if (i === comps.length) {
      out.push(dir);
      return true;
    }
    const c = comps[i] as string;
    // `..` stays in the path: after a symlink it climbs from the link's target, as the kernel does.
    if (!hasGlob(c)) return visit(child(dir, c), i + 1);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return true; // not a directory (or unreadable): nothing matches here
    }
    const re = componentRegex(c);
    for (const name of names) {
      if (--budget < 0) return false;
      if (re && !re.test(name)) continue;
      if (!visit(child(dir, name), i + 1)) return false;
    }
    return true;
  };
  return visit(pattern.startsWith('/') ? '/' : base, 0) ? out : undefined;
}
