// allowedPaths entries to absolute, symlink-resolved roots, and the path rules built on them.
import { posix } from 'node:path';
import { isInside, newPathContext, realpathLongestPrefix } from '../resolve/expand-path.js';
import type { ResolvedPath } from '../resolve/index.js';
import { isHarmlessDevice } from '../resolve/path-programs.js';
import type { PathAccess, RuleMatch } from './types.js';

export interface AllowedRoot {
  entry: string;
  index: number;
  root: string;
}

/** Expands ${WORKDIR} and ~, then resolves symlinks, so containment compares real paths. */
/** A word as the command wrote it, in quotes unless it already is quoted ("$f.bak", not ""$f.bak""). */
export function asWritten(arg: string): string {
  return /^["']/.test(arg) ? arg : `"${arg}"`;
}

export function expandAllowedPaths(entries: string[], workdir: string, home: string): AllowedRoot[] {
  const ctx = newPathContext(home);
  return entries.map((entry, index) => {
    let p = entry.replace(/^\$\{WORKDIR\}/, workdir);
    if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
    return { entry, index, root: realpathLongestPrefix(posix.resolve('/', p), ctx) };
  });
}

const verbs: Record<ResolvedPath['access'], string> = { read: 'reads', write: 'writes', cwd: 'changes directory to' };

/** Judges every resolved path against the roots; returns the path list and the rules it triggered. */
export function checkPaths(
  paths: ResolvedPath[],
  roots: AllowedRoot[] | undefined,
  keyBase: string,
): { accesses: PathAccess[]; rules: RuleMatch[] } {
  const accesses: PathAccess[] = [];
  const rules: RuleMatch[] = [];
  const list = roots?.map((r) => r.entry).join(', ') ?? '';
  for (const p of paths) {
    const harmless = p.certainty === 'exact' && isHarmlessDevice(p.resolved, p.access === 'write' ? 'write' : 'read');
    const insideSome = roots === undefined || harmless || roots.some((r) => isInside(p.resolved, r.root));
    const access = p.access === 'cwd' ? 'cwd' : p.access;
    if (p.certainty === 'exact') {
      accesses.push({ arg: p.arg, resolved: p.resolved, inside: insideSome, access, command: p.command });
      if (!insideSome) {
        rules.push({
          key: `${keyBase}.allowedPaths`,
          decision: 'blocked',
          detail: `${p.command} ${verbs[p.access]} ${p.resolved} (from ${asWritten(p.arg)}), outside allowedPaths [${list}]`,
        });
      }
      continue;
    }
    accesses.push({ arg: p.arg, resolved: p.certainty === 'prefix' ? `${p.resolved}...` : '(unknown)', inside: false, access, command: p.command });
    if (roots === undefined) continue;
    const what = p.unknowns.length > 0 ? p.unknowns.join(', ') : 'an unknown value';
    const under = p.certainty === 'prefix' ? p.resolved : undefined;
    // SECURITY: a path below a directory that is outside every root and holds no root cannot end up inside.
    if (under !== undefined && !insideSome && !roots.some((r) => isInside(r.root, under))) {
      rules.push({
        key: `${keyBase}.allowedPaths`,
        decision: 'blocked',
        detail: `${p.command} ${verbs[p.access]} ${asWritten(p.arg)}: whatever ${what} is, it is under ${under}, outside allowedPaths [${list}]`,
      });
    } else {
      rules.push({
        key: `${keyBase}.allowedPaths`,
        decision: 'approval-required',
        detail: `${p.command} ${verbs[p.access]} ${asWritten(p.arg)}, which depends on ${what}: cannot tell whether it stays inside allowedPaths [${list}]`,
      });
    }
  }
  return { accesses, rules };
}
