// Shared fixtures for the sandbox suites: a temp working root with a profile file written by the test
// (exec mode "allowed", so only the OS layer stands between a script and the host).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/profile.js';
import { findHostTools } from '../../src/sandbox/host.js';
import { prepareLaunch } from '../../src/sandbox/prepare.js';
import { runInPty, type PtyRunOptions, type RunResult } from '../../src/sandbox/pty.js';

export interface Fixture {
  root: string;
  workdir: string;
  profileFile: string;
  profile: Profile;
  cleanup(): void;
}

/** A temp dir holding work/ (the working root) and profile.json; `sandbox` is merged into the profile. */
export function makeFixture(sandbox: Record<string, unknown> = {}, exec: Record<string, unknown> = {}): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'argent-sbx-'));
  const workdir = join(root, 'work');
  const profileFile = join(workdir, 'profile.json');
  mkdirSync(workdir, { recursive: true });
  writeFileSync(
    profileFile,
    JSON.stringify({
      security: { mode: 'sandboxed' },
      toolPolicies: { exec: { mode: 'allowed', allowedPaths: ['${WORKDIR}'], ...exec } },
      sandbox: { network: 'none', ...sandbox },
    }),
  );
  const profile = loadProfile(profileFile);
  return { root, workdir, profileFile, profile, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface SandboxRun extends RunResult {
  text: string;
}

/** Runs `bash -c script` in the fixture's sandbox through a real PTY. */
export async function sandboxed(fx: Fixture, script: string, opts: Partial<PtyRunOptions> & { env?: Record<string, string>; profile?: Profile } = {}): Promise<SandboxRun> {
  const profile = opts.profile ?? fx.profile;
  const hostEnv = { ...process.env, ...opts.env };
  const prepared = prepareLaunch({ profile, workdir: fx.workdir, tools: findHostTools(), hostEnv, argv: ['bash', '--noprofile', '--norc', '-c', script] });
  const res = await runInPty(prepared.spec, { timeoutMs: 20_000, ...opts }).finally(() => prepared.release());
  return { ...res, text: res.output.toString('utf8').replace(/\r\n/g, '\n') };
}
