// Everything before a spawn, in one call: plan the mounts, make the pids cgroup a root caller needs,
// and build the launch spec. `release()` removes the cgroup once the sandbox has ended.
import { randomBytes } from '../util/random.js';
import type { Profile } from '../profile/profile.js';
import { createPidsCgroup, needsPidsCgroup } from './cgroup.js';
import type { HostTools } from './host.js';
import { buildLaunch, type LaunchSpec } from './launch.js';
import { planSandbox } from './plan.js';

export interface PrepareInput {
  profile: Profile;
  workdir: string;
  tools: HostTools;
  hostEnv: Readonly<Record<string, string | undefined>>;
  argv: string[];
  protect?: string[];
  ttyModes?: string[];
}

export interface Prepared {
  spec: LaunchSpec;
  /** True when the process limit is enforced (RLIMIT_NPROC for non-root, a pids cgroup for root). */
  processLimit: boolean;
  release(): Promise<void>;
}

/** Plans and builds one sandbox launch. Throws WORKDIR_INVALID / SANDBOX_UNAVAILABLE with the fix. */
export function prepareLaunch(input: PrepareInput): Prepared {
  const plan = planSandbox({ profile: input.profile, workdir: input.workdir, hostEnv: input.hostEnv, protect: input.protect ?? [] });
  const cgroup = needsPidsCgroup() ? createPidsCgroup(input.profile.sandbox.limits.processes) : null;
  const spec = buildLaunch({ profile: input.profile, plan, tools: input.tools, hostEnv: input.hostEnv, argv: input.argv, nonce: randomBytes(16).toString('hex'), ...(input.ttyModes ? { ttyModes: input.ttyModes } : {}), ...(cgroup ? { cgroupProcs: cgroup.procs } : {}) });
  return { spec, processLimit: cgroup !== null || !needsPidsCgroup(), release: cgroup ? cgroup.remove : async () => {} };
}
