// Turns a profile, a working root and the host's facts into a BwrapInput: expands ${WORKDIR} and ~ in
// allowedPaths, keeps those that exist, and lists what to hide. The only stage that looks at the host
// filesystem before spawning; everything after it is pure.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArgentError } from '../errors.js';
import type { Profile } from '../profile/profile.js';
import type { BwrapInput } from './bwrap-args.js';
import { expandAllowedPaths as expandAllowedRoots } from '../policy/allowed-paths.js';

export interface PlanInput {
  profile: Profile;
  workdir: string;
  /** The caller's environment (HOME, XDG_RUNTIME_DIR, SSH_AUTH_SOCK are read from it). */
  hostEnv: Readonly<Record<string, string | undefined>>;
  /** Files and folders that must never be writable inside (the audit log and its folder). */
  protect?: string[];
}

export interface SandboxPlan {
  bwrap: Omit<BwrapInput, 'seccompFd' | 'disableUserns'>;
  /** The caller's home path: inside it is an empty private tmpfs, and HOME points to it. */
  home: string;
}

function under(path: string, dir: string): boolean {
  return path === dir || dir === '/' || path.startsWith(`${dir}/`);
}

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** allowedPaths with ${WORKDIR} and ~ expanded and symlinks resolved (the policy engine's expansion); missing ones skipped. */
export function expandAllowedPaths(entries: readonly string[], workdir: string, home: string): string[] {
  const out: string[] = [];
  for (const { root } of expandAllowedRoots([...entries], workdir, home)) {
    const resolved = real(root);
    if (resolved !== null && !out.includes(resolved)) out.push(resolved);
  }
  return out;
}

/** Checks the working root and computes every mount of the sandbox. Throws WORKDIR_INVALID with the fix. */
export function planSandbox(input: PlanInput): SandboxPlan {
  const { hostEnv, profile } = input;
  const workdir = real(input.workdir);
  if (workdir === null || !lstatSync(workdir).isDirectory()) {
    throw new ArgentError('WORKDIR_INVALID', `working root ${input.workdir} does not exist or is not a directory`, {
      hint: 'create it, or pass an existing directory with --workdir',
    });
  }
  const home = real(hostEnv.HOME ?? '/root') ?? hostEnv.HOME ?? '/root';
  const allowed = profile.toolPolicies.exec?.allowedPaths;
  // Absent allowedPaths leaves the policy unrestricted, but the OS layer still writes only to the working root.
  const writable = allowed === undefined ? [workdir] : expandAllowedPaths(allowed, workdir, home);
  if (!writable.some((w) => under(workdir, w))) {
    throw new ArgentError('WORKDIR_INVALID', `working root ${workdir} is outside the profile's allowedPaths`, {
      problems: [`allowedPaths (existing): ${writable.length ? writable.join(', ') : '(none)'}`],
      hint: 'pass a --workdir inside toolPolicies.exec.allowedPaths, or add it (or "${WORKDIR}") to the profile',
    });
  }
  const candidates = ['/home', '/root', home, '/run', '/var/run', hostEnv.XDG_RUNTIME_DIR ?? ''];
  const hiddenDirs: string[] = [];
  for (const dir of candidates) {
    if (!dir.startsWith('/') || dir === '/' || !existsSync(dir) || lstatSync(dir).isSymbolicLink()) continue;
    if (hiddenDirs.some((h) => under(dir, h))) continue;
    hiddenDirs.push(dir);
  }
  const sharedTmp = writable.some((w) => w === '/tmp');
  const covered = (p: string): boolean => hiddenDirs.some((h) => under(p, h)) || (!sharedTmp && under(p, '/tmp'));
  const reachable = (p: string): boolean => writable.some((w) => under(p, w)) || !covered(p);
  const hiddenFiles: string[] = [];
  const sock = hostEnv.SSH_AUTH_SOCK;
  if (sock && sock.startsWith('/') && existsSync(sock) && reachable(sock)) hiddenFiles.push(sock);
  const rehideDirs = ['/tmp/.X11-unix', '/tmp/.ICE-unix'].filter((d) => existsSync(d));
  const protectedPaths = [...profile.sources, ...(input.protect ?? [])]
    .map((p) => real(p))
    .filter((p): p is string => p !== null && writable.some((w) => under(p, w)))
    // A folder that holds a writable root (the log folder above the working root) cannot be bound
    // read-only without making that root read-only too; the file itself still is (a bind-mounted file
    // cannot be deleted, renamed or rewritten from inside).
    .filter((p) => !writable.some((w) => under(w, p)));
  const restoreFiles: string[] = [];
  if (profile.sandbox.network === 'host') {
    // /etc/resolv.conf often points into /run (systemd-resolved); bring that one file back for DNS.
    const resolv = real('/etc/resolv.conf');
    if (resolv && hiddenDirs.some((h) => under(resolv, h))) restoreFiles.push(resolv);
  }
  return {
    home,
    bwrap: {
      workdir,
      writable,
      hiddenDirs,
      hiddenFiles,
      rehideDirs,
      protectedPaths: [...new Set(protectedPaths)],
      restoreFiles,
      sharedTmp,
      network: profile.sandbox.network,
    },
  };
}

/** The folder of each file, for protecting a log file's folder as well as the file. */
export function withParents(files: string[]): string[] {
  return files.flatMap((f) => [f, dirname(f)]);
}
