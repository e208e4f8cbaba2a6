// `argent-run --check`: proves on this host that bwrap builds the sandbox the chosen profile asks for,
// with its seccomp filter and limits, by running `true` in it. Exit 0, or 125 with the fix.
import { ArgentError } from '../errors.js';
import { findHostTools, probeNamespaces } from '../sandbox/host.js';
import { prepareLaunch } from '../sandbox/prepare.js';
import { runInPty } from '../sandbox/pty.js';
import type { RunArgs } from './run-args.js';

export async function runCheck(args: RunArgs): Promise<number> {
  const { loadChosenProfile } = await import('../profile/load.js');
  const { profile } = loadChosenProfile(args.profile);
  const tools = findHostTools();
  probeNamespaces(tools);
  const prepared = prepareLaunch({ profile, workdir: args.workdir ?? process.cwd(), tools, hostEnv: process.env, argv: ['bash', '--noprofile', '--norc', '-c', 'test -w "$PWD" || { echo "the working root $PWD is not writable inside the sandbox (is it owned by another user?)"; exit 3; }; test -e /run/docker.sock && { echo "/run/docker.sock is visible inside the sandbox"; exit 4; }; exit 0'] });
  const res = await runInPty(prepared.spec, { timeoutMs: 10_000 }).finally(() => prepared.release());
  if (res.exitCode !== 0) {
    throw new ArgentError('SANDBOX_UNAVAILABLE', `the sandbox check failed (exit ${res.exitCode}): ${res.output.toString().trim()}`, {
      hint: 'run with a working bubblewrap (apt-get install bubblewrap) and user namespaces enabled',
    });
  }
  const limit = prepared.processLimit ? 'process limit enforced' : 'WARNING: process limit NOT enforced (root without a writable pids cgroup)';
  process.stdout.write(`sandbox OK: ${tools.bwrap}, profile ${profile.name} (${profile.sandbox.isolation}, network ${profile.sandbox.network}), ${limit}, ${res.durationMs} ms\n`);
  return 0;
}
