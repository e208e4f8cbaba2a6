// bubblewrap's argv for one sandbox, built by a pure function so every mount can be unit-tested.
// Order matters: later mounts cover earlier ones. Read-only root, then what is hidden, then the
// read-write allowedPaths, then what must stay hidden or read-only even inside those.

export interface BwrapInput {
  /** The working root: the sandbox's cwd (already realpath'd, inside one of `writable`). */
  workdir: string;
  /** Existing allowedPaths, expanded and realpath'd: bound read-write at the same path. */
  writable: string[];
  /** Directories to cover with an empty tmpfs: homes, /run, $XDG_RUNTIME_DIR (those that exist). */
  hiddenDirs: string[];
  /** Unix sockets (or other single files) to cover with /dev/null, e.g. $SSH_AUTH_SOCK. */
  hiddenFiles: string[];
  /** Socket directories that must be hidden again if a writable bind re-exposed them (/tmp/.X11-unix). */
  rehideDirs: string[];
  /** Files and folders bound read-only OVER the writable binds: profile files, the audit log folder. */
  protectedPaths: string[];
  /** Files to bind back read-only after hiding their parent (e.g. /etc/resolv.conf's target under /run). */
  restoreFiles: string[];
  /** True when the profile lists /tmp/: the host /tmp is then one of `writable` instead of a private tmpfs. */
  sharedTmp: boolean;
  network: 'none' | 'host';
  /** The fd number bwrap reads the seccomp program from, if any. */
  seccompFd?: number;
  /** Pass `--disable-userns` (bwrap 0.8+, see HostTools.disableUserns). */
  disableUserns?: boolean;
}

function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** The bwrap options (without the trailing `--` and command) for one sandbox (pure). */
export function buildBwrapArgs(input: BwrapInput): string[] {
  const args = ['--ro-bind', '/', '/'];
  // SECURITY: a fresh /dev holds only null, zero, random, tty, ptmx, pts...: no disk or memory device.
  // Remounted read-only so `> /dev/sda` fails instead of creating a file; writing to /dev/null still works.
  args.push('--dev', '/dev', '--remount-ro', '/dev');
  // POSIX shared memory (python multiprocessing, browsers) needs a writable /dev/shm: a private tmpfs.
  args.push('--tmpfs', '/dev/shm');
  args.push('--proc', '/proc');
  // SECURITY: homes hold ~/.ssh, ~/.aws, tokens and .env files; reads are confined, not only writes.
  if (!input.sharedTmp) args.push('--tmpfs', '/tmp');
  for (const dir of input.hiddenDirs) args.push('--tmpfs', dir);
  for (const file of input.restoreFiles) args.push('--ro-bind', file, file);
  for (const dir of input.writable) args.push('--bind', dir, dir);
  // SECURITY: a network namespace does not stop unix sockets: cover the ones a writable bind brought back.
  for (const dir of input.rehideDirs) {
    if (input.writable.some((w) => under(dir, w))) args.push('--tmpfs', dir);
  }
  for (const file of input.hiddenFiles) args.push('--ro-bind', '/dev/null', file);
  // SECURITY: the agent must not loosen its own sandbox by editing its profile or the audit log, even
  // when they live inside an allowedPath: bind them read-only over the writable binds.
  for (const path of input.protectedPaths) args.push('--ro-bind', path, path);
  args.push('--unshare-all', '--unshare-user');
  // SECURITY: no nested user namespace (`unshare -U`, where the command would be "root" again): bwrap
  // leaves the command's namespace with its user.max_user_namespaces quota used up, out of its reach
  // (ENOSPC). It needs --unshare-user, always given above, so it holds for root and non-root callers
  // alike (both measured). The seccomp filter denies CLONE_NEWUSER as well, for bwrap < 0.8.
  if (input.disableUserns) args.push('--disable-userns');
  if (input.network === 'host') args.push('--share-net');
  // SECURITY: bwrap keeps every capability for uid 0 inside the user namespace; with them a command
  // could unmount the tmpfs over /root and read the real home. Drop them all.
  args.push('--cap-drop', 'ALL');
  args.push('--die-with-parent');
  // No --new-session: it would detach the command from the PTY (no job control, no ^C). TIOCSTI, the
  // attack it stops, is blocked by the seccomp filter instead.
  if (input.seccompFd !== undefined) args.push('--seccomp', String(input.seccompFd));
  args.push('--chdir', input.workdir);
  return args;
}
