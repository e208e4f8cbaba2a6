// An agent must not be able to edit its own sandbox. A profile or config file is refused when
// another user could change it (the file or a directory above it writable by others, or owned by
// someone else) or when the sandboxed command could (it lies inside a writable allowedPath).
import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, sep } from 'node:path';
import { ArgentError } from '../errors.js';
import type { Profile } from './profile.js';

export interface SafetyOptions {
  /** The sandbox's writable paths, already expanded (${WORKDIR}, ~) to absolute paths. */
  allowedPaths: string[];
  /** The caller's uid (process.getuid()); files must belong to it or to root. */
  uid: number;
  /** Paths the sandbox mounts read-only on top of allowedPaths (e.g. the shipped profiles/ folder,
   *  bound with `--ro-bind DIR DIR` after the writable binds): nothing inside can write them. */
  readOnlyInside?: string[];
}

const STICKY = 0o1000;

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function ownerProblem(what: string, path: string, st: Stats, uid: number): string | undefined {
  if (st.uid !== uid && st.uid !== 0) return `${what} ${path} is owned by uid ${st.uid}, not by you (uid ${uid}) or root`;
  return undefined;
}

/** Problems that let another user change `file`: the file itself and every directory above it. */
function otherUserProblems(file: string, uid: number): string[] {
  const problems: string[] = [];
  const st = statSync(file);
  const own = ownerProblem('file', file, st, uid);
  if (own) problems.push(own);
  if (st.mode & 0o022) problems.push(`file ${file} is ${st.mode & 0o002 ? 'world' : 'group'}-writable (mode ${(st.mode & 0o777).toString(8)})`);
  // Every ancestor matters: whoever can rename a directory above can swap the whole subtree.
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const d = statSync(dir);
    const downer = ownerProblem('directory', dir, d, uid);
    if (downer) problems.push(downer);
    // A sticky directory (/tmp) is safe: others cannot rename or remove entries they do not own.
    if (d.mode & 0o022 && !(d.mode & STICKY)) problems.push(`directory ${dir} is ${d.mode & 0o002 ? 'world' : 'group'}-writable (mode ${(d.mode & 0o777).toString(8)})`);
    if (dir === dirname(dir)) break;
  }
  return problems;
}

function writableByCaller(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Refuses (ArgentError PROFILE_UNSAFE) a profile whose files another user or the sandboxed command could edit. */
export function assertProfileSafe(profile: Profile, options: SafetyOptions): void {
  const problems: string[] = [];
  const allowed = options.allowedPaths.map(real);
  const readOnly = (options.readOnlyInside ?? []).map(real);
  for (const source of profile.sources) {
    const file = real(source);
    // A symlinked profile is as safe as the link's directories and the target's.
    if (lstatSync(source).isSymbolicLink()) problems.push(...otherUserProblems(source, options.uid));
    problems.push(...otherUserProblems(file, options.uid));
    const root = allowed.find((a) => inside(file, a));
    if (root === undefined) continue;
    // The sandbox runs as the caller's uid: what the caller cannot write, the command cannot either.
    const sandboxCanWrite = writableByCaller(file) || writableByCaller(dirname(file));
    if (sandboxCanWrite && !readOnly.some((r) => inside(file, r))) {
      problems.push(`file ${file} lies inside the sandbox's writable path ${root}: the sandboxed command could edit its own profile`);
    }
  }
  const unique = [...new Set(problems)];
  if (unique.length === 0) return;
  throw new ArgentError('PROFILE_UNSAFE', `profile ${profile.name} is unsafe to use (${unique.length} problem${unique.length === 1 ? '' : 's'}):`, {
    problems: unique,
    hint: 'keep profiles in a directory only you can write (chmod go-w FILE DIR; chown to yourself) and outside every allowedPath, or have the sandbox mount that directory read-only',
  });
}
