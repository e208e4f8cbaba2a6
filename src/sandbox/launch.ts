// The full argv for one sandboxed command: a tiny launcher bash that hands the seccomp program to bwrap
// on a pipe (node-pty cannot pass extra fds), bwrap with its mounts, prlimit, then the command.
// Nothing is written to disk: a seccomp file could be edited by an earlier sandboxed command.
import type { Profile } from '../profile/profile.js';
import { buildBwrapArgs } from './bwrap-args.js';
import { buildSandboxEnv } from './env.js';
import type { HostTools } from './host.js';
import { prlimitArgs } from './limits.js';
import type { SandboxPlan } from './plan.js';
import { buildTiocstiFilter, toPrintfEscapes } from './seccomp.js';

export interface LaunchSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  isolation: 'bwrap' | 'none';
}

// SECURITY: variables that make bash (the launcher runs OUTSIDE the sandbox) source or run code.
const LAUNCHER_UNSAFE = ['BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'PROMPT_COMMAND', 'PS4', 'IFS', 'CDPATH', 'GLOBIGNORE'];

// $1: the seccomp program as printf escapes; $2: a pids cgroup's cgroup.procs to join first, or "".
const LAUNCHER = 'if [ -n "$2" ]; then builtin echo $$ > "$2" || exit 125; fi; exec 3< <(builtin printf "$1") || exit 125; shift 2; exec "$@"';

export interface LaunchInput {
  profile: Profile;
  plan: SandboxPlan;
  tools: HostTools;
  hostEnv: Readonly<Record<string, string | undefined>>;
  /** The argv to run inside (e.g. ["bash", "-c", cmd]). */
  argv: string[];
  arch?: string;
  /** A pids cgroup to run in (root callers, where RLIMIT_NPROC does not apply). */
  cgroupProcs?: string;
}

/** Builds the spawn spec (pure given its inputs). */
export function buildLaunch(input: LaunchInput): LaunchSpec {
  const { profile, plan, tools } = input;
  const env = buildSandboxEnv({ host: input.hostEnv, envAllow: profile.sandbox.envAllow, home: plan.home });
  for (const name of LAUNCHER_UNSAFE) delete env[name];
  const inner = [...prlimitArgs(profile.sandbox.limits), ...input.argv];
  if (profile.sandbox.isolation === 'none') {
    const args = ['--noprofile', '--norc', '-c', 'if [ -n "$1" ]; then builtin echo $$ > "$1" || exit 125; fi; shift; exec "$@"', 'argent-launch', input.cgroupProcs ?? '', ...inner];
    return { file: tools.bash, args, env, cwd: plan.bwrap.workdir, isolation: 'none' };
  }
  const filter = buildTiocstiFilter(input.arch ?? process.arch);
  const bwrapArgs = buildBwrapArgs({ ...plan.bwrap, seccompFd: 3 });
  return {
    file: tools.bash,
    args: ['--noprofile', '--norc', '-c', LAUNCHER, 'argent-launch', toPrintfEscapes(filter), input.cgroupProcs ?? '', tools.bwrap, ...bwrapArgs, '--', ...inner],
    env,
    cwd: plan.bwrap.workdir,
    isolation: 'bwrap',
  };
}
