// Resource limits as a prlimit(1) prefix. It runs INSIDE the sandbox's user namespace: RLIMIT_NPROC is
// only enforced there when the caller is root (environment.md), so setting it outside would be a no-op.
import type { EffectiveLimits } from '../profile/profile.js';

/** The argv prefix that applies the profile's limits, then execs the rest (pure). */
export function prlimitArgs(limits: EffectiveLimits, prlimit = 'prlimit'): string[] {
  const mib = 1024 * 1024;
  return [
    prlimit,
    `--nproc=${limits.processes}`,
    `--as=${limits.memoryMb * mib}`,
    `--fsize=${limits.fileSizeMb * mib}`,
    `--cpu=${limits.cpuSeconds}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
    '--',
  ];
}
