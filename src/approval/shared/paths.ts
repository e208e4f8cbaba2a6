// Where the shared approval page (`argent approvals serve`) listens for sessions: a unix socket in a
// private folder, so only this user's processes can hand it requests or read its answers.
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ArgentError } from '../../errors.js';

/** $XDG_RUNTIME_DIR/argent/approvals.sock, else $XDG_STATE_HOME (~/.local/state)/argent/approvals.sock. */
export function sharedSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  // XDG_RUNTIME_DIR is per-user, 0700 and cleared at logout: the right home for a socket.
  const base = env.XDG_RUNTIME_DIR || env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'argent', 'approvals.sock');
}

/** Why `dir` may not hold the socket (not ours, or open to others), or undefined when it is private. */
export function privateDirProblem(dir: string): string | undefined {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return `${dir} does not exist`;
  }
  // SECURITY: a symlinked or foreign folder could hold another user's socket, whose page would then
  // answer our approvals; a folder others can enter lets them connect and flood the page.
  if (!st.isDirectory()) return `${dir} is not a directory (a symlink or a file)`;
  if (process.getuid && st.uid !== process.getuid()) return `${dir} belongs to uid ${st.uid}, not to us (uid ${process.getuid()})`;
  if ((st.mode & 0o077) !== 0) return `${dir} is open to other users (mode ${(st.mode & 0o777).toString(8)}, expected 700)`;
  return undefined;
}

/** Creates the socket's folder (0700) when missing; throws when it exists but is not private. */
export function ensureSocketDir(socketPath: string): void {
  const dir = dirname(socketPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const problem = privateDirProblem(dir);
  if (problem) throw new ArgentError('CONFIG_UNREADABLE', `the approval socket's folder is unsafe: ${problem}`, { hint: `chmod 700 ${dir} (and make sure you own it)` });
}

/** True when `socketPath` is a socket we own in a private folder (safe to connect to or replace). */
export function isOurSocket(socketPath: string): boolean {
  if (privateDirProblem(dirname(socketPath)) !== undefined) return false;
  try {
    const st = lstatSync(socketPath);
    return st.isSocket() && (!process.getuid || st.uid === process.getuid());
  } catch {
    return false;
  }
}
