// The full argv for one sandboxed command: a tiny launcher bash that hands the seccomp program to bwrap
// on a pipe (node-pty cannot pass extra fds), bwrap with its mounts, prlimit, then the command.
// Nothing is written to disk: a seccomp file could be edited by an earlier sandboxed command.
import type { Profile } from '../profile/profile.js';
import { buildBwrapArgs } from './bwrap-args.js';
import { buildSandboxEnv } from './env.js';
import type { HostTools } from './host.js';
import { prlimitArgs } from './limits.js';
import type { SandboxPlan } from './plan.js';
import { buildSeccompFilter, toPrintfEscapes } from './seccomp.js';

export interface LaunchSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  isolation: 'bwrap' | 'none';
  /** The launcher's marker nonce: `\x1e<nonce>-ready 0\x1e` before the command, `\x1e<nonce> <status>\x1e` after. */
  nonce: string;
}

// SECURITY: variables that make bash (the launcher runs OUTSIDE the sandbox) source or run code.
const LAUNCHER_UNSAFE = ['BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'PROMPT_COMMAND', 'PS4', 'IFS', 'CDPATH', 'GLOBIGNORE'];

// The launcher runs OUTSIDE the sandbox as the PTY's session leader. It joins the pids cgroup, sets the
// terminal modes, prints a ready marker, runs bwrap with the seccomp program on fd 3 (a pipe: nothing on
// disk for an earlier command to edit), then prints an end marker with bwrap's status and waits for the
// supervisor's acknowledgement. SECURITY/robustness: the last holder of the PTY slave must not exit
// before the supervisor has read everything, or Linux discards the tail of the output at hangup.
// $1 nonce, $2 seccomp program as printf escapes ("" = none), $3 the cgroup file to write 0 (itself) into
// ("" = none, see PidsCgroup.procs), $4 stty modes.
const LAUNCHER = [
  'n=$1; f=$2; cg=$3; m=$4; shift 4',
  'if [ -n "$cg" ]; then builtin echo 0 > "$cg" || exit 125; fi',
  'if [ -n "$m" ]; then stty $m 2>/dev/null; fi',
  "trap : INT QUIT",
  "builtin printf '\\036%s 0\\036' \"$n-ready\"",
  'if [ -n "$f" ]; then "$@" 3< <(builtin printf "$f"); else "$@"; fi',
  'rc=$?',
  // The leading newline is the marker's own (the reader strips it), so a last line without one stays as is.
  "builtin printf '\\n\\036%s %d\\036' \"$n\" \"$rc\"",
  // Wait (bounded) for the supervisor's acknowledgement: the nonce on a line of its own. An end of input
  // (the ^D a one-shot sends when its stdin ends, unread by the command) must not end the wait early:
  // exiting before the supervisor has read the end marker let node-pty report the exit before the last
  // bytes, and a newline leaked into the output. A timeout (status > 128) or a few EOFs in a row end it.
  'e=0',
  'while :; do IFS= read -r -t 5 l; s=$?; if [ $s -eq 0 ]; then [ "$l" = "$n" ] && break; elif [ $s -gt 128 ] || [ $((e += 1)) -gt 3 ]; then break; fi; done',
  'exit $rc',
].join('\n');

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
  /** stty settings for the PTY before the command starts (e.g. -echo when stdin is a pipe). */
  ttyModes?: string[];
  /** The marker nonce (random per launch). */
  nonce: string;
}

/** Builds the spawn spec (pure given its inputs). */
export function buildLaunch(input: LaunchInput): LaunchSpec {
  const { profile, plan, tools } = input;
  const env = buildSandboxEnv({ host: input.hostEnv, envAllow: profile.sandbox.envAllow, home: plan.home });
  for (const name of LAUNCHER_UNSAFE) delete env[name];
  const inner = [...prlimitArgs(profile.sandbox.limits), ...input.argv];
  const none = profile.sandbox.isolation === 'none';
  const filter = none ? '' : toPrintfEscapes(buildSeccompFilter(input.arch ?? process.arch));
  const sandboxed = none ? inner : [tools.bwrap, ...buildBwrapArgs({ ...plan.bwrap, seccompFd: 3, disableUserns: tools.disableUserns }), '--', ...inner];
  return {
    file: tools.bash,
    args: ['--noprofile', '--norc', '-c', LAUNCHER, 'argent-launch', input.nonce, filter, input.cgroupProcs ?? '', (input.ttyModes ?? []).join(' '), ...sandboxed],
    env,
    cwd: plan.bwrap.workdir,
    isolation: none ? 'none' : 'bwrap',
    nonce: input.nonce,
  };
}
