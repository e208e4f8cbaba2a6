// Finding bubblewrap and proving it can build a sandbox on this host. Missing or broken bwrap is an
// error with the install command, never a reason to run unsandboxed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { ArgentError } from '../errors.js';

const INSTALL_HINT = 'install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`, Fedora: `dnf install bubblewrap`); in a container, run it with `--security-opt seccomp=unconfined --security-opt systempaths=unconfined`';

/** The first executable named `name` on PATH (or the standard system folders), or null. */
export function findExecutable(name: string, path: string | undefined = process.env.PATH): string | null {
  const dirs = [...(path ?? '').split(':'), '/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir.startsWith('/')) continue;
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return null;
}

export interface HostTools {
  bwrap: string;
  bash: string;
  /** bwrap has `--disable-userns` (0.8+): the sandbox then cannot create nested user namespaces. */
  disableUserns: boolean;
}

/** Whether this bwrap binary knows `--disable-userns`, read from the binary's own option strings. */
export function bwrapHasDisableUserns(bwrap: string): boolean {
  // A read (~70 KB, well under 1 ms) rather than spawning `bwrap --help` before every command. Unreadable
  // (a mode 0711 setuid install) counts as absent: the seccomp filter still denies CLONE_NEWUSER.
  try {
    return readFileSync(bwrap).includes('--disable-userns');
  } catch {
    return false;
  }
}

/** Locates bwrap and bash; throws SANDBOX_UNAVAILABLE (exit 125) with the install command when bwrap is missing. */
export function findHostTools(env: NodeJS.ProcessEnv = process.env): HostTools {
  const bwrap = findExecutable('bwrap', env.PATH);
  if (!bwrap) {
    throw new ArgentError('SANDBOX_UNAVAILABLE', 'bubblewrap (bwrap) is not installed, and argent-run never runs a command without its sandbox', {
      hint: INSTALL_HINT,
    });
  }
  const bash = findExecutable('bash', '/usr/bin:/bin');
  if (!bash) throw new ArgentError('SANDBOX_UNAVAILABLE', 'bash is not installed', { hint: 'install bash' });
  return { bwrap, bash, disableUserns: bwrapHasDisableUserns(bwrap) };
}

/** Runs a trivial command in the same kind of sandbox; throws SANDBOX_UNAVAILABLE with bwrap's own words. */
export function probeNamespaces(tools: HostTools): void {
  // `/bin/sh -c :` rather than `true`: the probe must not depend on the caller's PATH.
  const userns = tools.disableUserns ? ['--disable-userns'] : [];
  const res = spawnSync(tools.bwrap, ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-all', '--unshare-user', ...userns, '--cap-drop', 'ALL', '--die-with-parent', '--', '/bin/sh', '-c', ':'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (res.status !== 0) {
    const why = (res.stderr || res.error?.message || `exit ${res.status}`).trim();
    throw new ArgentError('SANDBOX_UNAVAILABLE', `bubblewrap cannot create namespaces on this host: ${why}`, {
      hint: `${INSTALL_HINT}; unprivileged user namespaces must be enabled (sysctl kernel.unprivileged_userns_clone=1)`,
    });
  }
}
